/**
 * Malformed specs: each case states the exact file:line:column, field path and
 * message a user sees. Line and column numbers were worked out from the YAML
 * text in each case (lines count from 1 at `apiVersion`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from './load.js';
import { SpecError } from './issues.js';

const base = `apiVersion: aglais.dev/v1alpha1
kind: Platform
metadata:
  name: t1
spec:
  cloud:
    provider: dev
  kubernetes:
    version: v1.34.2
  controlPlane:
    replicas: 1
  nodePools:
    - name: workers
      replicas: 2
  platform:
    domain: t1.example.org
`;

/** The base spec with one text replacement (which must apply). */
function variant(from: string, to: string): string {
  assert.ok(base.includes(from), `test bug: "${from}" not in the base spec`);
  return base.replace(from, to);
}

function problems(text: string): string[] {
  try {
    parseSpec(text, 'p.yaml');
  } catch (err) {
    assert.ok(err instanceof SpecError, `expected a SpecError, got ${String(err)}`);
    assert.equal(err.exitCode, 2);
    assert.doesNotMatch(err.message, /\n\s+at /, 'no stack trace in the message');
    return err.message.split('\n').slice(0, -1);
  }
  assert.fail('expected the spec to be rejected');
}

test('the base spec is valid, with defaults filled in', () => {
  const { platform } = parseSpec(base, 'p.yaml');
  assert.equal(platform.spec.kubernetes.podCIDR, '172.16.0.0/13');
  assert.equal(platform.spec.kubernetes.cni, 'calico');
  assert.deepEqual(platform.spec.cloud, { provider: 'dev', backend: 'inMemory' });
  assert.equal(platform.spec.platform.spark.executor.memory, '8Gi');
});

const cases: [name: string, text: string, expected: string[]][] = [
  ['bad YAML (unclosed flow sequence)', variant('    - name: workers\n', '    - name: [workers\n'), []],
  [
    'duplicate key',
    variant('kind: Platform\n', 'kind: Platform\nkind: Platform\n'),
    ['p.yaml:3:1: (top level): YAML: Map keys must be unique'],
  ],
  ['empty file', '', ['p.yaml:1:1: (top level): the file is empty: expected a Platform spec']],
  [
    'two documents',
    `${base}---\nkind: Platform\n`,
    ['p.yaml:17:1: (top level): expected one Platform document, found a second one'],
  ],
  [
    'wrong apiVersion',
    variant('aglais.dev/v1alpha1', 'aglais.dev/v1'),
    ['p.yaml:1:13: apiVersion: expected "aglais.dev/v1alpha1", got "aglais.dev/v1"'],
  ],
  [
    'wrong kind',
    variant('kind: Platform', 'kind: Cluster'),
    ['p.yaml:2:7: kind: expected "Platform", got "Cluster"'],
  ],
  ['unknown top-level key', `${base}spce: {}\n`, ['p.yaml:17:1: spce: unknown field "spce"']],
  [
    'unknown nested key',
    variant('      replicas: 2', '      replcas: 2'),
    // Whole-spec checks run only on a spec that fits the schema: one problem here.
    ['p.yaml:14:7: spec.nodePools[0].replcas: unknown field "replcas"'],
  ],
  [
    'string for a number',
    variant('      replicas: 2', '      replicas: three'),
    ['p.yaml:14:17: spec.nodePools[0].replicas: expected a number, got "three"'],
  ],
  [
    'negative number',
    variant('      replicas: 2', '      replicas: -1'),
    ['p.yaml:14:17: spec.nodePools[0].replicas: expected ≥ 0, got number -1'],
  ],
  [
    'fraction for a whole number',
    variant('      replicas: 2', '      replicas: 1.5'),
    ['p.yaml:14:17: spec.nodePools[0].replicas: expected a whole number, got number 1.5'],
  ],
  [
    'bad enum',
    variant('    provider: dev\n', '    provider: dev\n    backend: kind\n'),
    ['p.yaml:8:14: spec.cloud.backend: expected one of docker, inMemory, got "kind"'],
  ],
  [
    'unknown provider',
    variant('provider: dev', 'provider: gcp'),
    [
      'p.yaml:7:15: spec.cloud.provider: expected one of openstack, digitalocean, linode, aws, azure, libvirt, dev, existing, got "gcp"',
    ],
  ],
  [
    'missing required section',
    variant('  platform:\n    domain: t1.example.org\n', ''),
    ['p.yaml:5:1: spec.platform: required field is missing (expected a map)'],
  ],
  [
    'Kubernetes version format',
    variant('version: v1.34.2', 'version: 1.34.2'),
    [
      'p.yaml:9:14: spec.kubernetes.version: expected a Kubernetes release such as v1.34.2 (with the leading v), got "1.34.2"',
    ],
  ],
  [
    'unsupported Kubernetes version',
    variant('version: v1.34.2', 'version: v1.20.1'),
    [
      'p.yaml:9:14: spec.kubernetes.version: Kubernetes v1.20.1 is not supported: expected v1.31.x to v1.35.x',
    ],
  ],
  [
    'even control-plane replicas',
    variant('    replicas: 1\n', '    replicas: 2\n'),
    [
      'p.yaml:11:15: spec.controlPlane.replicas: a highly available control plane needs an odd number of machines (etcd quorum): expected 1, 3 or 5, got 2',
    ],
  ],
  [
    'duplicate pool names',
    variant('      replicas: 2\n', '      replicas: 2\n    - name: workers\n      replicas: 1\n'),
    ['p.yaml:15:13: spec.nodePools[1].name: duplicate node pool name "workers" (also at index 0)'],
  ],
  [
    'autoscale min > max',
    variant('      replicas: 2', '      autoscale: { min: 5, max: 3 }'),
    ['p.yaml:14:25: spec.nodePools[0].autoscale.min: autoscale min 5 is greater than max 3'],
  ],
  [
    'replicas and autoscale together',
    variant('      replicas: 2', '      replicas: 2\n      autoscale: { min: 1, max: 3 }'),
    ['p.yaml:15:7: spec.nodePools[0].autoscale: give either replicas or autoscale, not both'],
  ],
  [
    'a data-set source the cloud cannot provide',
    variant(
      '  platform:\n',
      '  datasets:\n    - name: dr3\n      mountPath: /data/gaia/GDR3\n      source: { type: manila, shareName: dr3 }\n  platform:\n',
    ),
    [
      'p.yaml:18:23: spec.datasets[0].source.type: a Manila share needs OpenStack; dev cannot provide it (use nfs, cephfs, pvc or s3)',
    ],
  ],
  [
    'placement names a missing pool',
    variant(
      '    domain: t1.example.org\n',
      '    domain: t1.example.org\n    placement: { executors: spark }\n',
    ),
    ['p.yaml:17:29: spec.platform.placement.executors: no node pool named "spark" (pools: workers)'],
  ],
  [
    'a user without a password hash under shiro auth',
    variant('  platform:\n', '  users:\n    - name: alice\n  platform:\n'),
    [
      'p.yaml:16:13: spec.users[0].name: user "alice" needs a passwordHash with shiro auth (make one with \'aglais hash-password\')',
    ],
  ],
  [
    'a name that is not a DNS label',
    variant('  name: t1', '  name: T1_bad'),
    [
      'p.yaml:4:9: metadata.name: metadata.name must be a DNS label: lower-case letters, digits and \'-\', starting and ending with a letter or digit, got "T1_bad"',
    ],
  ],
  [
    'a plain password instead of a hash',
    variant('  platform:\n', '  users:\n    - name: alice\n      passwordHash: secret123\n  platform:\n'),
    [
      'p.yaml:17:21: spec.users[0].passwordHash: expected a Shiro hash such as $shiro1$SHA-256$500000$<salt>$<hash> (never a plain password), got "secret123"',
    ],
  ],
  [
    'a boolean written as yes',
    variant('    domain: t1.example.org\n', '    domain: t1.example.org\n    livy: { enabled: yes }\n'),
    ['p.yaml:17:22: spec.platform.livy.enabled: expected true or false, got "yes"'],
  ],
  [
    'a table without a database, and overlapping mount paths',
    variant(
      '  platform:\n',
      '  datasets:\n    - name: a\n      mountPath: /data/gaia\n      source: { type: hostPath, path: /srv/a }\n    - name: b\n      mountPath: /data/gaia/b\n      source: { type: hostPath, path: /srv/b }\n      tables: [{ name: t, location: t }]\n  platform:\n',
    ),
    [
      'p.yaml:20:18: spec.datasets[1].mountPath: mount path /data/gaia/b is inside data set "a" (/data/gaia)',
      'p.yaml:22:16: spec.datasets[1].tables[0]: table "t" needs a database (here or on the data set)',
    ],
  ],
  [
    'wrong form of a union (network neither existing nor create)',
    `apiVersion: aglais.dev/v1alpha1
kind: Platform
metadata:
  name: t1
spec:
  cloud:
    provider: openstack
    credentials: { secretName: c }
    image: { name: ubuntu }
    network: { name: mynet }
  kubernetes:
    version: v1.34.2
  controlPlane:
    size: m1.large
  nodePools:
    - name: workers
      size: m1.large
      replicas: 2
  platform:
    domain: t1.example.org
`,
    ['p.yaml:10:5: spec.cloud.network: expected one of the forms {existing, subnet} or {create}, got a map'],
  ],
];

for (const [name, text, expected] of cases) {
  test(`malformed spec: ${name}`, () => {
    const got = problems(text);
    if (expected.length === 0) {
      // YAML syntax errors: the parser's own wording, at a real position.
      assert.ok(got.length >= 1);
      assert.match(got[0] ?? '', /^p\.yaml:\d+:\d+: \(top level\): YAML: /);
      return;
    }
    assert.deepEqual(got, expected);
  });
}
