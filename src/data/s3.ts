/**
 * S3 targets (`s3://bucket/prefix`): AWS credentials from the usual environment/profile chain,
 * `--endpoint` with path-style addressing for Ceph RGW, MinIO and similar stores.
 * The SDK's own retries are switched off (maxAttempts 1) and replaced by ours, so that every
 * HTTP request is counted in RequestStats. The SDK is imported lazily: it costs ~0.15 s.
 */
import { ExitCode, UserError } from '../cli/errors.js';
import { segmentRegExp } from './glob.js';
import { isHiddenName } from './local.js';
import { withRetry } from './retry.js';
import { newStats, type DataFile, type Reader, type RequestStats } from './reader.js';

export interface S3Options {
  /** Endpoint URL, e.g. http://127.0.0.1:9000 (default: AWS, or AWS_ENDPOINT_URL). */
  readonly endpoint?: string;
  /** Path-style addressing (bucket in the path); default true when an endpoint is given. */
  readonly pathStyle?: boolean;
  /** Region (default AWS_REGION, else us-east-1, which RGW and MinIO accept). */
  readonly region?: string;
  /** Attempts per request (default 4). */
  readonly attempts?: number;
}

export interface S3Url {
  readonly bucket: string;
  readonly key: string;
}

export function parseS3Url(url: string): S3Url {
  const m = /^s3a?:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m || !m[1])
    throw new UserError(`data: bad S3 URL '${url}' (expected s3://bucket/prefix)`, ExitCode.usage);
  return { bucket: m[1], key: m[2] ?? '' };
}

// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- type of the lazily imported module
type S3Module = typeof import('@aws-sdk/client-s3');
type Client = InstanceType<S3Module['S3Client']>;

/** A whole-key glob: wildcards stay within one path segment, as on disk. */
function globRegExp(key: string): RegExp {
  const parts = key.split('/').map((seg) => segmentRegExp(seg).source.replace(/^\^|\$$/g, ''));
  return new RegExp(`^${parts.join('/')}$`);
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function retryable(err: unknown): boolean {
  const s = statusOf(err);
  return s === undefined || s === 408 || s === 429 || s >= 500;
}

function remoteError(what: string, err: unknown): UserError {
  const e = err as { name?: string; message?: string };
  const s = statusOf(err);
  const detail = [s ? `HTTP ${s}` : '', e?.name ?? '', e?.message ?? String(err)].filter(Boolean).join(' ');
  return new UserError(`data: ${what} failed: ${detail}`, ExitCode.remote);
}

export interface S3Reader extends Reader {
  list(url: string): Promise<DataFile[]>;
}

export async function s3Reader(opts: S3Options = {}): Promise<S3Reader> {
  // aglais supports Node >= 20.19 on purpose; the SDK's notice about its own future Node 22
  // requirement would only clutter every command's stderr
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const sdk: S3Module = await import('@aws-sdk/client-s3');
  const endpoint = opts.endpoint ?? process.env['AWS_ENDPOINT_URL_S3'] ?? process.env['AWS_ENDPOINT_URL'];
  if (endpoint !== undefined && !/^https?:\/\/[^/\s]+/.test(endpoint)) {
    throw new UserError(
      `data: bad S3 endpoint '${endpoint}' (expected http(s)://host[:port])`,
      ExitCode.usage,
    );
  }
  const client: Client = new sdk.S3Client({
    region: opts.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: opts.pathStyle ?? endpoint !== undefined,
    maxAttempts: 1,
  });
  const stats: RequestStats = newStats();
  const attempts = opts.attempts ?? 4;
  async function call<T>(kind: 'list' | 'get', what: string, fn: () => Promise<T>): Promise<T> {
    let first = true;
    try {
      return await withRetry(fn, {
        attempts,
        retryable,
        onAttempt: () => {
          stats[kind]++;
          if (!first) stats.retries++;
          first = false;
        },
      });
    } catch (err) {
      throw remoteError(what, err);
    }
  }
  async function getRange(file: DataFile, range: string): Promise<{ bytes: Uint8Array; total?: number }> {
    const { bucket, key } = parseS3Url(file.url);
    return call('get', `GET ${file.url} (${range})`, async () => {
      const res = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key, Range: range }));
      const bytes = res.Body ? await res.Body.transformToByteArray() : new Uint8Array(0);
      stats.bytes += bytes.length;
      const m = res.ContentRange ? /\/(\d+)\s*$/.exec(res.ContentRange) : null;
      const total = m ? Number(m[1]) : res.ContentRange ? undefined : bytes.length;
      return { bytes, ...(total !== undefined ? { total } : {}) };
    });
  }
  return {
    stats,
    async list(url: string) {
      const parsed = parseS3Url(url);
      const { bucket } = parsed;
      // a glob lists the prefix before its first wildcard and filters the keys
      const wild = parsed.key.search(/[*?[]/);
      const pattern = wild >= 0 ? globRegExp(parsed.key) : undefined;
      const key = wild >= 0 ? parsed.key.slice(0, wild) : parsed.key;
      const out: DataFile[] = [];
      // a prefix "dir" means "dir/…" unless it names an object itself
      let token: string | undefined;
      do {
        const page = await call('list', `list ${url}`, () =>
          client.send(
            new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: key, ContinuationToken: token }),
          ),
        );
        for (const o of page.Contents ?? []) {
          if (!o.Key || o.Key.endsWith('/')) continue;
          if (pattern) {
            if (pattern.test(o.Key))
              out.push({ url: `s3://${bucket}/${o.Key}`, ...(o.Size !== undefined ? { size: o.Size } : {}) });
            continue;
          }
          const rel = o.Key.slice(key.length).replace(/^\//, '');
          const exact = o.Key === key;
          const underDir = key === '' || key.endsWith('/') || o.Key.startsWith(`${key}/`);
          if (!exact && !underDir) continue; // s3://b/tab must not pick up s3://b/table2/…
          if (!exact && rel.split('/').some(isHiddenName)) continue;
          out.push({ url: `s3://${bucket}/${o.Key}`, ...(o.Size !== undefined ? { size: o.Size } : {}) });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      out.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
      return out;
    },
    async suffix(file, n) {
      const range = file.size !== undefined ? `bytes=${Math.max(0, file.size - n)}-` : `bytes=-${n}`;
      const r = await getRange(file, range);
      const size = file.size ?? r.total;
      if (size === undefined)
        throw new UserError(`data: ${file.url}: no Content-Range in reply`, ExitCode.remote);
      return { bytes: r.bytes, size };
    },
    async range(file, start, end) {
      if (end <= start) return new Uint8Array(0);
      return (await getRange(file, `bytes=${start}-${end - 1}`)).bytes;
    },
    close() {
      client.destroy();
    },
  };
}
