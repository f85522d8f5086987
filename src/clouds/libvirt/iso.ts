/**
 * A NoCloud seed image: an ISO 9660 file system labelled `cidata` holding a
 * few files in its root, with a Joliet tree so that Linux (and cloud-init,
 * which finds the seed by its label) sees the real names `user-data`,
 * `meta-data` and `network-config`. Written here rather than by genisoimage so
 * that aglais needs nothing but virsh to create VMs. Deterministic: fixed dates.
 */

const sector = 2048;

/** Sector layout: 16 system sectors, PVD, Joliet SVD, terminator, four path tables, two roots. */
const pvdAt = 16;
const svdAt = 17;
const terminatorAt = 18;
const pathTables = { pvdL: 19, pvdM: 20, svdL: 21, svdM: 22 } as const;
const pvdRootAt = 23;
const svdRootAt = 24;
const firstFileAt = 25;

export interface IsoFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

function bytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

/** Both-endian 32-bit (little-endian then big-endian). */
function both32(buf: Buffer, at: number, n: number): void {
  buf.writeUInt32LE(n, at);
  buf.writeUInt32BE(n, at + 4);
}

function both16(buf: Buffer, at: number, n: number): void {
  buf.writeUInt16LE(n, at);
  buf.writeUInt16BE(n, at + 2);
}

function ucs2(s: string): Buffer {
  const out = Buffer.alloc(s.length * 2);
  for (let i = 0; i < s.length; i++) out.writeUInt16BE(s.charCodeAt(i), i * 2);
  return out;
}

/** A text field padded with spaces (one byte or UCS-2 as the descriptor wants). */
function text(buf: Buffer, at: number, length: number, s: string, joliet: boolean): void {
  if (joliet) {
    for (let i = 0; i < length; i += 2) buf.writeUInt16BE(0x20, at + i);
    ucs2(s).copy(buf, at, 0, Math.min(length, s.length * 2));
  } else {
    buf.fill(0x20, at, at + length);
    buf.write(s.slice(0, length), at, 'latin1');
  }
}

/** ISO 9660 level-1 name for the primary tree: `USER_DAT.;1`. */
function primaryName(name: string): string {
  const [base = '', ext = ''] = name.toUpperCase().split(/\.(?=[^.]*$)/);
  const clean = (s: string, n: number) => s.replace(/[^A-Z0-9_]/g, '_').slice(0, n);
  return `${clean(base, 8)}.${clean(ext, 3)};1`;
}

/** A directory record; `id` is the raw identifier (0x00 = self, 0x01 = parent). */
function record(id: Buffer, extent: number, length: number, dir: boolean): Buffer {
  const size = 33 + id.length + (id.length % 2 === 0 ? 1 : 0);
  const r = Buffer.alloc(size);
  r[0] = size;
  both32(r, 2, extent);
  both32(r, 10, length);
  // 1970-01-01 00:00:00 UTC: fixed, so the same seed gives the same bytes.
  r.set([70, 1, 1, 0, 0, 0, 0], 18);
  r[25] = dir ? 2 : 0;
  both16(r, 28, 1);
  r[32] = id.length;
  id.copy(r, 33);
  return r;
}

interface Placed {
  readonly primary: string;
  readonly joliet: string;
  readonly data: Uint8Array;
  readonly extent: number;
}

function directory(self: number, entries: readonly { id: Buffer; extent: number; length: number }[]): Buffer {
  const dir = Buffer.alloc(sector);
  let at = 0;
  for (const r of [
    record(Buffer.from([0]), self, sector, true),
    record(Buffer.from([1]), self, sector, true),
    ...entries.map((e) => record(e.id, e.extent, e.length, false)),
  ]) {
    if (at + r.length > sector) throw new Error('libvirt: too many files for a one-sector seed directory');
    r.copy(dir, at);
    at += r.length;
  }
  return dir;
}

function pathTable(rootAt: number, bigEndian: boolean): Buffer {
  const t = Buffer.alloc(sector);
  t[0] = 1; // identifier length: the root's 0x00
  if (bigEndian) t.writeUInt32BE(rootAt, 2);
  else t.writeUInt32LE(rootAt, 2);
  if (bigEndian) t.writeUInt16BE(1, 6);
  else t.writeUInt16LE(1, 6);
  return t;
}

const pathTableSize = 10;

function descriptor(type: 1 | 2, label: string, totalSectors: number): Buffer {
  const joliet = type === 2;
  const d = Buffer.alloc(sector);
  d[0] = type;
  d.write('CD001', 1, 'latin1');
  d[6] = 1;
  text(d, 8, 32, 'LINUX', joliet);
  text(d, 40, 32, label, joliet);
  both32(d, 80, totalSectors);
  // Joliet UCS-2 level 3.
  if (joliet) d.write('%/E', 88, 'latin1');
  both16(d, 120, 1);
  both16(d, 124, 1);
  both16(d, 128, sector);
  both32(d, 132, pathTableSize);
  d.writeUInt32LE(joliet ? pathTables.svdL : pathTables.pvdL, 140);
  d.writeUInt32BE(joliet ? pathTables.svdM : pathTables.pvdM, 148);
  record(Buffer.from([0]), joliet ? svdRootAt : pvdRootAt, sector, true).copy(d, 156);
  for (const [at, len] of [
    [190, 128],
    [318, 128],
    [446, 128],
    [574, 128],
    [702, 37],
    [739, 37],
    [776, 37],
  ] as const)
    text(d, at, len, '', joliet);
  // Dates "not specified": sixteen '0' digits and a zero time zone.
  for (const at of [813, 830, 847, 864]) d.write('0000000000000000', at, 'latin1');
  d[881] = 1;
  return d;
}

/** The ISO image holding `files` in its root, labelled `label` (cidata for NoCloud). */
export function isoImage(label: string, files: readonly IsoFile[]): Uint8Array {
  let next = firstFileAt;
  const placed: Placed[] = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => {
      const data = bytes(f.content);
      const p = { primary: primaryName(f.name), joliet: f.name, data, extent: next };
      next += Math.max(1, Math.ceil(data.length / sector));
      return p;
    });
  const total = next;
  const image = Buffer.alloc(total * sector);
  const put = (at: number, b: Uint8Array) => image.set(b, at * sector);
  put(pvdAt, descriptor(1, label, total));
  put(svdAt, descriptor(2, label, total));
  const term = Buffer.alloc(sector);
  term[0] = 255;
  term.write('CD001', 1, 'latin1');
  term[6] = 1;
  put(terminatorAt, term);
  put(pathTables.pvdL, pathTable(pvdRootAt, false));
  put(pathTables.pvdM, pathTable(pvdRootAt, true));
  put(pathTables.svdL, pathTable(svdRootAt, false));
  put(pathTables.svdM, pathTable(svdRootAt, true));
  const byPrimary = [...placed].sort((a, b) => (a.primary < b.primary ? -1 : a.primary > b.primary ? 1 : 0));
  put(
    pvdRootAt,
    directory(
      pvdRootAt,
      byPrimary.map((p) => ({
        id: Buffer.from(p.primary, 'latin1'),
        extent: p.extent,
        length: p.data.length,
      })),
    ),
  );
  put(
    svdRootAt,
    directory(
      svdRootAt,
      placed.map((p) => ({ id: ucs2(p.joliet), extent: p.extent, length: p.data.length })),
    ),
  );
  for (const p of placed) put(p.extent, p.data);
  return new Uint8Array(image.buffer, image.byteOffset, image.length);
}
