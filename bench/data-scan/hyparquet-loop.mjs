// Reference: hyparquet's parquetMetadataAsync over every file, 16 in flight (design §8's measurement).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet/src/node.js';

const dir = process.argv[2];
const files = (await readdir(dir)).filter((f) => f.endsWith('.parquet')).map((f) => join(dir, f));
let next = 0;
let rows = 0n;
async function lane() {
  while (next < files.length) {
    const md = await parquetMetadataAsync(await asyncBufferFromFile(files[next++]));
    rows += md.num_rows;
  }
}
await Promise.all(Array.from({ length: 16 }, lane));
console.log(`${files.length} files, ${rows} rows`);
