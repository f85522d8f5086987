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
import type { DataFile, Reader } from './reader.js';
import type { WorkItem, WorkResult } from './scan-worker.js';
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
  let done = 0;
  const progress = () => opts.onProgress?.(++done, total);

  const accept = (r: WorkResult) => {
    const o = outcomes[r.index] as FileOutcome;
    outcomes[r.index] = 'scan' in r ? { ...o, scan: r.scan } : { ...o, error: r.error };
    progress();
  };

  // decoding back end: inline, or a pool of workers fed in batches
  let submit: (item: WorkItem) => void;
  let finish: () => Promise<void>;
  if (nWorkers === 0) {
    const { scanFooter } = await import('./footer-scan.js');
    const state = newScanState();
    submit = (item) => {
      try {
        accept({ index: item.index, scan: scanFooter(item.bytes, state) });
      } catch (err) {
        accept({ index: item.index, error: err instanceof Error ? err.message : String(err) });
      }
    };
    finish = async () => {
      for (const [k, v] of state.schemas) schemas.set(k, v);
      for (const [k, v] of state.aggs) aggs.set(k, v);
    };
  } else {
    const url = new URL('./scan-worker.js', import.meta.url);
    const workers = Array.from({ length: nWorkers }, () => new Worker(url));
    const pending = workers.map(() => 0);
    const queues: WorkItem[][] = workers.map(() => []);
    let failed: Error | undefined;
    const waiters: Array<() => void> = [];
    let rr = 0;
    workers.forEach((w, wi) => {
      w.on('message', (m: { type: string; results?: WorkResult[]; schemas?: SchemaInfo[] }) => {
        if (m.type !== 'done') return;
        for (const s of m.schemas ?? []) if (!schemas.has(s.key)) schemas.set(s.key, s);
        for (const r of m.results ?? []) accept(r);
        pending[wi] = (pending[wi] as number) - 1;
        if (pending.every((p) => p === 0)) waiters.splice(0).forEach((f) => f());
      });
      w.on('error', (err) => {
        failed = err;
        waiters.splice(0).forEach((f) => f());
      });
    });
    const flush = (wi: number) => {
      const items = (queues[wi] as WorkItem[]).splice(0);
      if (items.length === 0) return;
      pending[wi] = (pending[wi] as number) + 1;
      const transfer = items.map((it) => it.bytes.buffer as ArrayBuffer);
      (workers[wi] as Worker).postMessage({ type: 'files', items }, transfer);
    };
    submit = (item) => {
      // own the buffer exactly, so it can be transferred (never a slice of a shared pool)
      const bytes =
        item.bytes.byteOffset === 0 && item.bytes.byteLength === item.bytes.buffer.byteLength
          ? item.bytes
          : item.bytes.slice();
      const wi = rr;
      const q = queues[wi] as WorkItem[];
      q.push({ index: item.index, bytes });
      if (q.length >= BATCH) {
        flush(wi);
        rr = (rr + 1) % nWorkers;
      }
    };
    finish = async () => {
      workers.forEach((_, wi) => flush(wi));
      if (pending.some((p) => p > 0)) await new Promise<void>((r) => waiters.push(r));
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
      await Promise.all(workers.map((w) => w.terminate()));
      for (const list of all) {
        for (const [k, a] of list) {
          const have = aggs.get(k);
          if (have) addAggs(have, a);
          else aggs.set(k, a);
        }
      }
    };
  }

  const concurrency = opts.concurrency ?? (opts.remote ? 32 : 16);
  await mapLimit(files, concurrency, async (file, index) => {
    try {
      const footer = await readFooter(reader, file, opts.footerRead ?? defaultFooterRead);
      outcomes[index] = { file, size: footer.size };
      submit({ index, bytes: footer.bytes });
    } catch (err) {
      const remote = err instanceof UserError;
      const msg = err instanceof FileError ? err.reason : err instanceof Error ? err.message : String(err);
      outcomes[index] = { file, error: msg, ...(remote ? { remoteError: true } : {}) };
      progress();
    }
  });
  await finish();
  return { outcomes, schemas, aggs };
}
