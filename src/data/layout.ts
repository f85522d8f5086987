/**
 * What a table's file names say: Hive-style partition directories (`k=v`) and Spark bucket
 * files (`part-00000-<uuid>_00042.c000.snappy.parquet`: the bucket id is the `_NNNNN` after the
 * UUID, see Spark's BucketingUtils).
 */

export interface FileLayout {
  /** Partition values from `k=v` directories between the table root and the file, in order. */
  readonly partitions: ReadonlyArray<readonly [string, string]>;
  /** The Spark bucket id, when the name has one. */
  readonly bucket?: number;
}

// Spark: "part-%05d-%s_%05d.c%03d" + extension; the bucket id follows the job UUID.
const BUCKET =
  /^part-\d+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_(\d{5})(?:\.c\d{3})?(?:\.|$)/i;

export function bucketOf(name: string): number | undefined {
  const m = BUCKET.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Hive escapes special characters in partition values as %XX. */
export function unescapePartition(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export function layoutOf(url: string, root: string): FileLayout {
  const rel = url.startsWith(`${root}/`) ? url.slice(root.length + 1) : url;
  const parts = rel.split('/');
  const name = parts.pop() ?? '';
  const partitions: Array<readonly [string, string]> = [];
  for (const d of parts) {
    const eq = d.indexOf('=');
    if (eq > 0) partitions.push([unescapePartition(d.slice(0, eq)), unescapePartition(d.slice(eq + 1))]);
  }
  const bucket = bucketOf(name);
  return { partitions, ...(bucket !== undefined ? { bucket } : {}) };
}

export const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

/**
 * The Spark SQL type Spark's partition discovery would infer for these values
 * (spark.sql.sources.partitionColumnTypeInference): int, bigint, double, date, timestamp, else string.
 */
export function inferPartitionType(values: Iterable<string>): string {
  let t: 'int' | 'bigint' | 'double' | 'date' | 'timestamp' | 'string' | undefined;
  const rank = { int: 0, bigint: 1, double: 2 } as const;
  for (const v of values) {
    if (v === HIVE_NULL) continue;
    let vt: typeof t;
    if (/^-?\d+$/.test(v)) {
      const n = BigInt(v);
      vt =
        n >= -2147483648n && n <= 2147483647n
          ? 'int'
          : n >= -(2n ** 63n) && n < 2n ** 63n
            ? 'bigint'
            : 'double';
    } else if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) vt = 'double';
    else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) vt = 'date';
    else if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(v)) vt = 'timestamp';
    else vt = 'string';
    if (t === undefined) t = vt;
    else if (t !== vt) {
      if (t in rank && vt in rank) t = rank[t as keyof typeof rank] > rank[vt as keyof typeof rank] ? t : vt;
      else t = 'string';
    }
  }
  return t ?? 'string';
}
