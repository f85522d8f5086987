/** Retries with exponential backoff and jitter for S3/HTTP reads. */

export interface RetryOptions {
  /** Total attempts including the first (default 4). */
  readonly attempts?: number;
  /** First backoff delay in ms, doubled each time (default 100). */
  readonly baseMs?: number;
  /** Whether an error is worth another attempt (default: every error). */
  readonly retryable?: (err: unknown) => boolean;
  /** Called before each attempt, e.g. to count requests. */
  readonly onAttempt?: () => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 4;
  const base = opts.baseMs ?? 100;
  for (let i = 1; ; i++) {
    opts.onAttempt?.();
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || (opts.retryable && !opts.retryable(err))) throw err;
      // full jitter keeps many parallel readers from retrying in lockstep against one endpoint
      await sleep(Math.random() * base * 2 ** (i - 1));
    }
  }
}
