/** `data stats`: per-column min/max/nulls across row groups and files, from footers only. */
import type { SchemaElement } from 'hyparquet';
import { footerStats } from './chunk-stats.js';
import { leafPaths } from './footer-scan.js';
import { statKey, statValue } from './stat-values.js';
import type { Value } from './values.js';

export interface ColumnStats {
  readonly path: string;
  readonly type: string;
  /** Smallest min over chunks that had one; null when no chunk had statistics. */
  min: Value;
  max: Value;
  /** Sum of null counts; null when some chunk had none. */
  nulls: number | null;
  /** Chunks (row groups × files) and how many of them had min/max. */
  chunks: number;
  chunksWithMinMax: number;
}

interface Acc {
  stats: ColumnStats;
  element: SchemaElement;
  minKey?: number | bigint | string;
  maxKey?: number | bigint | string;
  nullsKnown: boolean;
}

export class StatsAccumulator {
  private readonly cols = new Map<string, Acc>();
  files = 0;
  rows = 0;

  add(footer: Uint8Array): void {
    const raw = footerStats(footer);
    const leaves = raw.elements.filter((e) => !e.num_children);
    const paths = leafPaths(raw.elements).map((p) => p.join('.'));
    this.files++;
    for (const rg of raw.rowGroups) {
      this.rows += rg.numRows;
      rg.columns.forEach((s, i) => {
        const path = paths[i] ?? `#${i}`;
        const element = leaves[i] as SchemaElement;
        let a = this.cols.get(path);
        if (!a) {
          a = {
            element,
            nullsKnown: true,
            stats: {
              path,
              type: element.type ?? '',
              min: null,
              max: null,
              nulls: 0,
              chunks: 0,
              chunksWithMinMax: 0,
            },
          };
          this.cols.set(path, a);
        }
        a.stats.chunks++;
        if (s.nullCount === undefined) a.nullsKnown = false;
        else a.stats.nulls = (a.stats.nulls ?? 0) + s.nullCount;
        if (s.min && s.max) {
          a.stats.chunksWithMinMax++;
          const lo = statKey(s.min, element);
          const hi = statKey(s.max, element);
          // NaN bounds say nothing about order; skip them like Parquet readers do
          if (!(typeof lo === 'number' && Number.isNaN(lo)) && (a.minKey === undefined || lo < a.minKey)) {
            a.minKey = lo;
            a.stats.min = statValue(s.min, element);
          }
          if (!(typeof hi === 'number' && Number.isNaN(hi)) && (a.maxKey === undefined || hi > a.maxKey)) {
            a.maxKey = hi;
            a.stats.max = statValue(s.max, element);
          }
        }
      });
    }
  }

  result(): ColumnStats[] {
    return [...this.cols.values()].map((a) => ({ ...a.stats, nulls: a.nullsKnown ? a.stats.nulls : null }));
  }
}
