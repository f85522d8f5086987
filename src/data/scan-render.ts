/** Text rendering of a scan report. */
import { bytes, count, table } from './format.js';
import type { ScanReport } from './scan-summary.js';

export function renderScan(r: ScanReport, columnsLimit: number): string {
  const out: string[] = [
    `root:        ${r.root}`,
    `files:       ${count(r.files)} (${count(r.readable)} readable, ${count(r.errors.length)} unreadable), ${bytes(r.bytes)}`,
    `rows:        ${count(r.rows)} in ${count(r.rowGroups)} row groups`,
    `column data: ${bytes(r.compressed)} compressed, ${bytes(r.uncompressed)} uncompressed`,
  ];
  for (const c of r.createdBy) out.push(`created by:  ${c.value || '(unknown)'} (${count(c.files)} files)`);
  if (r.partitions.length) {
    out.push(
      `partitions:  ${r.partitions.map((p) => `${p.name} ${p.type} (${count(p.values)} values)`).join(', ')}`,
    );
  }
  if (r.buckets) {
    out.push(
      `buckets:     ${count(r.buckets.files)} bucket files, ids 0..${r.buckets.count - 1} (${count(r.buckets.distinct)} distinct)`,
    );
  }
  const sorted = r.columns.filter((c) => c.sortedFiles > 0 && c.unsortedFiles === 0).map((c) => c.path);
  if (sorted.length)
    out.push(`sorted:      ${sorted.slice(0, 5).join(', ')} (row-group min/max in order within files)`);
  out.push(
    `schemas:     ${r.schemas.length === 1 ? 'all files agree' : `${r.schemas.length} different schemas`}`,
  );
  if (r.schemas.length > 1) {
    for (const s of r.schemas) out.push(`  schema ${s.id}: ${count(s.files)} files, e.g. ${s.example}`);
    out.push(
      '',
      'schema differences (against schema 0):',
      table(
        ['schema', 'column', 'change', 'schema 0', 'found'],
        r.differences.map((d) => [d.schema, d.column, d.change, d.expected ?? '', d.found ?? '']),
      ),
    );
  }
  const cols = columnsLimit > 0 ? r.columns.slice(0, columnsLimit) : r.columns;
  out.push(
    '',
    table(
      ['column', 'type', 'compressed', 'uncompressed', 'values', 'nulls', 'codecs', 'encodings'],
      cols.map((c) => [
        c.path,
        c.physicalType,
        bytes(c.compressed),
        bytes(c.uncompressed),
        c.values,
        c.nulls ?? '?',
        c.codecs.join(','),
        c.encodings.join(','),
      ]),
    ),
  );
  if (cols.length < r.columns.length)
    out.push(`… ${r.columns.length - cols.length} more columns (--columns-limit 0 or --json for all)`);
  if (r.errors.length) {
    out.push('', `unreadable files (${r.errors.length}):`);
    for (const e of r.errors) out.push(`  ${e.file}: ${e.error}`);
  }
  out.push(
    '',
    `${count(r.requests.get)} reads, ${count(r.requests.list)} list calls, ${bytes(r.requests.bytes)} read, ${r.seconds.toFixed(2)} s`,
  );
  return out.join('\n');
}
