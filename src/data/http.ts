/** HTTP(S) targets: one URL per file, read with Range requests (suffix first), retried with backoff. */
import { ExitCode, UserError } from '../cli/errors.js';
import { withRetry } from './retry.js';
import { newStats, type DataFile, type Reader } from './reader.js';

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    url: string,
  ) {
    super(`data: HTTP ${status} for ${url}`);
  }
}

/** 408, 429 and 5xx are worth another try; other statuses are final answers. */
function retryable(err: unknown): boolean {
  if (err instanceof HttpStatusError) return err.status === 408 || err.status === 429 || err.status >= 500;
  return true; // network errors: reset, refused during restart, timeouts
}

/** Total size from `Content-Range: bytes a-b/total`. */
function totalFromContentRange(h: string | null): number | undefined {
  const m = h ? /\/(\d+)\s*$/.exec(h) : null;
  return m ? Number(m[1]) : undefined;
}

export interface HttpOptions {
  /** Retry attempts per request (default 4). */
  readonly attempts?: number;
  /** Per-request timeout in ms (default 30000). */
  readonly timeoutMs?: number;
}

export function httpReader(opts: HttpOptions = {}): Reader {
  const stats = newStats();
  async function get(url: string, range: string): Promise<{ bytes: Uint8Array; total?: number }> {
    let first = true;
    try {
      return await withRetry(
        async () => {
          const res = await fetch(url, {
            headers: { Range: range },
            signal: AbortSignal.timeout(opts.timeoutMs ?? 30000),
          });
          if (res.status !== 206 && res.status !== 200) {
            await res.body?.cancel();
            throw new HttpStatusError(res.status, url);
          }
          const bytes = new Uint8Array(await res.arrayBuffer());
          stats.bytes += bytes.length;
          const total =
            res.status === 206 ? totalFromContentRange(res.headers.get('content-range')) : bytes.length; // server ignored Range and sent the whole file
          return { bytes, ...(total !== undefined ? { total } : {}), full: res.status === 200 };
        },
        {
          attempts: opts.attempts ?? 4,
          retryable,
          onAttempt: () => {
            stats.get++;
            if (!first) stats.retries++;
            first = false;
          },
        },
      );
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw new UserError(msg.startsWith('data:') ? msg : `data: GET ${url} failed: ${msg}`, ExitCode.remote);
    }
  }
  return {
    stats,
    async suffix(file: DataFile, n: number) {
      const range = file.size !== undefined ? `bytes=${Math.max(0, file.size - n)}-` : `bytes=-${n}`;
      const r = await get(file.url, range);
      const size = file.size ?? r.total;
      if (size === undefined)
        throw new UserError(`data: ${file.url}: server sent no Content-Range`, ExitCode.remote);
      const bytes = r.bytes.length > n ? r.bytes.subarray(r.bytes.length - n) : r.bytes;
      return { bytes, size };
    },
    async range(file: DataFile, start: number, end: number) {
      if (end <= start) return new Uint8Array(0);
      const r = await get(file.url, `bytes=${start}-${end - 1}`);
      // a server that ignores Range sends everything: cut out what was asked for
      return r.bytes.length > end - start ? r.bytes.subarray(start, end) : r.bytes;
    },
  };
}
