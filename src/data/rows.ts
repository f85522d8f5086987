/** `data head` and `data cat`: rows through hyparquet, finished into exact JSON-ready values. */
import type { FileMetaData, SchemaElement } from 'hyparquet';
import type { OpenFile } from './open.js';
import { schemaTree, type Node } from './spark-types.js';
import { decimalScale, decimalValue, exactParsers, withoutDecimalConversion, type Value } from './values.js';

function isListLike(n: Node): boolean {
  const c = n.children[0];
  return (
    n.element.converted_type === 'LIST' &&
    n.children.length === 1 &&
    !!c &&
    c.children.length <= 1 &&
    c.element.repetition_type === 'REPEATED'
  );
}
function isMapLike(n: Node): boolean {
  const c = n.children[0];
  return (
    n.element.converted_type === 'MAP' &&
    n.children.length === 1 &&
    !!c &&
    c.children.length === 2 &&
    c.element.repetition_type === 'REPEATED'
  );
}

function leaf(e: SchemaElement, v: unknown): Value {
  if (v === undefined || v === null) return null;
  const scale = decimalScale(e);
  if (scale !== undefined) return decimalValue(v, scale);
  return v as Value;
}

/** Walks a value alongside its schema node, fixing decimals at any depth (hyparquet's shapes). */
export function finish(n: Node, v: unknown, repeatedHandled = false): Value {
  if (v === undefined || v === null) return null;
  if (n.element.repetition_type === 'REPEATED' && !repeatedHandled && Array.isArray(v))
    return v.map((x) => finish(n, x, true));
  if (isListLike(n)) {
    const rep = n.children[0] as Node;
    const el = rep.children[0] ?? rep;
    return Array.isArray(v) ? v.map((x) => finish(el, x, true)) : (v as Value);
  }
  if (isMapLike(n)) {
    const val =
      (n.children[0] as Node).children.find((c) => c.element.name === 'value') ??
      ((n.children[0] as Node).children[1] as Node);
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = finish(val, x);
    return out;
  }
  if (n.children.length) {
    const o = v as Record<string, unknown>;
    const out: Record<string, Value> = {};
    for (const c of n.children) out[c.element.name] = finish(c, o[c.element.name]);
    return out;
  }
  return leaf(n.element, v);
}

export interface RowReadOptions {
  readonly columns?: string[];
  readonly rowStart?: number;
  readonly rowEnd?: number;
}

/** Reads rows [rowStart, rowEnd) of one file as objects with exact values. */
export async function readRows(f: OpenFile, opts: RowReadOptions): Promise<Array<Record<string, Value>>> {
  const { parquetReadObjects } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const metadata: FileMetaData = { ...f.metadata, schema: withoutDecimalConversion(f.metadata.schema) };
  const rows = await parquetReadObjects({
    file: f.buffer,
    metadata,
    compressors,
    utf8: false,
    parsers: exactParsers,
    ...(opts.columns ? { columns: opts.columns } : {}),
    ...(opts.rowStart !== undefined ? { rowStart: opts.rowStart } : {}),
    ...(opts.rowEnd !== undefined ? { rowEnd: opts.rowEnd } : {}),
  });
  const top = new Map(schemaTree(f.metadata.schema).children.map((c) => [c.element.name, c]));
  return rows.map((r) => {
    const out: Record<string, Value> = {};
    for (const [k, v] of Object.entries(r)) {
      const n = top.get(k);
      out[k] = n ? finish(n, v) : (v as Value);
    }
    return out;
  });
}
