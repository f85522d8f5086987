/**
 * Parquet schema → Spark SQL types, following Spark 3.5's ParquetToSparkSchemaConverter
 * (including the legacy LIST/MAP layouts), and identifier quoting for DDL.
 */
import type { SchemaElement } from 'hyparquet';

export interface Node {
  readonly element: SchemaElement;
  readonly children: Node[];
}

/** The schema list as a tree (index 0 is the root message). */
export function schemaTree(elements: readonly SchemaElement[]): Node {
  let i = 0;
  function node(): Node {
    const element = elements[i++];
    if (!element) throw new Error('schema: fewer elements than num_children says');
    const children: Node[] = [];
    for (let k = 0; k < (element.num_children ?? 0); k++) children.push(node());
    return { element, children };
  }
  return node();
}

/** Backquotes an identifier for Spark SQL (backquotes inside are doubled). */
export function quoteIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

function decimalOf(e: SchemaElement): string | undefined {
  const lt = e.logical_type;
  if (lt?.type === 'DECIMAL') return `decimal(${lt.precision},${lt.scale})`;
  if (e.converted_type === 'DECIMAL') return `decimal(${e.precision ?? 10},${e.scale ?? 0})`;
  return undefined;
}

/** Spark type of a primitive column; throws for types Spark cannot read. */
function primitiveType(e: SchemaElement): string {
  const dec = decimalOf(e);
  if (dec) return dec;
  const lt = e.logical_type;
  const ct = e.converted_type;
  switch (e.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INT32':
      if (ct === 'DATE' || lt?.type === 'DATE') return 'date';
      if (ct === 'INT_8' || (lt?.type === 'INTEGER' && lt.bitWidth === 8 && lt.isSigned)) return 'tinyint';
      if (ct === 'INT_16' || (lt?.type === 'INTEGER' && lt.bitWidth === 16 && lt.isSigned)) return 'smallint';
      if (ct === 'UINT_8' || (lt?.type === 'INTEGER' && lt.bitWidth === 8)) return 'smallint';
      if (ct === 'UINT_16' || (lt?.type === 'INTEGER' && lt.bitWidth === 16)) return 'int';
      if (ct === 'UINT_32' || (lt?.type === 'INTEGER' && lt.bitWidth === 32 && !lt.isSigned)) return 'bigint';
      if (ct === 'TIME_MILLIS' || lt?.type === 'TIME')
        throw new Error(`Spark cannot read TIME column '${e.name}'`);
      return 'int';
    case 'INT64':
      if (ct === 'UINT_64' || (lt?.type === 'INTEGER' && !lt.isSigned)) return 'decimal(20,0)';
      if (lt?.type === 'TIMESTAMP') {
        if (lt.unit === 'NANOS') {
          warnings?.push(
            `column '${e.name}' is TIMESTAMP(NANOS): Spark 3.5 reads it only with spark.sql.legacy.parquet.nanosAsLong=true, as bigint`,
          );
          return 'bigint';
        }
        return lt.isAdjustedToUTC ? 'timestamp' : 'timestamp_ntz';
      }
      if (ct === 'TIMESTAMP_MILLIS' || ct === 'TIMESTAMP_MICROS') return 'timestamp';
      if (ct === 'TIME_MICROS' || lt?.type === 'TIME')
        throw new Error(`Spark cannot read TIME column '${e.name}'`);
      return 'bigint';
    case 'INT96':
      return 'timestamp';
    case 'FLOAT':
      return 'float';
    case 'DOUBLE':
      return 'double';
    case 'BYTE_ARRAY':
      if (
        ct === 'UTF8' ||
        ct === 'ENUM' ||
        ct === 'JSON' ||
        lt?.type === 'STRING' ||
        lt?.type === 'ENUM' ||
        lt?.type === 'JSON'
      )
        return 'string';
      return 'binary';
    case 'FIXED_LEN_BYTE_ARRAY':
      return 'binary';
    default:
      throw new Error(`unknown physical type of column '${e.name}'`);
  }
}

function isListAnnotated(e: SchemaElement): boolean {
  return e.converted_type === 'LIST' || e.logical_type?.type === 'LIST';
}
function isMapAnnotated(e: SchemaElement): boolean {
  return e.converted_type === 'MAP' || e.converted_type === 'MAP_KEY_VALUE' || e.logical_type?.type === 'MAP';
}

function structType(children: readonly Node[]): string {
  return `struct<${children.map((c) => `${quoteIdent(c.element.name)}:${sparkType(c)}`).join(',')}>`;
}

/** Type of a field ignoring its own repetition (used for list elements). */
function nonRepeatedType(n: Node): string {
  if (n.children.length === 0) return primitiveType(n.element);
  if (isListAnnotated(n.element)) return listType(n);
  if (isMapAnnotated(n.element)) return mapType(n);
  return structType(n.children);
}

/** Parquet's backward-compatibility rules for the repeated field inside a LIST group. */
function listType(n: Node): string {
  const rep = n.children[0];
  if (!rep || n.children.length !== 1)
    throw new Error(`LIST '${n.element.name}' must have one repeated child`);
  const r = rep.element;
  const isElementItself =
    rep.children.length === 0 ||
    rep.children.length > 1 ||
    r.name === 'array' ||
    r.name === `${n.element.name}_tuple`;
  if (isElementItself) return `array<${nonRepeatedType(rep)}>`;
  return `array<${sparkType(rep.children[0] as Node)}>`;
}

function mapType(n: Node): string {
  const kv = n.children[0];
  if (!kv || kv.children.length !== 2) throw new Error(`MAP '${n.element.name}' must have a key/value group`);
  return `map<${sparkType(kv.children[0] as Node)},${sparkType(kv.children[1] as Node)}>`;
}

/** The Spark SQL type of a schema node (a field of the root or a nested field). */
export function sparkType(n: Node): string {
  const t = nonRepeatedType(n);
  // an unannotated repeated field is a required list of its type
  return n.element.repetition_type === 'REPEATED' && !isListAnnotated(n.element) ? `array<${t}>` : t;
}

export interface SparkColumn {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
}

// collects warnings during one sparkColumns call (the type functions are deeply recursive)
let warnings: string[] | undefined;

/** Spark columns of a schema; `warn` receives notes on types Spark reads only with a setting. */
export function sparkColumns(elements: readonly SchemaElement[], warn?: string[]): SparkColumn[] {
  warnings = warn;
  try {
    return columnsOf(elements);
  } finally {
    warnings = undefined;
  }
}

function columnsOf(elements: readonly SchemaElement[]): SparkColumn[] {
  return schemaTree(elements).children.map((c) => ({
    name: c.element.name,
    type: sparkType(c),
    nullable: c.element.repetition_type !== 'REQUIRED',
  }));
}
