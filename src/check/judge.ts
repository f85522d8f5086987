/**
 * How a timed run is judged, as the first platform's nightly job did: SLOW above
 * its expected time, SUSPECT below half of it (too fast usually means it did
 * not do the work: an empty table, a cached answer), ERROR when it failed.
 */

export type Status = 'PASS' | 'SLOW' | 'SUSPECT' | 'ERROR';

/** Stable order for summaries and sorting: worst first. */
export const STATUSES: readonly Status[] = ['ERROR', 'SLOW', 'SUSPECT', 'PASS'];

export function judge(ok: boolean, elapsedMs: number, expectedMs: number): Status {
  if (!ok) return 'ERROR';
  if (elapsedMs > expectedMs) return 'SLOW';
  if (elapsedMs < expectedMs / 2) return 'SUSPECT';
  return 'PASS';
}
