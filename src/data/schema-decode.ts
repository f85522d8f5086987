/**
 * Decodes Parquet SchemaElement lists and key/value metadata into hyparquet's own types, so that
 * the fast scan decoder and hyparquet-based commands share one schema representation.
 */
import type { KeyValue, LogicalType, SchemaElement, TimeUnit } from 'hyparquet';
import { T, readStruct, type Cursor } from './thrift-lite.js';

export const ParquetTypes = [
  'BOOLEAN',
  'INT32',
  'INT64',
  'INT96',
  'FLOAT',
  'DOUBLE',
  'BYTE_ARRAY',
  'FIXED_LEN_BYTE_ARRAY',
] as const;
const Repetitions = ['REQUIRED', 'OPTIONAL', 'REPEATED'] as const;
const ConvertedTypes = [
  'UTF8', 'MAP', 'MAP_KEY_VALUE', 'LIST', 'ENUM', 'DECIMAL', 'DATE', 'TIME_MILLIS', 'TIME_MICROS',
  'TIMESTAMP_MILLIS', 'TIMESTAMP_MICROS', 'UINT_8', 'UINT_16', 'UINT_32', 'UINT_64', 'INT_8', 'INT_16',
  'INT_32', 'INT_64', 'JSON', 'BSON', 'INTERVAL',
] as const; // prettier-ignore
export const Codecs = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'LZO', 'BROTLI', 'LZ4', 'ZSTD', 'LZ4_RAW'] as const;
export const Encodings = [
  'PLAIN', 'GROUP_VAR_INT', 'PLAIN_DICTIONARY', 'RLE', 'BIT_PACKED', 'DELTA_BINARY_PACKED',
  'DELTA_LENGTH_BYTE_ARRAY', 'DELTA_BYTE_ARRAY', 'RLE_DICTIONARY', 'BYTE_STREAM_SPLIT',
] as const; // prettier-ignore

const text = new TextDecoder();

function unitOf(c: Cursor): TimeUnit {
  let unit: TimeUnit = 'MILLIS';
  readStruct(c, (id, type) => {
    if (type !== T.STRUCT) return false;
    unit = id === 2 ? 'MICROS' : id === 3 ? 'NANOS' : 'MILLIS';
    c.skipStruct();
    return true;
  });
  return unit;
}

function logicalTypeOf(c: Cursor): LogicalType | undefined {
  let lt: LogicalType | undefined;
  readStruct(c, (id, type) => {
    if (type !== T.STRUCT) return false;
    const simple: Record<number, string> = {
      1: 'STRING', 2: 'MAP', 3: 'LIST', 4: 'ENUM', 6: 'DATE', 11: 'NULL', 12: 'JSON', 13: 'BSON',
      14: 'UUID', 15: 'FLOAT16', 16: 'VARIANT', 17: 'GEOMETRY', 18: 'GEOGRAPHY',
    }; // prettier-ignore
    if (id === 5) {
      let scale = 0;
      let precision = 0;
      readStruct(c, (f) =>
        f === 1 ? ((scale = c.zigzag()), true) : f === 2 ? ((precision = c.zigzag()), true) : false,
      );
      lt = { type: 'DECIMAL', scale, precision };
    } else if (id === 7 || id === 8) {
      let isAdjustedToUTC = false;
      let unit: TimeUnit = 'MILLIS';
      readStruct(c, (f, t) => {
        if (f === 1) return ((isAdjustedToUTC = t === T.TRUE), true);
        if (f === 2) return ((unit = unitOf(c)), true);
        return false;
      });
      lt = { type: id === 7 ? 'TIME' : 'TIMESTAMP', isAdjustedToUTC, unit };
    } else if (id === 10) {
      let bitWidth = 0;
      let isSigned = false;
      readStruct(c, (f, t) => {
        if (f === 1) return ((bitWidth = c.byte()), true);
        if (f === 2) return ((isSigned = t === T.TRUE), true);
        return false;
      });
      lt = { type: 'INTEGER', bitWidth, isSigned };
    } else {
      c.skipStruct();
      const name = simple[id];
      if (name) lt = { type: name } as LogicalType;
    }
    return true;
  });
  return lt;
}

export function decodeSchemaElement(c: Cursor): SchemaElement {
  const e: SchemaElement = { name: '' };
  readStruct(c, (id, type) => {
    switch (id) {
      case 1:
        e.type = ParquetTypes[c.zigzag()];
        return true;
      case 2:
        e.type_length = c.zigzag();
        return true;
      case 3:
        e.repetition_type = Repetitions[c.zigzag()];
        return true;
      case 4:
        e.name = text.decode(c.binary());
        return true;
      case 5:
        e.num_children = c.zigzag();
        return true;
      case 6:
        e.converted_type = ConvertedTypes[c.zigzag()];
        return true;
      case 7:
        e.scale = c.zigzag();
        return true;
      case 8:
        e.precision = c.zigzag();
        return true;
      case 9:
        e.field_id = c.zigzag();
        return true;
      case 10: {
        if (type !== T.STRUCT) return false;
        const lt = logicalTypeOf(c);
        if (lt) e.logical_type = lt;
        return true;
      }
      default:
        return false;
    }
  });
  return e;
}

export function decodeSchemaList(c: Cursor): SchemaElement[] {
  const [, n] = c.listHeader();
  const out: SchemaElement[] = [];
  for (let i = 0; i < n; i++) out.push(decodeSchemaElement(c));
  return out;
}

export function decodeKeyValues(c: Cursor): KeyValue[] {
  const [, n] = c.listHeader();
  const out: KeyValue[] = [];
  for (let i = 0; i < n; i++) {
    const kv: KeyValue = { key: '' };
    readStruct(c, (id) => {
      if (id === 1) return ((kv.key = text.decode(c.binary())), true);
      if (id === 2) return ((kv.value = text.decode(c.binary())), true);
      return false;
    });
    out.push(kv);
  }
  return out;
}
