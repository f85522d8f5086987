/** Turns a raw scan into the report: totals, schema differences, layout, per-column totals. */
import type { SchemaElement } from 'hyparquet';
import type { RequestStats } from './reader.js';
import type { RawScan } from './scan.js';
import { Codecs, Encodings } from './schema-decode.js';
import { HIVE_NULL, inferPartitionType, layoutOf } from './layout.js';
import { sparkColumns } from './spark-types.js';

export interface ColumnTotal {
  readonly path: string;
  readonly physicalType: string;
  readonly compressed: number;
  readonly uncompressed: number;
  readonly values: number;
  /** Null count summed over chunks; null when some chunk had no statistics. */
  readonly nulls: number | null;
  readonly codecs: string[];
  readonly encodings: string[];
  /** Files with ≥ 2 row groups whose row-group min/max follow each other in order. */
  readonly sortedFiles: number;
  readonly unsortedFiles: number;
}

export interface SchemaVariant {
  readonly id: number;
  readonly files: number;
  readonly example: string;
  readonly elements: SchemaElement[];
  /** Spark's own schema JSON when the writer was Spark. */
  readonly sparkSchema?: string;
}

export interface SchemaDifference {
  readonly schema: number;
  readonly column: string;
  readonly change: 'missing' | 'extra' | 'type';
  readonly expected?: string;
  readonly found?: string;
}

export interface PartitionColumn {
  readonly name: string;
  readonly type: string;
  readonly values: number;
}

export interface ScanReport {
  readonly root: string;
  readonly files: number;
  readonly readable: number;
  readonly rows: number;
  readonly rowGroups: number;
  readonly bytes: number;
  readonly compressed: number;
  readonly uncompressed: number;
  readonly createdBy: Array<{ readonly value: string; readonly files: number }>;
  readonly schemas: SchemaVariant[];
  readonly differences: SchemaDifference[];
  readonly partitions: PartitionColumn[];
  readonly buckets: { readonly count: number; readonly files: number; readonly distinct: number } | null;
  readonly columns: ColumnTotal[];
  /** Unreadable files; `remote` marks S3/HTTP failures (exit 3) as opposed to broken files (exit 1). */
  readonly errors: Array<{ readonly file: string; readonly error: string; readonly remote?: boolean }>;
  readonly requests: RequestStats;
  readonly seconds: number;
}

function bitsToNames(mask: number, names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < 32; i++) if (mask & (1 << i)) out.push(names[i] ?? `#${i}`);
  return out.sort();
}

function leafTypes(elements: readonly SchemaElement[]): Map<string, string> {
  const m = new Map<string, string>();
  // describe leaves by path with physical + logical type; nested paths joined with '.'
  let i = 1;
  const walk = (prefix: string[], n: number) => {
    for (let k = 0; k < n; k++) {
      const e = elements[i++] as SchemaElement;
      const p = [...prefix, e.name];
      if (e.num_children) walk(p, e.num_children);
      else {
        const lt = e.logical_type;
        const logical = lt
          ? lt.type === 'DECIMAL'
            ? `DECIMAL(${lt.precision},${lt.scale})`
            : lt.type === 'TIMESTAMP'
              ? `TIMESTAMP(${lt.unit},${lt.isAdjustedToUTC})`
              : lt.type
          : e.converted_type;
        m.set(p.join('.'), `${e.repetition_type ?? ''} ${e.type}${logical ? ` ${logical}` : ''}`.trim());
      }
    }
  };
  walk([], elements[0]?.num_children ?? 0);
  return m;
}

export function summarize(raw: RawScan, root: string, requests: RequestStats, seconds: number): ScanReport {
  const byKey = new Map<string, number>();
  const createdBy = new Map<string, number>();
  let rows = 0;
  let rowGroups = 0;
  let bytes = 0;
  let compressed = 0;
  let uncompressed = 0;
  let readable = 0;
  const errors: ScanReport['errors'] = [];
  const partValues = new Map<string, Set<string>>();
  const partOrder: string[] = [];
  const buckets = new Set<number>();
  let bucketFiles = 0;
  for (const o of raw.outcomes) {
    if (o.size !== undefined) bytes += o.size;
    if (o.error !== undefined || !o.scan) {
      errors.push({
        file: o.file.url,
        error: o.error ?? 'not read',
        ...(o.remoteError ? { remote: true } : {}),
      });
      continue;
    }
    readable++;
    const s = o.scan;
    rows += s.rows;
    rowGroups += s.rowGroups;
    compressed += s.compressed;
    uncompressed += s.uncompressed;
    byKey.set(s.schemaKey, (byKey.get(s.schemaKey) ?? 0) + 1);
    createdBy.set(s.createdBy, (createdBy.get(s.createdBy) ?? 0) + 1);
    const lay = layoutOf(o.file.url, root);
    for (const [k, v] of lay.partitions) {
      if (!partValues.has(k)) {
        partValues.set(k, new Set());
        partOrder.push(k);
      }
      partValues.get(k)?.add(v);
    }
    if (lay.bucket !== undefined) {
      buckets.add(lay.bucket);
      bucketFiles++;
    }
  }
  // the most common schema is the reference; ties go to the first file's schema
  const firstExample = new Map<string, string>();
  for (const o of raw.outcomes)
    if (o.scan && !firstExample.has(o.scan.schemaKey)) firstExample.set(o.scan.schemaKey, o.file.url);
  const keys = [...byKey.keys()].sort((a, b) => (byKey.get(b) as number) - (byKey.get(a) as number));
  const schemas: SchemaVariant[] = keys.map((k, id) => {
    const info = raw.schemas.get(k);
    const spark = info?.keyValues.find((kv) => kv.key === 'org.apache.spark.sql.parquet.row.metadata')?.value;
    return {
      id,
      files: byKey.get(k) as number,
      example: firstExample.get(k) ?? '',
      elements: info?.elements ?? [],
      ...(spark ? { sparkSchema: spark } : {}),
    };
  });
  const differences: SchemaDifference[] = [];
  const ref = schemas[0] ? leafTypes(schemas[0].elements) : new Map<string, string>();
  for (const v of schemas.slice(1)) {
    const mine = leafTypes(v.elements);
    for (const [c, t] of ref) {
      const f = mine.get(c);
      if (f === undefined) differences.push({ schema: v.id, column: c, change: 'missing', expected: t });
      else if (f !== t) differences.push({ schema: v.id, column: c, change: 'type', expected: t, found: f });
    }
    for (const [c, t] of mine)
      if (!ref.has(c)) differences.push({ schema: v.id, column: c, change: 'extra', found: t });
  }
  // per-column totals by path, across all schemas
  const cols = new Map<
    string,
    {
      physicalType: string;
      c: number;
      u: number;
      v: number;
      n: number;
      nm: number;
      codecs: number;
      enc: number;
      s: number;
      us: number;
    }
  >();
  for (const k of keys) {
    const info = raw.schemas.get(k);
    const a = raw.aggs.get(k);
    if (!info || !a) continue;
    const leaves = leafTypes(info.elements);
    info.leaves.forEach((p, i) => {
      const path = p.join('.');
      const t = cols.get(path) ?? {
        physicalType: leaves.get(path) ?? '',
        c: 0,
        u: 0,
        v: 0,
        n: 0,
        nm: 0,
        codecs: 0,
        enc: 0,
        s: 0,
        us: 0,
      };
      t.c += a.compressed[i] as number;
      t.u += a.uncompressed[i] as number;
      t.v += a.values[i] as number;
      t.n += a.nulls[i] as number;
      t.nm += a.nullsMissing[i] as number;
      t.codecs |= a.codecs[i] as number;
      t.enc |= a.encodings[i] as number;
      t.s += a.sortedFiles[i] as number;
      t.us += a.unsortedFiles[i] as number;
      cols.set(path, t);
    });
  }
  const columns: ColumnTotal[] = [...cols].map(([path, t]) => ({
    path,
    physicalType: t.physicalType,
    compressed: t.c,
    uncompressed: t.u,
    values: t.v,
    nulls: t.nm > 0 ? null : t.n,
    codecs: bitsToNames(t.codecs, Codecs),
    encodings: bitsToNames(t.enc, Encodings),
    sortedFiles: t.s,
    unsortedFiles: t.us,
  }));
  const partitions = partOrder.map((name) => {
    const vals = partValues.get(name) as Set<string>;
    return { name, type: inferPartitionType([...vals].filter((v) => v !== HIVE_NULL)), values: vals.size };
  });
  errors.sort((a, b) => (a.file < b.file ? -1 : 1));
  return {
    root,
    files: raw.outcomes.length,
    readable,
    rows,
    rowGroups,
    bytes,
    compressed,
    uncompressed,
    createdBy: [...createdBy]
      .map(([value, files]) => ({ value, files }))
      .sort((a, b) => b.files - a.files || (a.value < b.value ? -1 : 1)),
    schemas,
    differences,
    partitions,
    buckets:
      bucketFiles > 0
        ? { count: Math.max(...buckets) + 1, files: bucketFiles, distinct: buckets.size }
        : null,
    columns,
    errors,
    requests: { ...requests },
    seconds,
  };
}

/** Spark columns of the reference schema (for DDL), or an explanation why not. */
export function referenceColumns(report: ScanReport) {
  const s = report.schemas[0];
  return s ? sparkColumns(s.elements) : [];
}
