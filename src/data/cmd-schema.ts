/** `data schema` and `data meta`: one file's schema tree and full footer metadata. */
import type { FileMetaData, SchemaElement } from 'hyparquet';
import { footerStats } from './chunk-stats.js';
import { bytes, count, table, toJson } from './format.js';
import type { OpenFile } from './open.js';
import { schemaTree, type Node } from './spark-types.js';
import { statValue } from './stat-values.js';
import type { Value } from './values.js';

export function logicalName(e: SchemaElement): string | undefined {
  const lt = e.logical_type;
  if (!lt) return e.converted_type;
  if (lt.type === 'DECIMAL') return `DECIMAL(${lt.precision},${lt.scale})`;
  if (lt.type === 'TIMESTAMP' || lt.type === 'TIME')
    return `${lt.type}(${lt.unit},${lt.isAdjustedToUTC ? 'UTC' : 'local'})`;
  if (lt.type === 'INTEGER') return `INTEGER(${lt.bitWidth},${lt.isSigned ? 'signed' : 'unsigned'})`;
  return lt.type;
}

export interface LeafColumn {
  readonly path: string;
  readonly physicalType: string;
  readonly repetition: string;
  readonly logicalType?: string;
  readonly convertedType?: string;
  readonly precision?: number;
  readonly scale?: number;
  readonly typeLength?: number;
  readonly maxDefinitionLevel: number;
  readonly maxRepetitionLevel: number;
}

export function leafColumns(elements: readonly SchemaElement[]): LeafColumn[] {
  const out: LeafColumn[] = [];
  const walk = (n: Node, path: string[], def: number, rep: number) => {
    for (const c of n.children) {
      const e = c.element;
      const d = def + (e.repetition_type === 'REQUIRED' ? 0 : 1);
      const r = rep + (e.repetition_type === 'REPEATED' ? 1 : 0);
      const p = [...path, e.name];
      if (c.children.length) walk(c, p, d, r);
      else {
        const lt = logicalName(e);
        out.push({
          path: p.join('.'),
          physicalType: e.type ?? '',
          repetition: e.repetition_type ?? 'REQUIRED',
          ...(e.logical_type ? { logicalType: lt } : {}),
          ...(e.converted_type ? { convertedType: e.converted_type } : {}),
          ...(e.precision !== undefined ? { precision: e.precision } : {}),
          ...(e.scale !== undefined ? { scale: e.scale } : {}),
          ...(e.type_length !== undefined ? { typeLength: e.type_length } : {}),
          maxDefinitionLevel: d,
          maxRepetitionLevel: r,
        });
      }
    }
  };
  walk(schemaTree(elements), [], 0, 0);
  return out;
}

function treeJson(n: Node): unknown {
  const e = n.element;
  return {
    name: e.name,
    repetition: e.repetition_type ?? 'REQUIRED',
    ...(e.type ? { type: e.type } : {}),
    ...(logicalName(e) ? { logicalType: logicalName(e) } : {}),
    ...(n.children.length ? { children: n.children.map(treeJson) } : {}),
  };
}

function treeText(n: Node, depth: number, lines: string[]): void {
  const e = n.element;
  const ind = '  '.repeat(depth);
  const lt = logicalName(e);
  if (depth === 0) lines.push(`message ${e.name} {`);
  else {
    const rep = (e.repetition_type ?? 'required').toLowerCase();
    const t = n.children.length
      ? 'group'
      : (e.type ?? '').toLowerCase() + (e.type_length ? `(${e.type_length})` : '');
    lines.push(`${ind}${rep} ${t} ${e.name}${lt ? ` (${lt})` : ''}${n.children.length ? ' {' : ';'}`);
  }
  for (const c of n.children) treeText(c, depth + 1, lines);
  if (n.children.length || depth === 0) lines.push(`${'  '.repeat(depth)}}`);
}

export function renderSchema(f: OpenFile, json: boolean): string {
  const tree = schemaTree(f.metadata.schema);
  if (json)
    return toJson({ file: f.file.url, schema: treeJson(tree), columns: leafColumns(f.metadata.schema) }, 2);
  const lines: string[] = [];
  treeText(tree, 0, lines);
  return lines.join('\n');
}

export function metaJson(f: OpenFile) {
  const md: FileMetaData = f.metadata;
  const raw = footerStats(f.footer.bytes);
  const leaves = leafColumns(md.schema);
  const leafElems = md.schema.filter((e) => !e.num_children);
  const val = (b: Uint8Array | undefined, i: number): Value | undefined =>
    b ? statValue(b, leafElems[i] as SchemaElement) : undefined;
  return {
    file: f.file.url,
    size: f.footer.size,
    version: md.version,
    createdBy: md.created_by ?? null,
    numRows: md.num_rows,
    metadataLength: md.metadata_length,
    keyValues: (md.key_value_metadata ?? []).map((kv) => ({ key: kv.key, value: kv.value ?? null })),
    rowGroups: md.row_groups.map((rg, r) => ({
      index: r,
      numRows: rg.num_rows,
      totalByteSize: rg.total_byte_size,
      ...(rg.total_compressed_size !== undefined ? { totalCompressedSize: rg.total_compressed_size } : {}),
      columns: rg.columns.map((c, i) => {
        const m = c.meta_data;
        const s = raw.rowGroups[r]?.columns[i];
        return {
          path: m?.path_in_schema.join('.') ?? leaves[i]?.path ?? '',
          type: m?.type ?? null,
          codec: m?.codec ?? null,
          encodings: m?.encodings ?? [],
          compressed: m?.total_compressed_size ?? null,
          uncompressed: m?.total_uncompressed_size ?? null,
          numValues: m?.num_values ?? null,
          nullCount: s?.nullCount ?? null,
          distinctCount: s?.distinctCount ?? null,
          min: val(s?.min, i) ?? null,
          max: val(s?.max, i) ?? null,
          dataPageOffset: m?.data_page_offset ?? null,
          dictionaryPageOffset: m?.dictionary_page_offset ?? null,
        };
      }),
    })),
  };
}

function short(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s =
    typeof v === 'string' ? v : v instanceof Uint8Array ? `0x${Buffer.from(v).toString('hex')}` : String(v);
  return s.length > 24 ? `${s.slice(0, 21)}...` : s;
}

export function renderMeta(f: OpenFile, json: boolean): string {
  const m = metaJson(f);
  if (json) return toJson(m, 2);
  const out = [
    `file:        ${m.file}`,
    `size:        ${bytes(m.size)} (footer ${bytes(m.metadataLength)})`,
    `created by:  ${m.createdBy ?? '-'}`,
    `rows:        ${count(Number(m.numRows))} in ${m.rowGroups.length} row groups`,
  ];
  for (const kv of m.keyValues) out.push(`kv:          ${kv.key} = ${short(kv.value).replace(/\n/g, ' ')}`);
  for (const rg of m.rowGroups) {
    out.push(
      '',
      `row group ${rg.index}: ${count(Number(rg.numRows))} rows, ${bytes(Number(rg.totalByteSize))}`,
    );
    out.push(
      table(
        [
          'column',
          'type',
          'codec',
          'encodings',
          'compressed',
          'uncompressed',
          'values',
          'nulls',
          'min',
          'max',
        ],
        rg.columns.map((c) => [
          c.path,
          c.type ?? '',
          c.codec ?? '',
          c.encodings.join(','),
          Number(c.compressed ?? 0),
          Number(c.uncompressed ?? 0),
          Number(c.numValues ?? 0),
          c.nullCount ?? '',
          short(c.min),
          short(c.max),
        ]),
      ),
    );
  }
  return out.join('\n');
}
