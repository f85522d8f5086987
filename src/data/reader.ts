/**
 * The one interface every data location (local disk, HTTP(S), S3) offers the commands:
 * list the files of a target, read a suffix or a byte range. Requests are counted so that
 * `--json` output (and tests) can show that a scan read footers only.
 */

export interface DataFile {
  /** Where the file is: a local path, an http(s):// URL or s3://bucket/key. */
  readonly url: string;
  /** Size in bytes when the listing told us (saves a request); otherwise learnt from the first read. */
  readonly size?: number;
}

export interface RequestStats {
  /** Listing calls (S3 ListObjectsV2 pages, directory reads are not counted). */
  list: number;
  /** Ranged reads (GET with Range, or pread on disk), including retries. */
  get: number;
  /** Bytes received by ranged reads. */
  bytes: number;
  /** Attempts that failed and were retried. */
  retries: number;
}

export interface Suffix {
  /** The last bytes of the file (fewer when the file is shorter). */
  readonly bytes: Uint8Array;
  /** The whole file's size. */
  readonly size: number;
}

export interface Reader {
  readonly stats: RequestStats;
  /** The last `n` bytes of a file and its total size, in one request when possible. */
  suffix(file: DataFile, n: number): Promise<Suffix>;
  /** Bytes [start, end) of a file. */
  range(file: DataFile, start: number, end: number): Promise<Uint8Array>;
  close?(): Promise<void> | void;
}

export function newStats(): RequestStats {
  return { list: 0, get: 0, bytes: 0, retries: 0 };
}
