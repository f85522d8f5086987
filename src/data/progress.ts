/** A one-line progress bar on stderr, only when stderr is a terminal; redrawn at most every 100 ms. */

export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

export function progressBar(
  label: string,
  enabled: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!enabled || !stream.isTTY) return { update() {}, end() {} };
  let last = 0;
  let shown = false;
  const draw = (done: number, total: number) => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
    const filled = total ? Math.round((done / total) * width) : 0;
    stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    shown = true;
  };
  return {
    update(done, total) {
      const now = Date.now();
      if (done === total || now - last >= 100) {
        last = now;
        draw(done, total);
      }
    },
    end() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
