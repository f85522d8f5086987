/* global Buffer */
// Baseline: read the last 64 KiB of every file (what any footer reader must at least do), 16 in flight.
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.argv[2];
const files = (await readdir(dir)).filter((f) => f.endsWith('.parquet')).map((f) => join(dir, f));
let next = 0;
let bytes = 0;
async function lane() {
  while (next < files.length) {
    const fh = await open(files[next++], 'r');
    const { size } = await fh.stat();
    const n = Math.min(size, 65536);
    const { bytesRead } = await fh.read(Buffer.alloc(n), 0, n, size - n);
    bytes += bytesRead;
    await fh.close();
  }
}
await Promise.all(Array.from({ length: 16 }, lane));
console.log(`${files.length} files, ${bytes} bytes`);
