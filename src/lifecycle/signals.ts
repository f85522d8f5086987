/**
 * Ctrl-C during `up`/`down`: the first SIGINT stops at the next safe point
 * (between two objects, or inside a wait), releases the lock and exits 130;
 * a second one exits at once. The CLI's own handler is set aside meanwhile
 * and put back afterwards.
 */
export interface Interruptible {
  readonly signal: AbortSignal;
  restore(): void;
}

export function interruptible(onFirst: () => void = () => undefined): Interruptible {
  const controller = new AbortController();
  const previous = process.listeners('SIGINT');
  process.removeAllListeners('SIGINT');
  const handler = () => {
    if (controller.signal.aborted) {
      process.stderr.write('\naglais: interrupted again: exiting now (the lock expires by itself)\n');
      process.exit(130);
    }
    onFirst();
    controller.abort();
  };
  process.on('SIGINT', handler);
  return {
    signal: controller.signal,
    restore() {
      process.removeListener('SIGINT', handler);
      for (const l of previous) process.on('SIGINT', l as () => void);
    },
  };
}
