/**
 * Raw Parquet statistics bytes → exact values, and an order to aggregate them across row groups
 * and files. Used by `meta` and `stats` instead of hyparquet's converted statistics, which turn
 * decimals into floating point.
 */
import type { SchemaElement } from 'hyparquet';
import {
  bigFromBytes,
  dateFromDays,
  decimalScale,
  decimalString,
  int96Nanos,
  isoFromNanos,
  type Value,
} from './values.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

function isString(e: SchemaElement): boolean {
  const t = e.logical_type?.type;
  return (
    e.converted_type === 'UTF8' ||
    e.converted_type === 'ENUM' ||
    e.converted_type === 'JSON' ||
    t === 'STRING' ||
    t === 'ENUM' ||
    t === 'JSON'
  );
}

function unsigned(e: SchemaElement): boolean {
  return (
    (e.converted_type?.startsWith('UINT_') ?? false) ||
    (e.logical_type?.type === 'INTEGER' && !e.logical_type.isSigned)
  );
}

/** Decodes one min/max value of a column chunk's statistics. */
export function statValue(b: Uint8Array, e: SchemaElement): Value {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const scale = decimalScale(e);
  const lt = e.logical_type;
  switch (e.type) {
    case 'BOOLEAN':
      return b[0] === 1;
    case 'INT32': {
      if (b.length < 4) return null;
      const v = unsigned(e) ? dv.getUint32(0, true) : dv.getInt32(0, true);
      if (scale !== undefined) return decimalString(BigInt(v), scale);
      if (e.converted_type === 'DATE' || lt?.type === 'DATE') return dateFromDays(v);
      return v;
    }
    case 'INT64': {
      if (b.length < 8) return null;
      const v = unsigned(e) ? dv.getBigUint64(0, true) : dv.getBigInt64(0, true);
      if (scale !== undefined) return decimalString(v, scale);
      if (lt?.type === 'TIMESTAMP') {
        const f = lt.unit === 'MILLIS' ? 1000000n : lt.unit === 'MICROS' ? 1000n : 1n;
        return isoFromNanos(v * f, lt.unit === 'MILLIS' ? 3 : lt.unit === 'MICROS' ? 6 : 9);
      }
      if (e.converted_type === 'TIMESTAMP_MILLIS') return isoFromNanos(v * 1000000n, 3);
      if (e.converted_type === 'TIMESTAMP_MICROS') return isoFromNanos(v * 1000n, 6);
      return v;
    }
    case 'INT96':
      return b.length === 12 ? isoFromNanos(int96Nanos(b), 9) : null;
    case 'FLOAT':
      return b.length === 4 ? dv.getFloat32(0, true) : null;
    case 'DOUBLE':
      return b.length === 8 ? dv.getFloat64(0, true) : null;
    default:
      if (scale !== undefined) return decimalString(bigFromBytes(b), scale);
      if (isString(e)) return utf8.decode(b);
      if (lt?.type === 'UUID' && b.length === 16) {
        const h = Buffer.from(b).toString('hex');
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      }
      return b.slice();
  }
}

/** A key that orders raw statistics the way the column's type orders values. */
export function statKey(b: Uint8Array, e: SchemaElement): number | bigint | string {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const scale = decimalScale(e);
  switch (e.type) {
    case 'BOOLEAN':
      return b[0] ?? 0;
    case 'INT32':
      return unsigned(e) ? dv.getUint32(0, true) : dv.getInt32(0, true);
    case 'INT64':
      return unsigned(e) ? dv.getBigUint64(0, true) : dv.getBigInt64(0, true);
    case 'INT96':
      return int96Nanos(b);
    case 'FLOAT':
      return dv.getFloat32(0, true);
    case 'DOUBLE':
      return dv.getFloat64(0, true);
    default:
      // signed big-endian for decimals, unsigned byte order (as latin1 code units) otherwise
      return scale !== undefined ? bigFromBytes(b) : Buffer.from(b).toString('latin1');
  }
}
