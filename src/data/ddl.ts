/** Spark SQL external-table DDL from what `scan` found. */
import { ExitCode, UserError } from '../cli/errors.js';
import type { ScanReport } from './scan-summary.js';
import { quoteIdent, sparkColumns } from './spark-types.js';

export interface DdlOptions {
  /** `[db.]name`; default: the last path segment of the table root. */
  readonly table?: string;
  /** LOCATION; default: the scanned root (s3:// becomes s3a://, which Spark's Hadoop reads). */
  readonly location?: string;
  /** Bucket column; default: inferred from row-group ordering when bucket files were found. */
  readonly clusteredBy?: string;
  /** Sort column; default: the bucket column when it is sorted within files. */
  readonly sortedBy?: string;
  /** Number of buckets; default: highest bucket id + 1. */
  readonly buckets?: number;
}

export interface Ddl {
  readonly sql: string;
  readonly warnings: string[];
}

function sqlString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function qualified(name: string): string {
  return name
    .split('.')
    .map((p) => quoteIdent(p))
    .join('.');
}

export function defaultTableName(root: string): string {
  const base = root.replace(/\/+$/, '').split('/').pop() ?? 'data';
  return base.replace(/\.parquet$/, '').replace(/[^A-Za-z0-9_]/g, '_') || 'data';
}

/**
 * Columns that look sorted: every multi-row-group file has them in order. Integers first, then
 * other numbers, then the rest (a string derived from an id, like Gaia's `designation`, can look
 * sorted too); schema order within each rank.
 */
export function sortedColumns(report: ScanReport): string[] {
  const rank = (t: string) => (/\bINT(32|64)\b/.test(t) ? 0 : /\b(FLOAT|DOUBLE|INT96)\b/.test(t) ? 1 : 2);
  return report.columns
    .filter((c) => c.sortedFiles > 0 && c.unsortedFiles === 0 && !c.path.includes('.'))
    .map((c, i) => ({ path: c.path, r: rank(c.physicalType), i }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((c) => c.path);
}

export function buildDdl(report: ScanReport, opts: DdlOptions = {}): Ddl {
  const ref = report.schemas[0];
  if (!ref)
    throw new UserError(`data ddl: no readable Parquet file under '${report.root}'`, ExitCode.different);
  const warnings: string[] = [];
  if (report.schemas.length > 1) {
    warnings.push(
      `${report.schemas.length} different schemas; the DDL uses the one of ${ref.files} of ${report.readable} files (see 'aglais data scan')`,
    );
  }
  if (report.errors.length > 0)
    warnings.push(`${report.errors.length} unreadable files (see 'aglais data scan')`);
  let columns;
  try {
    columns = sparkColumns(ref.elements, warnings);
  } catch (err) {
    throw new UserError(`data ddl: ${(err as Error).message}`, ExitCode.different);
  }
  const names = new Set(columns.map((c) => c.name.toLowerCase()));
  const lines = columns.map((c) => `  ${quoteIdent(c.name)} ${c.type}`);
  for (const p of report.partitions) {
    if (names.has(p.name.toLowerCase())) {
      warnings.push(
        `partition column '${p.name}' is also stored in the files; Spark uses the directory value`,
      );
      continue;
    }
    lines.push(`  ${quoteIdent(p.name)} ${p.type}`);
  }
  const table = opts.table ?? defaultTableName(report.root);
  let sql = `CREATE TABLE ${qualified(table)} (\n${lines.join(',\n')}\n)\nUSING parquet`;
  if (report.partitions.length > 0)
    sql += `\nPARTITIONED BY (${report.partitions.map((p) => quoteIdent(p.name)).join(', ')})`;
  const known = (c: string) => {
    if (!names.has(c.toLowerCase()))
      throw new UserError(
        `data ddl: no column '${c}' in the table (columns: ${columns.map((x) => x.name).join(', ')})`,
        ExitCode.usage,
      );
    return c;
  };
  if (report.buckets || opts.clusteredBy) {
    const sorted = sortedColumns(report);
    const by = opts.clusteredBy ? known(opts.clusteredBy) : sorted[0];
    if (!opts.clusteredBy && sorted.length > 1) {
      warnings.push(
        `columns ordered within files: ${sorted.join(', ')}; chose '${sorted[0]}' as the bucket column (--clustered-by to pick another)`,
      );
    }
    if (!by) {
      throw new UserError(
        `data ddl: found ${report.buckets?.files ?? 0} Spark bucket files but cannot tell the bucket column (no column is ordered across row groups); pass --clustered-by COLUMN`,
        ExitCode.usage,
      );
    }
    const n = opts.buckets ?? report.buckets?.count;
    if (!n)
      throw new UserError(
        'data ddl: --clustered-by needs --buckets N (no bucket files found)',
        ExitCode.usage,
      );
    if (report.buckets && opts.buckets === undefined && report.buckets.distinct < report.buckets.count) {
      warnings.push(
        `bucket ids go up to ${report.buckets.count - 1} but only ${report.buckets.distinct} buckets have files; pass --buckets N if the table has more`,
      );
    }
    const sortBy = opts.sortedBy ? known(opts.sortedBy) : sorted.includes(by) ? by : undefined;
    sql += `\nCLUSTERED BY (${quoteIdent(by)})`;
    if (sortBy) sql += ` SORTED BY (${quoteIdent(sortBy)})`;
    sql += ` INTO ${n} BUCKETS`;
  }
  const location = opts.location ?? report.root.replace(/^s3:\/\//, 's3a://');
  sql += `\nLOCATION ${sqlString(location)}`;
  // a partitioned table created over existing directories has no partitions in the catalog yet
  if (report.partitions.length > 0) sql += `;\nMSCK REPAIR TABLE ${qualified(table)}`;
  return { sql, warnings };
}
