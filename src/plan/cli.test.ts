/** `aglais plan` as a user runs it: a real process, its exit code, stdout, stderr and files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function aglais(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const noStack = (s: string) => assert.doesNotMatch(s, /^\s+at .+\(.*:\d+:\d+\)$/m, 'no stack trace');

test('a malformed spec: exit 2, every problem located on stderr, nothing on stdout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aglais-plan-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(
    file,
    readFileSync('examples/dev.yaml', 'utf8')
      .replace('replicas: 2', 'replicas: two')
      .replace('backend: inMemory', 'backend: vm'),
  );
  const r = aglais(['plan', file]);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  noStack(r.err);
  const lines = r.err.trim().split('\n');
  assert.match(
    lines[0] ?? '',
    new RegExp(
      `^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:10:14: spec\\.cloud\\.backend: expected one of docker, inMemory, got "vm"$`,
    ),
  );
  assert.match(lines[1] ?? '', /:17:17: spec\.nodePools\[0\]\.replicas: expected a number, got "two"$/);
  assert.equal(lines[2], `2 problems in ${file}`);
});

test('a missing spec file and an unknown option: exit 2 with a one-line reason', () => {
  const missing = aglais(['plan', 'no/such/spec.yaml']);
  assert.equal(missing.code, 2);
  assert.equal(missing.err, 'no/such/spec.yaml: cannot read the spec: no such file\n');
  const bad = aglais(['plan', 'examples/dev.yaml', '--frobnicate']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown option '--frobnicate'/);
  noStack(bad.err);
});

test('-o json prints the summary for scripts', () => {
  const r = aglais(['plan', 'examples/dev.yaml', '-o', 'json']);
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out) as {
    cloud: string;
    pools: { name: string; replicas: string }[];
    objects: { kind: string }[];
  };
  assert.equal(s.cloud, 'dev');
  assert.deepEqual(
    s.pools.map((p) => [p.name, p.replicas]),
    [['workers', '2']],
  );
  assert.ok(s.objects.some((o) => o.kind === 'DevCluster'));
});

test('-o DIR --include-secrets writes Secrets 0600 from clouds.yaml and never prints their values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aglais-plan-'));
  const clouds = join(dir, 'clouds.yaml');
  writeFileSync(
    clouds,
    `clouds:
  iris-gaia-red:
    auth:
      auth_url: https://keystone.example.org:5000/v3
      application_credential_id: 0123abcd
      application_credential_secret: s3cr3t-value-never-printed
    region_name: RegionOne
    auth_type: v3applicationcredential
`,
  );
  const spec = join(dir, 'spec.yaml');
  writeFileSync(
    spec,
    readFileSync('examples/openstack.yaml', 'utf8').replace('~/.config/openstack/clouds.yaml', clouds),
  );
  const out = join(dir, 'out');
  const r = aglais(['plan', spec, '-o', out, '--include-secrets']);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out + r.err, /s3cr3t-value-never-printed/);
  const mgmt = join(out, 'management', '01-credentials.yaml');
  const wl = join(out, 'workload', '01-credentials.yaml');
  for (const f of [mgmt, wl]) assert.equal(statSync(f).mode & 0o777, 0o600, `${f} is 0600`);
  assert.equal(statSync(join(out, 'management', '02-cluster.yaml')).mode & 0o777, 0o644);
  const workload = readFileSync(wl, 'utf8');
  assert.match(workload, /os-applicationCredentialSecret: s3cr3t-value-never-printed/);
  assert.match(workload, /cloud = iris-gaia-red/);
  assert.deepEqual(readdirSync(join(out, 'management')).sort(), [
    '01-credentials.yaml',
    '02-cluster.yaml',
    '03-addons-ready.yaml',
    '04-addons.yaml',
  ]);
});

test('--include-secrets with a clouds.yaml that lacks the cloud: exit 2 naming the clouds it has', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aglais-plan-'));
  const clouds = join(dir, 'clouds.yaml');
  writeFileSync(clouds, 'clouds:\n  other:\n    auth: { auth_url: https://keystone.example.org }\n');
  const spec = join(dir, 'spec.yaml');
  writeFileSync(
    spec,
    readFileSync('examples/openstack.yaml', 'utf8').replace('~/.config/openstack/clouds.yaml', clouds),
  );
  const r = aglais(['plan', spec, '--include-secrets']);
  assert.equal(r.code, 2);
  assert.equal(r.err, `credentials: ${clouds} has no cloud named "iris-gaia-red" (it has: other)\n`);
});
