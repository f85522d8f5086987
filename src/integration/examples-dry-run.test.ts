// Every object that `aglais plan` renders for every example spec must pass a
// server-side dry-run apply on the real kube-apiserver of scripts/testenv, with
// all upstream CRDs installed and the Cluster API webhooks registered.
// Workload-cluster objects are dry-run against the same apiserver (after their
// namespaces exist): it has the same core API and the workload CRDs too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CoreV1Api, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { deleteNamespace } from '../testenv/kube.js';
import { dryRunApply, objectExists } from '../testenv/dry-run.js';
import { repoRoot, useTestenv } from '../testenv/testenv.js';

const root = repoRoot();
const examplesDir = join(root, 'examples');
const examples = existsSync(examplesDir)
  ? readdirSync(examplesDir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
  : [];
const { env, skip } = useTestenv({ capi: true });

interface RenderedFile {
  readonly path: string;
  readonly target: string;
  readonly objects: KubernetesObject[];
}

/** Runs `aglais plan` for one example and reads back what it wrote. */
function plan(example: string): RenderedFile[] {
  const out = mkdtempSync(join(tmpdir(), 'aglais-plan-'));
  try {
    const r = spawnSync(
      process.execPath,
      [join(root, 'dist', 'cli', 'main.js'), 'plan', example, '-o', out],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, `aglais plan ${example} failed:\n${r.stderr}${r.stdout}`);
    const files: RenderedFile[] = [];
    // Other folders (e.g. `hosts/` with a libvirt host's domain XML and
    // cloud-init seeds) hold no Kubernetes objects.
    const targets = readdirSync(out)
      .filter((d) => d === 'management' || d === 'workload')
      .sort();
    for (const target of targets) {
      for (const f of readdirSync(join(out, target)).sort()) {
        assert.match(f, /^\d\d-[a-z-]+\.yaml$/, `plan wrote an unexpected file ${target}/${f}`);
        const text = readFileSync(join(out, target, f), 'utf8');
        const objects = parseAllDocuments(text)
          .map((d) => d.toJS() as KubernetesObject | null)
          .filter((o): o is KubernetesObject => o != null);
        files.push({ path: `${target}/${f}`, target, objects });
      }
    }
    return files;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// The env is shared: other suites apply objects for real (a bound claim, a
// static volume) under the same names, and a dry run onto an existing object is
// an update (immutable fields refuse it) instead of the create we check. So each
// run moves the objects into fresh namespaces, `<namespace>-<tag>`, and renames
// a cluster-scoped object that already exists to `<name>-<tag>`. Nothing else in
// an object changes.
const tag = `x${Date.now().toString(36).slice(-5)}`;

function relocatedNamespace(ns: string): string {
  return `${ns.slice(0, 62 - tag.length)}-${tag}`;
}

async function relocate(kc: KubeConfig, o: KubernetesObject): Promise<KubernetesObject> {
  const metadata = { ...o.metadata };
  if (o.apiVersion === 'v1' && o.kind === 'Namespace' && metadata.name) {
    metadata.name = relocatedNamespace(metadata.name);
  } else if (metadata.namespace) {
    metadata.namespace = relocatedNamespace(metadata.namespace);
  } else if (metadata.name && (await objectExists(kc, o))) {
    metadata.name = `${metadata.name}-${tag}`;
  }
  return { ...o, metadata };
}

/** Creates (for real) every namespace the objects live in or declare. */
async function createNamespaces(kc: KubeConfig, objects: readonly KubernetesObject[], made: Set<string>) {
  const core = kc.makeApiClient(CoreV1Api);
  const names = new Set<string>();
  for (const o of objects) {
    if (o.kind === 'Namespace' && o.apiVersion === 'v1' && o.metadata?.name) names.add(o.metadata.name);
    if (o.metadata?.namespace) names.add(o.metadata.namespace);
  }
  for (const name of [...names].sort()) {
    if (made.has(name)) continue;
    await core.createNamespace({
      body: { metadata: { name, labels: { 'aglais.test/integration': 'true' } } },
    });
    made.add(name);
  }
}

describe('examples: rendered objects pass a server-side dry-run apply', { skip }, () => {
  const made = new Set<string>();
  after(async () => {
    for (const ns of made) await deleteNamespace(env!.kubeConfig, ns);
  });

  test('there are example specs to check', () => {
    assert.ok(examples.length > 0, `no examples/*.yaml in ${examplesDir}: nothing would be checked`);
  });

  for (const example of examples) {
    test(`examples/${example}`, async (t) => {
      const files = plan(join(examplesDir, example));
      assert.ok(files.length > 0, `aglais plan examples/${example} wrote no files`);
      const kc = env!.kubeConfig;
      const all = files.flatMap((f) => f.objects);
      assert.ok(all.length > 0, `aglais plan examples/${example} rendered no objects`);
      await createNamespaces(kc, await Promise.all(all.map((o) => relocate(kc, o))), made);
      const failures: string[] = [];
      for (const f of files) {
        for (const o of f.objects) {
          const err = await dryRunApply(kc, await relocate(kc, o));
          if (err)
            failures.push(`${f.path}: ${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}: ${err}`);
        }
      }
      t.diagnostic(`${all.length} objects in ${files.length} files dry-run applied`);
      assert.deepEqual(failures, []);
    });
  }

  test('control: an object with an undeclared field is rejected by the dry run', async () => {
    // Proves the check above can fail: the same path, one deliberately broken object.
    const broken: KubernetesObject = {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { name: 'broken', namespace: 'default' },
      spec: { notAField: true },
    } as KubernetesObject;
    const err = await dryRunApply(env!.kubeConfig, broken);
    assert.match(err ?? 'accepted', /notAField/);
  });
});
