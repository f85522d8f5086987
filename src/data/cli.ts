/** Handlers of `aglais data …` (loaded lazily by src/cli/commands/data.ts). */
import { ExitCode, UserError } from '../cli/errors.js';
import { buildDdl } from './ddl.js';
import { count, table, toJson } from './format.js';
import { FileError, readFooter } from './footer.js';
import { openParquet } from './open.js';
import { mapLimit } from './pool.js';
import { progressBar } from './progress.js';
import type { Reader } from './reader.js';
import { readRows } from './rows.js';
import { scanFiles } from './scan.js';
import { renderScan } from './scan-render.js';
import { summarize, type ScanReport } from './scan-summary.js';
import { StatsAccumulator } from './stats.js';
import { resolveTargets, type Resolved } from './target.js';
import type { Value } from './values.js';

interface Common {
  json?: boolean;
  endpoint?: string;
  pathStyle?: boolean;
  region?: string;
  requests?: boolean;
}

const print = (s: string) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);

async function resolve(targets: string[], o: Common, onReader?: (r: Reader) => void): Promise<Resolved> {
  const opts = {
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.pathStyle !== undefined && (o.endpoint || o.pathStyle) ? { pathStyle: o.pathStyle } : {}),
    ...(o.region ? { region: o.region } : {}),
  };
  return resolveTargets(targets, opts, onReader);
}

function reportRequests(o: Common, reader: Reader): void {
  if (!o.requests) return;
  const s = reader.stats;
  process.stderr.write(`requests: list=${s.list} get=${s.get} bytes=${s.bytes} retries=${s.retries}\n`);
}

async function withTargets(
  targets: string[],
  o: Common,
  fn: (r: Resolved) => Promise<number>,
): Promise<number> {
  let reader: Reader | undefined;
  try {
    const r = await resolve(targets, o, (rd) => (reader = rd));
    return await fn(r);
  } finally {
    if (reader) {
      reportRequests(o, reader);
      await reader.close?.();
    }
  }
}

export function schemaCmd(targets: string[], o: Common): Promise<number> {
  return withTargets(targets, o, async (r) => {
    const { renderSchema } = await import('./cmd-schema.js');
    const f = await openParquet(r.reader, r.files[0]!);
    print(renderSchema(f, !!o.json));
    if (!o.json && r.files.length > 1)
      process.stderr.write(
        `(schema of the first of ${r.files.length} files; 'aglais data scan' compares them all)\n`,
      );
    return 0;
  });
}

export function metaCmd(targets: string[], o: Common): Promise<number> {
  return withTargets(targets, o, async (r) => {
    const { metaJson, renderMeta } = await import('./cmd-schema.js');
    let code = 0;
    const all: unknown[] = [];
    for (const file of r.files) {
      try {
        const f = await openParquet(r.reader, file);
        if (o.json) all.push(metaJson(f));
        else print(`${renderMeta(f, false)}\n`);
      } catch (err) {
        if (!(err instanceof UserError) || err.exitCode !== ExitCode.different) throw err;
        process.stderr.write(`${err.message}\n`);
        code = ExitCode.different;
      }
    }
    if (o.json) print(toJson(r.files.length === 1 && all.length === 1 ? all[0] : all, 2));
    return code;
  });
}

export function statsCmd(targets: string[], o: Common): Promise<number> {
  return withTargets(targets, o, async (r) => {
    const acc = new StatsAccumulator();
    const errors: Array<{ file: string; error: string }> = [];
    // footers are read concurrently; min/max/null sums do not depend on the order they arrive in
    await mapLimit(r.files, r.kind === 'local' ? 16 : 32, async (file) => {
      try {
        acc.add((await readFooter(r.reader, file)).bytes);
      } catch (err) {
        if (err instanceof FileError) errors.push({ file: file.url, error: err.reason });
        else if (err instanceof Error && err.message.startsWith('corrupt footer'))
          errors.push({ file: file.url, error: err.message });
        else throw err;
      }
    });
    errors.sort((a, b) => (a.file < b.file ? -1 : 1));
    const cols = acc.result();
    if (o.json) print(toJson({ files: acc.files, rows: acc.rows, columns: cols, errors }, 2));
    else {
      print(`${count(acc.files)} files, ${count(acc.rows)} rows`);
      const show = (v: Value) =>
        v === null ? '' : v instanceof Uint8Array ? `0x${Buffer.from(v).toString('hex')}` : String(v);
      print(
        table(
          ['column', 'type', 'min', 'max', 'nulls'],
          cols.map((c) => [c.path, c.type, show(c.min), show(c.max), c.nulls ?? '?']),
        ),
      );
      for (const e of errors) process.stderr.write(`data: ${e.file}: ${e.error}\n`);
    }
    return errors.length ? ExitCode.different : 0;
  });
}

function columnsOf(s?: string): string[] | undefined {
  return s
    ? s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)
    : undefined;
}

function cell(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return `0x${Buffer.from(v).toString('hex')}`;
  if (typeof v === 'object') return toJson(v);
  return String(v);
}

export function headCmd(targets: string[], o: Common & { rows: string; columns?: string }): Promise<number> {
  const n = Number(o.rows);
  if (!Number.isInteger(n) || n < 0)
    throw new UserError(`data head: -n must be a whole number, got '${o.rows}'`);
  return withTargets(targets, o, async (r) => {
    const rows: Array<Record<string, Value>> = [];
    const columns = columnsOf(o.columns);
    for (const file of r.files) {
      if (rows.length >= n) break;
      const f = await openParquet(r.reader, file);
      const have = Number(f.metadata.num_rows);
      if (have === 0) continue;
      rows.push(
        ...(await readRows(f, {
          rowStart: 0,
          rowEnd: Math.min(have, n - rows.length),
          ...(columns ? { columns } : {}),
        })),
      );
    }
    if (o.json) print(toJson(rows, 2));
    else {
      const header = rows[0] ? Object.keys(rows[0]) : [];
      const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}...` : s);
      print(
        table(
          header,
          rows.map((row) => header.map((h) => clip(cell(row[h] ?? null)))),
        ),
      );
    }
    return 0;
  });
}

function csvField(v: Value): string {
  const s = cell(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function catCmd(targets: string[], o: Common & { format: string; columns?: string }): Promise<number> {
  if (o.format !== 'jsonl' && o.format !== 'csv')
    throw new UserError(`data cat: --format must be jsonl or csv, got '${o.format}'`);
  return withTargets(targets, o, async (r) => {
    const columns = columnsOf(o.columns);
    let header: string[] | undefined;
    for (const file of r.files) {
      const f = await openParquet(r.reader, file);
      let start = 0;
      // one row group at a time: memory stays at one group however large the file
      for (const rg of f.metadata.row_groups) {
        const end = start + Number(rg.num_rows);
        const rows = await readRows(f, { rowStart: start, rowEnd: end, ...(columns ? { columns } : {}) });
        start = end;
        let chunk = '';
        for (const row of rows) {
          if (o.format === 'jsonl') chunk += `${toJson(row)}\n`;
          else {
            if (!header) {
              header = Object.keys(row);
              chunk += `${header.map((h) => csvField(h)).join(',')}\n`;
            }
            chunk += `${header.map((h) => csvField(row[h] ?? null)).join(',')}\n`;
          }
        }
        if (chunk && !process.stdout.write(chunk))
          await new Promise((res) => process.stdout.once('drain', res));
      }
    }
    return 0;
  });
}

interface ScanCli extends Common {
  concurrency?: string;
  workers?: string;
  progress?: boolean;
  columnsLimit?: string;
}

function intOpt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new UserError(`data: --${name} must be a whole number, got '${v}'`);
  return n;
}

async function runScan(r: Resolved, o: ScanCli): Promise<ScanReport> {
  const t0 = performance.now();
  const bar = progressBar('scan', o.progress !== false);
  const concurrency = intOpt('concurrency', o.concurrency);
  const workers = intOpt('workers', o.workers);
  const raw = await scanFiles(r.files, r.reader, {
    remote: r.kind !== 'local',
    onProgress: (d, t) => bar.update(d, t),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(workers !== undefined ? { workers } : {}),
  });
  bar.end();
  const root =
    r.files.length === 1 && r.root === r.files[0]?.url ? r.root.slice(0, r.root.lastIndexOf('/')) : r.root;
  return summarize(raw, root, r.reader.stats, (performance.now() - t0) / 1000);
}

/** 3 when a file failed for S3/HTTP reasons, 1 when files are broken or schemas differ, else 0. */
function scanExit(report: ScanReport, remoteFailures: boolean): number {
  if (remoteFailures) return ExitCode.remote;
  return report.errors.length > 0 || report.schemas.length > 1 ? ExitCode.different : 0;
}

export function scanCmd(targets: string[], o: ScanCli): Promise<number> {
  return withTargets(targets, o, async (r) => {
    const report = await runScan(r, o);
    if (o.json) print(toJson(report, 2));
    else print(renderScan(report, intOpt('columns-limit', o.columnsLimit) ?? 40));
    const remote = report.errors.some((e) => e.remote === true);
    return scanExit(report, remote);
  });
}

export function ddlCmd(
  targets: string[],
  o: ScanCli & {
    table?: string;
    location?: string;
    clusteredBy?: string;
    sortedBy?: string;
    buckets?: string;
  },
): Promise<number> {
  return withTargets(targets, o, async (r) => {
    const report = await runScan(r, o);
    const buckets = intOpt('buckets', o.buckets);
    const ddl = buildDdl(report, {
      ...(o.table ? { table: o.table } : {}),
      ...(o.location ? { location: o.location } : {}),
      ...(o.clusteredBy ? { clusteredBy: o.clusteredBy } : {}),
      ...(o.sortedBy ? { sortedBy: o.sortedBy } : {}),
      ...(buckets !== undefined ? { buckets } : {}),
    });
    if (o.json)
      print(
        toJson(
          {
            sql: ddl.sql,
            warnings: ddl.warnings,
            scan: {
              files: report.files,
              rows: report.rows,
              partitions: report.partitions,
              buckets: report.buckets,
              requests: report.requests,
            },
          },
          2,
        ),
      );
    else print(`${ddl.sql};`);
    for (const w of ddl.warnings) process.stderr.write(`data ddl: warning: ${w}\n`);
    return scanExit(
      report,
      report.errors.some((e) => e.remote === true),
    );
  });
}
