/* global setInterval */
// Starts MinIO for the bench with a persistent data dir, uploads the table once, prints the
// endpoint on stdout, and stops on SIGTERM. Usage: s3-serve.mjs DATA_DIR TABLE_DIR PREFIX
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startS3, upload } from '../../dist/data/s3-server.js';

// the SDK is imported lazily by upload(): this still reaches it (Node 20 support notice)
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const [dataDir, table, prefix] = process.argv.slice(2);
const s3 = await startS3({ dataDir });
const marker = join(dataDir, '..', `${prefix}.uploaded`);
if (!existsSync(marker)) {
  const files = readdirSync(table)
    .filter((f) => f.endsWith('.parquet'))
    .map((f) => join(table, f));
  await upload(s3, 'bench', prefix, table, files);
  writeFileSync(marker, '');
}
console.log(s3.endpoint);
process.on('SIGTERM', async () => {
  await s3.stop();
  process.exit(0);
});
setInterval(() => {}, 1 << 30);
