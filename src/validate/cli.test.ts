/**
 * `aglais validate` on manifest directories and files: findings located at
 * file:line:column, exit codes 0 / 1 / 2, JSON output, bad input without a stack.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../cli/errors.js';
import { runValidate } from './cli.js';
import { sharedCrdDir, sharedCrdsMissing } from './test-support.js';

const skip = sharedCrdsMissing();
const root = mkdtempSync(join(tmpdir(), 'aglais-validate-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

const cluster = `apiVersion: cluster.x-k8s.io/v1beta2
kind: Cluster
metadata:
  name: gaia
  namespace: aglais
spec:
  controlPlaneRef:
    apiGroup: controlplane.cluster.x-k8s.io
    kind: KubeadmControlPlane
    name: gaia-control-plane
  infrastructureRef:
    apiGroup: infrastructure.cluster.x-k8s.io
    kind: OpenStackCluster
    name: gaia
`;

const storage = `# written by a test
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: cinder
provisioner: cinder.csi.openstack.org
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: flags
  namespace: aglais
data:
  enabled: on
`;

function planDir(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

async function run(
  path: string,
  opts: { output?: string; crds?: string } = {},
): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runValidate(path, { crds: sharedCrdDir(), ...opts }, (s) => (out += s));
  return { code, out };
}

test('a valid plan directory: exit 0 and a summary', { skip }, async () => {
  const dir = planDir('valid', { 'management/02-cluster.yaml': cluster });
  const { code, out } = await run(dir);
  assert.equal(code, 0);
  assert.equal(out, 'validate: 1 object (1 custom, 0 core): valid\n');
});

test(
  'invalid objects: exit 1, each finding at file:line:column of the offending field',
  { skip },
  async () => {
    const bad = cluster.replace('    name: gaia\n', '    name: gaia\n    namespace: aglais\n');
    const dir = planDir('invalid', {
      'management/02-cluster.yaml': bad,
      'workload/05-storage.yaml': storage,
    });
    const { code, out } = await run(dir);
    assert.equal(code, 1);
    const m = join(dir, 'management', '02-cluster.yaml');
    const w = join(dir, 'workload', '05-storage.yaml');
    assert.equal(
      out,
      [
        `${m}:15:5: management/Cluster/aglais/gaia: spec.infrastructureRef.namespace: unknown field "namespace" (known fields: apiGroup, kind, name); the API server would drop it`,
        // YAML 1.1, as Kubernetes reads manifests: an unquoted `on` is a boolean.
        `${w}:14:3: workload/ConfigMap/aglais/flags: data.enabled: expected string, got boolean true`,
        'validate: 3 objects (1 custom, 2 core): 2 findings',
        '',
      ].join('\n'),
    );
  },
);

test('-o json: the findings with their positions', { skip }, async () => {
  const dir = planDir('json', { 'workload/05-storage.yaml': storage });
  const { code, out } = await run(dir, { output: 'json' });
  assert.equal(code, 1);
  const report = JSON.parse(out) as { valid: boolean; objects: number; findings: Record<string, unknown>[] };
  assert.equal(report.valid, false);
  assert.equal(report.objects, 2);
  assert.deepEqual(report.findings, [
    {
      target: 'workload',
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'aglais',
      name: 'flags',
      path: 'data.enabled',
      message: 'expected string, got boolean true',
      file: join(dir, 'workload', '05-storage.yaml'),
      line: 14,
      column: 3,
    },
  ]);
});

test('a single manifest file outside a plan layout: the target is the file name', { skip }, async () => {
  const dir = planDir('single', {
    'stray.yaml': 'apiVersion: example.org/v1\nkind: Thing\nmetadata:\n  name: t\n',
  });
  const { code, out } = await run(join(dir, 'stray.yaml'));
  assert.equal(code, 1);
  const f = join(dir, 'stray.yaml');
  assert.equal(
    out.split('\n')[0],
    `${f}:1:1: ${f}/Thing/-/t: no schema for example.org/v1 Thing (neither a CRD nor a core kind)`,
  );
});

test('bad input is a UserError with exit code 2', { skip }, async () => {
  const dir = planDir('bad-yaml', { 'management/01.yaml': 'apiVersion: v1\nkind: [ConfigMap\n' });
  await assert.rejects(run(dir), (e: unknown) => {
    assert.ok(e instanceof UserError);
    assert.equal(e.exitCode, 2);
    assert.match(
      e.message,
      new RegExp(
        `^${join(dir, 'management', '01.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: manifest: `,
      ),
    );
    return true;
  });
  await assert.rejects(run(join(root, 'nope')), {
    name: 'UserError',
    message: `validate: ${join(root, 'nope')}: no such file or directory`,
  });
  await assert.rejects(run(dir, { output: 'yaml' }), {
    name: 'UserError',
    message: 'validate: --output: expected text or json, got "yaml"',
  });
  await assert.rejects(run(dir, { crds: join(root, 'no-crds') }), {
    name: 'UserError',
    message: `validate: CRD directory ${join(root, 'no-crds')} does not exist`,
  });
  const empty = planDir('empty', { 'management/01.yaml': '# nothing\n' });
  await assert.rejects(run(empty), {
    name: 'UserError',
    message: `validate: ${empty}: no Kubernetes objects found`,
  });
});

test('the aglais binary: exit codes and no stack trace', { skip }, () => {
  const dir = planDir('bin', { 'workload/05-storage.yaml': storage });
  const cli = join('dist', 'cli', 'main.js');
  const invalid = spawnSync(process.execPath, [cli, 'validate', dir, '--crds', sharedCrdDir()], {
    encoding: 'utf8',
  });
  assert.equal(invalid.status, 1, invalid.stderr);
  assert.match(invalid.stdout, /data\.enabled: expected string, got boolean true/);
  assert.equal(invalid.stderr, '');
  const missing = spawnSync(process.execPath, [cli, 'validate', join(dir, 'missing')], { encoding: 'utf8' });
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, `validate: ${join(dir, 'missing')}: no such file or directory\n`);
});

test('a platform spec is loaded, rendered and validated (examples/dev.yaml)', { skip }, async () => {
  const { code, out } = await run(join('examples', 'dev.yaml'));
  assert.equal(code, 0, out);
  assert.match(out, /^validate: \d+ objects \(\d+ custom, \d+ core\): valid/);
});

test("a spec with an error: exit 2 with the spec loader's located message", { skip }, async () => {
  const spec = readFileSync(join('examples', 'dev.yaml'), 'utf8').replace(
    '  controlPlane:\n',
    '  controlPlane:\n    replicaz: 1\n',
  );
  const file = join(planDir('spec', {}), 'broken.yaml');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, spec);
  await assert.rejects(run(file), (e: unknown) => {
    assert.ok(e instanceof UserError);
    assert.equal(e.exitCode, 2);
    const line = spec.split('\n').indexOf('    replicaz: 1') + 1;
    assert.match(e.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:5: `));
    return true;
  });
});
