/**
 * The scan decoder's Thrift compact-protocol primitives. They work on module-level state
 * (B: bytes, E: end, V: the last varint) with positions passed and returned as plain numbers: no
 * objects and no property loads per byte, which is what makes the footer scan fast. Every read is
 * bounds-checked so that a corrupt footer fails with a message instead of looping.
 * The state is set by setInput; other modules read B, E and V through live bindings.
 */
import { T } from './thrift-lite.js';

export let B: Uint8Array = new Uint8Array(0);
export let E = 0;
export let V = 0;

/** Decode `bytes` up to `end` from now on. */
export function setInput(bytes: Uint8Array, end: number): void {
  B = bytes;
  E = end;
}

export function fail(p: number, what: string): never {
  throw new Error(`corrupt footer: ${what} at byte ${p}`);
}

/** Reads a varint at p into V; returns the position after it. */
export function varint(p: number): number {
  let r = 0;
  let s = 1;
  for (;;) {
    if (p >= E) fail(p, 'unexpected end in varint');
    const x = B[p++] as number;
    if (x < 0x80) {
      V = r + x * s;
      return p;
    }
    r += (x & 0x7f) * s;
    s *= 128;
  }
}

export function zigzag(v: number): number {
  return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
}

export function skipVarint(p: number): number {
  for (;;) {
    if (p >= E) fail(p, 'unexpected end in varint');
    if ((B[p++] as number) < 0x80) return p;
  }
}

export function skip(p: number, type: number): number {
  switch (type) {
    case T.TRUE:
    case T.FALSE:
      return p;
    case T.BYTE:
      return p + 1;
    case T.I16:
    case T.I32:
    case T.I64:
      return skipVarint(p);
    case T.DOUBLE:
      return p + 8;
    case T.BINARY:
      p = varint(p);
      if (p + V > E) fail(p, `binary of ${V} bytes past the end`);
      return p + V;
    case T.LIST:
    case T.SET: {
      if (p >= E) fail(p, 'unexpected end');
      const h = B[p++] as number;
      let n = h >> 4;
      const et = h & 0x0f;
      if (n === 15) {
        p = varint(p);
        n = V;
      }
      if (et === T.TRUE || et === T.FALSE) return p + n;
      for (let i = 0; i < n; i++) p = skip(p, et);
      return p;
    }
    case T.MAP: {
      p = varint(p);
      const n = V;
      if (n === 0) return p;
      const kv = B[p++] as number;
      for (let i = 0; i < n; i++) p = skip(skip(p, kv >> 4), kv & 0x0f);
      return p;
    }
    case T.STRUCT:
      return skipStruct(p);
    default:
      return fail(p, `unknown thrift type ${type}`);
  }
}

export function skipStruct(p: number): number {
  for (;;) {
    if (p >= E) fail(p, 'unexpected end in struct');
    const h = B[p++] as number;
    const t = h & 0x0f;
    if (t === T.STOP) return p;
    if (h >> 4 === 0) p = skipVarint(p);
    p = skip(p, t);
  }
}

/** List header at p: element count in V, returns the position of the first element. */
export function listHeader(p: number): number {
  if (p >= E) fail(p, 'unexpected end');
  const h = B[p++] as number;
  V = h >> 4;
  return V === 15 ? varint(p) : p;
}
