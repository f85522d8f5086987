/**
 * A tiny Thrift compact-protocol cursor: varints, field headers and skipping of whole values.
 * Bounds are checked on every read, so a corrupt footer ends in a clear error rather than an
 * endless loop (reading past a Uint8Array yields undefined, which a naive varint loop never ends on).
 */

export const T = {
  STOP: 0,
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

export class Cursor {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    pos = 0,
    readonly end = buf.length,
  ) {
    this.pos = pos;
  }

  fail(what: string): never {
    throw new Error(`corrupt footer: ${what} at byte ${this.pos}`);
  }

  byte(): number {
    if (this.pos >= this.end) this.fail('unexpected end');
    return this.buf[this.pos++] as number;
  }

  /** Unsigned LEB128 as a double: exact up to 2^53, which covers every size and count in Parquet. */
  varint(): number {
    const b = this.buf;
    const end = this.end;
    let p = this.pos;
    let r = 0;
    let s = 1;
    for (;;) {
      if (p >= end) {
        this.pos = p;
        this.fail('unexpected end in varint');
      }
      const x = b[p++] as number;
      r += (x & 0x7f) * s;
      if (x < 0x80) break;
      s *= 128;
    }
    this.pos = p;
    return r;
  }

  /** A zigzag-encoded i16/i32/i64 as a number. */
  zigzag(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  /** Length-prefixed binary: returns its start; the cursor moves past it. */
  binaryStart(): number {
    const len = this.varint();
    const start = this.pos;
    if (start + len > this.end) this.fail(`binary of ${len} bytes past the end`);
    this.pos = start + len;
    return start;
  }

  binary(): Uint8Array {
    const len = this.varint();
    const start = this.pos;
    if (start + len > this.end) this.fail(`binary of ${len} bytes past the end`);
    this.pos = start + len;
    return this.buf.subarray(start, start + len);
  }

  /** List header: [element type, size]. */
  listHeader(): [number, number] {
    const h = this.byte();
    let size = h >> 4;
    if (size === 15) size = this.varint();
    return [h & 0x0f, size];
  }

  skip(type: number): void {
    switch (type) {
      case T.TRUE:
      case T.FALSE:
        return;
      case T.BYTE:
        this.pos++;
        return;
      case T.I16:
      case T.I32:
      case T.I64:
        this.varint();
        return;
      case T.DOUBLE:
        this.pos += 8;
        return;
      case T.BINARY:
        this.binaryStart();
        return;
      case T.LIST:
      case T.SET: {
        const [et, n] = this.listHeader();
        if (et === T.TRUE || et === T.FALSE) this.pos += n;
        else for (let i = 0; i < n; i++) this.skip(et);
        return;
      }
      case T.MAP: {
        const n = this.varint();
        if (n === 0) return;
        const kv = this.byte();
        for (let i = 0; i < n; i++) {
          this.skip(kv >> 4);
          this.skip(kv & 0x0f);
        }
        return;
      }
      case T.STRUCT:
        this.skipStruct();
        return;
      default:
        this.fail(`unknown thrift type ${type}`);
    }
  }

  skipStruct(): void {
    for (;;) {
      const h = this.byte();
      const type = h & 0x0f;
      if (type === T.STOP) return;
      if (h >> 4 === 0) this.varint(); // long-form field id
      this.skip(type);
    }
  }
}

/**
 * Iterates a struct's fields: calls `field(id, type)` for each, which must consume the value
 * (or return false to have it skipped).
 */
export function readStruct(c: Cursor, field: (id: number, type: number) => boolean): void {
  let fid = 0;
  for (;;) {
    const h = c.byte();
    const type = h & 0x0f;
    if (type === T.STOP) return;
    const delta = h >> 4;
    fid = delta ? fid + delta : c.zigzag();
    if (!field(fid, type)) c.skip(type);
  }
}
