/** Local files: listing of files, directories (recursive) and globs, and positional reads. */
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError, ExitCode } from '../cli/errors.js';
import { expandGlob, hasGlob } from './glob.js';
import { newStats, type DataFile, type Reader } from './reader.js';

/**
 * Spark, Hive and Hadoop skip names starting with `_` or `.` (`_SUCCESS`, `.part-0.crc`,
 * `_temporary/`); so do we, so that a table directory lists exactly the data files.
 */
export function isHiddenName(name: string): boolean {
  return name.startsWith('_') || name.startsWith('.');
}

async function walkDir(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (isHiddenName(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walkDir(p, out);
    else if (e.isFile() || e.isSymbolicLink()) out.push(p);
  }
}

/** Files of one local target: a file, a directory (recursive) or a glob. */
export async function listLocal(target: string): Promise<DataFile[]> {
  const roots = hasGlob(target) ? expandGlob(target) : [target];
  if (roots.length === 0) throw new UserError(`data: no local file matches '${target}'`, ExitCode.usage);
  const out: string[] = [];
  for (const root of roots) {
    let st;
    try {
      st = await stat(root);
    } catch {
      throw new UserError(`data: no such file or directory: '${root}'`, ExitCode.usage);
    }
    if (st.isDirectory()) await walkDir(root, out);
    else out.push(root);
  }
  return out.map((url) => ({ url }));
}

export function localReader(): Reader {
  const stats = newStats();
  return {
    stats,
    async suffix(file, n) {
      const fh = await open(file.url, 'r');
      try {
        const size = file.size ?? (await fh.stat()).size;
        const len = Math.min(n, size);
        const buf = new Uint8Array(len);
        stats.get++;
        const { bytesRead } = await fh.read(buf, 0, len, size - len);
        stats.bytes += bytesRead;
        return { bytes: bytesRead === len ? buf : buf.subarray(0, bytesRead), size };
      } finally {
        await fh.close();
      }
    },
    async range(file, start, end) {
      const fh = await open(file.url, 'r');
      try {
        const buf = new Uint8Array(Math.max(0, end - start));
        stats.get++;
        const { bytesRead } = await fh.read(buf, 0, buf.length, start);
        stats.bytes += bytesRead;
        return bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },
  };
}
