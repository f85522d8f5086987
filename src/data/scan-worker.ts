/**
 * Worker side of `data scan`, so that decoding (and, for local files, reading) uses every core.
 * Protocol (plain objects):
 *   in  {type:'files', items:[{index, bytes}]}        footers read by the main thread (S3, HTTP)
 *   in  {type:'paths', items:[{index, url}], read}     local files this worker reads itself
 *       → out {type:'done', results, schemas, stats}
 *   in  {type:'end'}  → out {type:'aggs', aggs:[[schemaKey, ColumnAggs]]}
 * Local reads happen here rather than on the main thread: per-file open/stat/read/close costs
 * about as much as decoding, and spread over the workers it runs in parallel with it.
 */
import { parentPort } from 'node:worker_threads';
import { FileError, readFooter } from './footer.js';
import { newScanState, scanFooter, type FileScan, type ScanState } from './footer-scan.js';
import { localReader } from './local.js';
import { mapLimit } from './pool.js';
import type { RequestStats } from './reader.js';

export interface WorkItem {
  readonly index: number;
  readonly bytes: Uint8Array;
}
export interface PathItem {
  readonly index: number;
  readonly url: string;
}
export type WorkResult = { index: number; size?: number } & ({ scan: FileScan } | { error: string });

export function decodeOne(index: number, bytes: Uint8Array, state: ScanState, size?: number): WorkResult {
  const s = size !== undefined ? { size } : {};
  try {
    return { index, ...s, scan: scanFooter(bytes, state) };
  } catch (err) {
    return { index, ...s, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Reads and decodes local files, `concurrency` reads in flight. */
export async function readAndDecode(
  items: readonly PathItem[],
  state: ScanState,
  footerRead: number,
  concurrency: number,
  stats: RequestStats,
): Promise<WorkResult[]> {
  // asynchronous reads on purpose: they run on libuv's thread pool while this thread decodes
  // (measured: blocking reads here made a 2048-file scan ~30% slower)
  const reader = localReader();
  const results = await mapLimit(items, concurrency, async ({ index, url }) => {
    try {
      const f = await readFooter(reader, { url }, footerRead);
      return decodeOne(index, f.bytes, state, f.size);
    } catch (err) {
      return {
        index,
        error: err instanceof FileError ? err.reason : err instanceof Error ? err.message : String(err),
      };
    }
  });
  stats.get += reader.stats.get;
  stats.bytes += reader.stats.bytes;
  return results;
}

const port = parentPort;
if (port) {
  const state = newScanState();
  let queue: Promise<void> = Promise.resolve();
  // schema keys are the raw schema bytes (kilobytes): results carry a small id instead, and each
  // schema travels to the main thread once
  const ids = new Map<string, number>();
  const send = (results: WorkResult[], stats?: RequestStats) => {
    const schemas = state.fresh.map((s) => {
      ids.set(s.key, ids.size);
      return s;
    });
    state.fresh = [];
    const compact = results.map((r) =>
      'scan' in r ? { ...r, scan: { ...r.scan, schemaKey: ids.get(r.scan.schemaKey) as number } } : r,
    );
    port.postMessage({ type: 'done', results: compact, schemas, ...(stats ? { stats } : {}) });
  };
  port.on(
    'message',
    (
      msg:
        | { type: 'files'; items: WorkItem[] }
        | { type: 'paths'; items: PathItem[]; read: number; concurrency: number }
        | { type: 'end' },
    ) => {
      // one batch at a time, in order, even though local batches are asynchronous
      queue = queue.then(async () => {
        if (msg.type === 'files') send(msg.items.map((it) => decodeOne(it.index, it.bytes, state)));
        else if (msg.type === 'paths') {
          const stats = { list: 0, get: 0, bytes: 0, retries: 0 };
          send(await readAndDecode(msg.items, state, msg.read, msg.concurrency, stats), stats);
        } else port.postMessage({ type: 'aggs', aggs: [...state.aggs] });
      });
    },
  );
}
