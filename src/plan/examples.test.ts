/**
 * Every example spec: its rendered manifests equal the reviewed golden files in
 * test/golden/<example>/ (UPDATE_GOLDEN=1 rewrites them; review the diff before
 * committing), rendering twice gives the same bytes, and every object validates
 * against the upstream CRDs in ../shared/crds and the core Kubernetes schemas.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { manifestFiles } from '../manifest/write.js';
import { render } from '../render/index.js';
import { loadSpec } from '../spec/load.js';
import { formatFinding, validateReport } from '../validate/index.js';
import { formatSummary, summarize } from './summary.js';

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const update = process.env['UPDATE_GOLDEN'] === '1';

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

test('there are examples for every cloud of the design', () => {
  for (const cloud of ['openstack', 'digitalocean', 'linode', 'aws', 'azure', 'dev', 'existing']) {
    assert.ok(examples.includes(`${cloud}.yaml`), `examples/${cloud}.yaml is missing`);
  }
});

for (const example of examples) {
  const name = example.replace(/\.yaml$/, '');
  const golden = join('test', 'golden', name);

  test(`golden: examples/${example}`, async () => {
    const { platform } = await loadSpec(join('examples', example));
    const objects = render(platform);
    const files = manifestFiles(objects);
    files.set('summary.txt', formatSummary(summarize(platform, objects)));
    assert.deepEqual(manifestFiles(render(platform)), manifestFiles(objects), 'render is deterministic');
    if (update) {
      rmSync(golden, { recursive: true, force: true });
      for (const [rel, text] of files) {
        mkdirSync(dirname(join(golden, rel)), { recursive: true });
        writeFileSync(join(golden, rel), text);
      }
    }
    assert.deepEqual(
      listFiles(golden).sort(),
      [...files.keys()].sort(),
      `files in ${golden} (UPDATE_GOLDEN=1 to rewrite)`,
    );
    for (const [rel, text] of files)
      assert.equal(text, readFileSync(join(golden, rel), 'utf8'), `${golden}/${rel}`);
  });

  test(`schemas: every object of examples/${example} validates against ../shared/crds and the core schemas`, async () => {
    const { platform } = await loadSpec(join('examples', example));
    const objects = render(platform);
    const report = await validateReport(objects);
    assert.ok(
      report.crdCount > 50,
      `expected the shared CRDs to be found, got ${report.crdCount} in ${report.crdDirs.join(', ')}`,
    );
    assert.equal(report.objects, objects.length);
    assert.deepEqual(report.findings.map(formatFinding), []);
  });
}
