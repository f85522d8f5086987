#!/usr/bin/env node
// Rewrites a Cluster API release's webhook manifests (which point at an
// in-cluster Service) so the apiserver calls a manager running on this machine.
// Usage: webhooks.mjs MANIFESTS PREFIX BASE_URL CA_BUNDLE_BASE64 > out.yaml
import { readFileSync } from 'node:fs';
import { parseAllDocuments, stringify } from 'yaml';

const [file, prefix, baseUrl, caBundle] = process.argv.slice(2);
if (!file || !prefix || !baseUrl || !caBundle) {
  console.error('webhooks: usage: webhooks.mjs MANIFESTS PREFIX BASE_URL CA_BUNDLE_BASE64');
  process.exit(2);
}
const out = [];
for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
  const obj = doc.toJS();
  if (!obj) continue;
  if (!/^(Mutating|Validating)WebhookConfiguration$/.test(obj.kind)) {
    console.error(`webhooks: ${file}: unexpected kind ${obj.kind}`);
    process.exit(1);
  }
  // Every manager's release calls its configurations by the same names.
  obj.metadata.name = `${prefix}-${obj.metadata.name}`;
  for (const w of obj.webhooks ?? []) {
    const path = w.clientConfig?.service?.path;
    if (!path) {
      console.error(`webhooks: ${file}: webhook ${w.name} has no service path`);
      process.exit(1);
    }
    w.clientConfig = { url: `${baseUrl}${path}`, caBundle };
  }
  out.push(stringify(obj));
}
process.stdout.write(out.map((s) => `---\n${s}`).join(''));
