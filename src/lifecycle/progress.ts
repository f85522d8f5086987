/**
 * Progress of long operations on stderr: live listr2 tasks on a terminal,
 * plain timestamped lines otherwise (CI logs, pipes). Each step says what it
 * is waiting on as that changes, so nothing ever loops silently.
 */

export interface Progress {
  /** Runs one step; `update` reports what it is doing or waiting on right now. */
  step<T>(title: string, fn: (update: (message: string) => void) => Promise<T>): Promise<T>;
  /** A line of its own (a warning, a note). */
  note(message: string): void;
}

export interface ProgressOptions {
  /** Command name for plain lines (`up: ...`). */
  readonly command: string;
  /** Use listr2's live renderer. Default: stderr is a TTY. */
  readonly live?: boolean;
  /** Where plain lines go. Default: stderr. */
  readonly write?: (s: string) => void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export function plainProgress(command: string, write: (s: string) => void): Progress {
  return {
    async step(title, fn) {
      const start = Date.now();
      write(`${command}: ${title}\n`);
      let last = '';
      try {
        const r = await fn((m) => {
          if (m === last) return;
          last = m;
          write(`${command}:   ${m}\n`);
        });
        write(`${command}: ${title}: done in ${seconds(Date.now() - start)}\n`);
        return r;
      } catch (e) {
        write(`${command}: ${title}: failed after ${seconds(Date.now() - start)}\n`);
        throw e;
      }
    },
    note(message) {
      write(`${command}: ${message}\n`);
    },
  };
}

async function liveProgress(): Promise<Progress> {
  const { Listr, ListrLogger, ProcessOutput } = await import('listr2');
  // Progress goes to stderr so that stdout holds only the report.
  const logger = new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) });
  return {
    async step(title, fn) {
      let result: unknown;
      const start = Date.now();
      await new Listr(
        [
          {
            title,
            rendererOptions: { outputBar: 1, persistentOutput: false },
            task: async (_ctx, task) => {
              result = await fn((m) => {
                task.output = m;
              });
              task.title = `${title} (${seconds(Date.now() - start)})`;
            },
          },
        ],
        {
          registerSignalListeners: false,
          exitOnError: true,
          collectErrors: false,
          rendererOptions: { logger },
        },
      ).run();
      return result as Awaited<ReturnType<typeof fn>>;
    },
    note(message) {
      process.stderr.write(`${message}\n`);
    },
  };
}

export async function makeProgress(opts: ProgressOptions): Promise<Progress> {
  const live = opts.live ?? (process.stderr.isTTY === true && process.env['CI'] !== 'true');
  if (live) return liveProgress();
  return plainProgress(opts.command, opts.write ?? ((s) => process.stderr.write(s)));
}
