/**
 * Worker side of `data scan`: decodes footers posted by the main thread (which does the I/O)
 * so that decoding uses every core. Protocol (all messages plain objects):
 *   in  {type:'files', items:[{index, bytes}]}  → out {type:'done', results, schemas}
 *   in  {type:'end'}                            → out {type:'aggs', aggs:[[schemaKey, ColumnAggs]]}
 */
import { parentPort } from 'node:worker_threads';
import { newScanState, scanFooter, type FileScan } from './footer-scan.js';

export interface WorkItem {
  readonly index: number;
  readonly bytes: Uint8Array;
}
export type WorkResult = { index: number; scan: FileScan } | { index: number; error: string };

const state = newScanState();

export function decodeBatch(items: readonly WorkItem[]): WorkResult[] {
  return items.map(({ index, bytes }) => {
    try {
      return { index, scan: scanFooter(bytes, state) };
    } catch (err) {
      return { index, error: err instanceof Error ? err.message : String(err) };
    }
  });
}

parentPort?.on('message', (msg: { type: 'files'; items: WorkItem[] } | { type: 'end' }) => {
  if (msg.type === 'files') {
    const results = decodeBatch(msg.items);
    const schemas = state.fresh;
    state.fresh = [];
    parentPort?.postMessage({ type: 'done', results, schemas });
  } else {
    parentPort?.postMessage({ type: 'aggs', aggs: [...state.aggs] });
  }
});
