/**
 * `data scan`: reads every footer of a table by byte range (bounded concurrency on the main
 * thread) and decodes them with the scan decoder on worker threads (one per core).
 * Broken files are recorded and the scan goes on.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FileError, defaultFooterRead, readFooter } from './footer.js';
import { newScanState, type ColumnAggs, type FileScan, type SchemaInfo } from './footer-scan.js';
import { mapLimit } from './pool.js';
import type { DataFile, Reader, RequestStats } from './reader.js';
import { decodeOne, readAndDecode, type PathItem, type WorkItem, type WorkResult } from './scan-worker.js';
import { UserError } from '../cli/errors.js';

export interface ScanOptions {
  /** Footer reads in flight (default 16 on disk, 32 over the network). */
  readonly concurrency?: number;
  /** Decoding threads; 0 decodes on the main thread (default: cores, or 0 below 64 files). */
  readonly workers?: number;
  /** Bytes of the first suffix read (default 64 KiB). */
  readonly footerRead?: number;
  /** Called after each file is decoded or failed. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Remote reads are slower per request: they get more in flight. */
  readonly remote?: boolean;
}

export interface FileOutcome {
  readonly file: DataFile;
  readonly size?: number;
  readonly scan?: FileScan;
  readonly error?: string;
  /** The error was an S3/HTTP failure (exit code remote) rather than a broken file. */
  readonly remoteError?: boolean;
}

export interface RawScan {
  readonly outcomes: FileOutcome[];
  readonly schemas: Map<string, SchemaInfo>;
  readonly aggs: Map<string, ColumnAggs>;
}

const BATCH = 16;
/** Local paths per worker message: large enough to amortise messages, small enough to balance. */
const LOCAL_BATCH = 64;

function addAggs(into: ColumnAggs, from: ColumnAggs): void {
  for (const k of Object.keys(into) as Array<keyof ColumnAggs>) {
    const a = into[k];
    const b = from[k];
    if (k === 'codecs' || k === 'encodings')
      for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) | (b[i] as number);
    else for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) + (b[i] as number);
  }
}

export async function scanFiles(
  files: readonly DataFile[],
  reader: Reader,
  opts: ScanOptions = {},
): Promise<RawScan> {
  const total = files.length;
  const nWorkers = opts.workers ?? (total >= 64 ? Math.min(4, availableParallelism()) : 0);
  const outcomes: FileOutcome[] = files.map((file) => ({ file }));
  const schemas = new Map<string, SchemaInfo>();
  const aggs = new Map<string, ColumnAggs>();
  const footerRead = opts.footerRead ?? defaultFooterRead;
  const concurrency = opts.concurrency ?? (opts.remote ? 32 : 16);
  let done = 0;
  const progress = () => opts.onProgress?.(++done, total);
  const accept = (r: WorkResult) => {
    const o = outcomes[r.index] as FileOutcome;
    const size = r.size ?? o.size;
    outcomes[r.index] = {
      file: o.file,
      ...(size !== undefined ? { size } : {}),
      ...('scan' in r ? { scan: r.scan } : { error: r.error }),
    };
    progress();
  };
  const readFailed = (index: number, err: unknown) => {
    const remote = err instanceof UserError;
    const msg = err instanceof FileError ? err.reason : err instanceof Error ? err.message : String(err);
    outcomes[index] = {
      file: files[index] as DataFile,
      error: msg,
      ...(remote ? { remoteError: true } : {}),
    };
    progress();
  };

  if (nWorkers === 0) {
    // small scans: worker start-up (~30 ms each) would cost more than it saves
    const state = newScanState();
    if (!opts.remote) {
      const items = files.map((f, index) => ({ index, url: f.url }));
      const results = await readAndDecode(items, state, footerRead, concurrency, reader.stats);
      results.forEach(accept);
    } else {
      await mapLimit(files, concurrency, async (file, index) => {
        try {
          const footer = await readFooter(reader, file, footerRead);
          accept(decodeOne(index, footer.bytes, state, footer.size));
        } catch (err) {
          readFailed(index, err);
        }
      });
    }
    for (const [k, v] of state.schemas) schemas.set(k, v);
    for (const [k, v] of state.aggs) aggs.set(k, v);
    return { outcomes, schemas, aggs };
  }

  const url = new URL('./scan-worker.js', import.meta.url);
  const workers = Array.from({ length: nWorkers }, () => new Worker(url));
  const pending = workers.map(() => 0);
  let failed: Error | undefined;
  let idle: (() => void) | undefined;
  let refill: ((wi: number) => void) | undefined;
  const mine = newScanState(); // what the main thread decodes itself
  const keysOf = workers.map(() => [] as string[]); // per worker: schema id → key
  workers.forEach((w, wi) => {
    w.on(
      'message',
      (m: { type: string; results?: WorkResult[]; schemas?: SchemaInfo[]; stats?: RequestStats }) => {
        if (m.type !== 'done') return;
        const keys = keysOf[wi] as string[];
        for (const s of m.schemas ?? []) {
          keys.push(s.key);
          if (!schemas.has(s.key)) schemas.set(s.key, s);
        }
        for (const r of m.results ?? []) {
          // workers send a schema id in place of the (kilobytes long) schema key
          if ('scan' in r)
            accept({ ...r, scan: { ...r.scan, schemaKey: keys[Number(r.scan.schemaKey)] as string } });
          else accept(r);
        }
        if (m.stats) {
          reader.stats.get += m.stats.get;
          reader.stats.bytes += m.stats.bytes;
        }
        pending[wi] = (pending[wi] as number) - 1;
        refill?.(wi);
        if (pending.every((p) => p === 0)) idle?.();
      },
    );
    w.on('error', (err) => {
      failed = err;
      idle?.();
    });
  });
  const post = (wi: number, msg: unknown, transfer: ArrayBuffer[] = []) => {
    pending[wi] = (pending[wi] as number) + 1;
    (workers[wi] as Worker).postMessage(msg, transfer);
  };
  try {
    if (!opts.remote) {
      // local: workers pull batches of paths (two in flight each) and read and decode them
      const perWorker = Math.max(1, Math.ceil(concurrency / nWorkers));
      const batches: PathItem[][] = [];
      for (let b = 0; b < total; b += LOCAL_BATCH) {
        batches.push(files.slice(b, b + LOCAL_BATCH).map((f, k) => ({ index: b + k, url: f.url })));
      }
      let next = 0;
      refill = (wi) => {
        if (next < batches.length)
          post(wi, { type: 'paths', items: batches[next++], read: footerRead, concurrency: perWorker });
      };
      workers.forEach((_, wi) => (refill?.(wi), refill?.(wi)));
      // a worker needs ~50-80 ms to start: the main thread decodes batches itself until one is up
      let up = false;
      workers.forEach((w) => w.once('online', () => (up = true)));
      while (!up && next < batches.length) {
        const items = batches[next++] as PathItem[];
        (await readAndDecode(items, mine, footerRead, concurrency, reader.stats)).forEach(accept);
      }
    } else {
      // remote: the main thread does the network I/O and posts footers in batches
      const queues: WorkItem[][] = workers.map(() => []);
      let rr = 0;
      const flush = (wi: number) => {
        const items = (queues[wi] as WorkItem[]).splice(0);
        if (items.length)
          post(
            wi,
            { type: 'files', items },
            items.map((it) => it.bytes.buffer as ArrayBuffer),
          );
      };
      await mapLimit(files, concurrency, async (file, index) => {
        try {
          const footer = await readFooter(reader, file, footerRead);
          outcomes[index] = { file, size: footer.size };
          // own the buffer exactly, so it can be transferred (never a slice of a shared pool)
          const b = footer.bytes;
          const bytes = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice();
          const q = queues[rr] as WorkItem[];
          q.push({ index, bytes });
          if (q.length >= BATCH) {
            flush(rr);
            rr = (rr + 1) % nWorkers;
          }
        } catch (err) {
          readFailed(index, err);
        }
      });
      workers.forEach((_, wi) => flush(wi));
    }
    if (pending.some((p) => p > 0)) await new Promise<void>((r) => (idle = r));
    if (failed) throw failed;
    const all = await Promise.all(
      workers.map(
        (w) =>
          new Promise<Array<[string, ColumnAggs]>>((resolve) => {
            w.on('message', (m: { type: string; aggs?: Array<[string, ColumnAggs]> }) => {
              if (m.type === 'aggs') resolve(m.aggs ?? []);
            });
            w.postMessage({ type: 'end' });
          }),
      ),
    );
    for (const [k, s] of mine.schemas) if (!schemas.has(k)) schemas.set(k, s);
    for (const list of [...all, [...mine.aggs]]) {
      for (const [k, a] of list) {
        const have = aggs.get(k);
        if (have) addAggs(have, a);
        else aggs.set(k, a);
      }
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { outcomes, schemas, aggs };
}
