/** Raw statistics of every column chunk of a footer (min/max bytes, null and distinct counts). */
import type { SchemaElement } from 'hyparquet';
import { Cursor, T, readStruct } from './thrift-lite.js';
import { decodeSchemaList } from './schema-decode.js';

export interface RawChunkStats {
  min?: Uint8Array;
  max?: Uint8Array;
  nullCount?: number;
  distinctCount?: number;
}

export interface RawFooterStats {
  readonly elements: SchemaElement[];
  readonly rowGroups: Array<{ numRows: number; columns: RawChunkStats[] }>;
}

function statistics(c: Cursor, isBinary: boolean): RawChunkStats {
  const s: RawChunkStats = {};
  let legacyMin: Uint8Array | undefined;
  let legacyMax: Uint8Array | undefined;
  readStruct(c, (id, type) => {
    if (type === T.BINARY && (id === 1 || id === 2 || id === 5 || id === 6)) {
      const v = c.binary();
      if (id === 1) legacyMax = v;
      else if (id === 2) legacyMin = v;
      else if (id === 5) s.max = v;
      else s.min = v;
      return true;
    }
    if (id === 3) return ((s.nullCount = c.zigzag()), true);
    if (id === 4) return ((s.distinctCount = c.zigzag()), true);
    return false;
  });
  // legacy min/max of binaries used signed byte order: not trustworthy, left out
  if (!isBinary) {
    if (s.min === undefined && legacyMin) s.min = legacyMin;
    if (s.max === undefined && legacyMax) s.max = legacyMax;
  }
  return s;
}

export function footerStats(bytes: Uint8Array): RawFooterStats {
  const c = new Cursor(bytes, 0, bytes.length - 8);
  let elements: SchemaElement[] = [];
  const rowGroups: RawFooterStats['rowGroups'] = [];
  readStruct(c, (id, type) => {
    if (id === 2 && type === T.LIST) return ((elements = decodeSchemaList(c)), true);
    if (id !== 4 || type !== T.LIST) return false;
    const [, n] = c.listHeader();
    for (let r = 0; r < n; r++) {
      const rg = { numRows: 0, columns: [] as RawChunkStats[] };
      readStruct(c, (rid, rtype) => {
        if (rid === 3) return ((rg.numRows = c.zigzag()), true);
        if (rid !== 1 || rtype !== T.LIST) return false;
        const [, nc] = c.listHeader();
        for (let k = 0; k < nc; k++) {
          let st: RawChunkStats = {};
          readStruct(c, (cid, ctype) => {
            if (cid !== 3 || ctype !== T.STRUCT) return false;
            let ptype = 0;
            readStruct(c, (mid, mtype) => {
              if (mid === 1) return ((ptype = c.zigzag()), true);
              if (mid === 12 && mtype === T.STRUCT)
                return ((st = statistics(c, ptype === 6 || ptype === 7)), true);
              return false;
            });
            return true;
          });
          rg.columns.push(st);
        }
        return true;
      });
      rowGroups.push(rg);
    }
    return true;
  });
  return { elements, rowGroups };
}
