/**
 * Exact, JSON-ready values: decimals as strings with every digit, timestamps as ISO 8601 in UTC
 * with the column's own precision (ms, µs or ns), dates as YYYY-MM-DD, 64-bit integers as bigint
 * (written as integer literals by toJson), binaries as Uint8Array (base64 in JSON).
 * hyparquet converts decimals to floating point and INT96 to milliseconds; both lose digits, so
 * rows are read with those conversions switched off and finished here.
 */
import type { ParquetParsers, SchemaElement } from 'hyparquet';

export type Value = null | boolean | number | bigint | string | Uint8Array | Value[] | { [k: string]: Value };

/** Nanoseconds since the epoch as ISO 8601 with `digits` fractional digits (3, 6 or 9). */
export function isoFromNanos(ns: bigint, digits: number): string {
  let ms = ns / 1000000n;
  let rem = ns % 1000000n;
  if (rem < 0n) {
    rem += 1000000n;
    ms -= 1n;
  }
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return ns.toString();
  const base = d.toISOString(); // …:SS.sssZ
  return `${base.slice(0, -1)}${rem
    .toString()
    .padStart(6, '0')
    .slice(0, Math.max(0, digits - 3))}Z`;
}

export function dateFromDays(days: number): string {
  const d = new Date(days * 86400000);
  return Number.isNaN(d.getTime()) ? String(days) : d.toISOString().slice(0, 10);
}

/** hyparquet parsers producing the exact forms above. */
export const exactParsers: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (v: bigint) => isoFromNanos(BigInt(v) * 1000000n, 3),
  timestampFromMicroseconds: (v: bigint) => isoFromNanos(BigInt(v) * 1000n, 6),
  timestampFromNanoseconds: (v: bigint) => isoFromNanos(BigInt(v), 9),
  dateFromDays: (d: number) => dateFromDays(d),
};

/** Scale of a DECIMAL column, or undefined when the column is not a decimal. */
export function decimalScale(e: SchemaElement): number | undefined {
  if (e.logical_type?.type === 'DECIMAL') return e.logical_type.scale ?? 0;
  if (e.converted_type === 'DECIMAL') return e.scale ?? 0;
  return undefined;
}

/** Big-endian two's complement bytes as a bigint. */
export function bigFromBytes(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  if (b.length > 0 && (b[0] as number) & 0x80) v -= 1n << BigInt(b.length * 8);
  return v;
}

/** An unscaled integer and a scale as an exact decimal string: (12345, 2) → "123.45". */
export function decimalString(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (unscaled * 10n ** BigInt(-scale)).toString();
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** A raw decimal value as hyparquet returns it with the DECIMAL conversion switched off. */
export function decimalValue(v: unknown, scale: number): string | null {
  if (v == null) return null;
  if (v instanceof Uint8Array) return decimalString(bigFromBytes(v), scale);
  if (typeof v === 'bigint') return decimalString(v, scale);
  if (typeof v === 'number') return decimalString(BigInt(v), scale);
  return String(v);
}

/** Little-endian INT96 (nanos of day, then Julian day) as nanoseconds since the epoch. */
export function int96Nanos(b: Uint8Array): bigint {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const nanos = dv.getBigInt64(0, true);
  const day = BigInt(dv.getInt32(8, true));
  return (day - 2440588n) * 86400000000000n + nanos;
}

/** Metadata with DECIMAL conversion removed, so that hyparquet hands over the raw integers. */
export function withoutDecimalConversion(elements: readonly SchemaElement[]): SchemaElement[] {
  return elements.map((e) => {
    if (e.converted_type !== 'DECIMAL') return e;
    const copy = { ...e };
    delete copy.converted_type;
    return copy;
  });
}
