// The lifecycle on an `existing` cloud (no management cluster: everything is
// applied to the given cluster) against the real control plane of
// scripts/testenv, whose kwok nodes run pods. The platform objects come from a
// small fixed platform layer so the test pins its own data objects: a claim
// (data), a Secret (never shown), a Deployment (waited for).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { render } from '../render/index.js';
import { noNodeSetup, type PlatformLayer } from '../render/seam.js';
import type { KubernetesObject, RenderedObject } from '../render/types.js';
import { parseSpec } from '../spec/load.js';
import { formatDiff, runDiff } from '../lifecycle/diff.js';
import { runDown } from '../lifecycle/down.js';
import { plainProgress } from '../lifecycle/progress.js';
import { connect } from '../lifecycle/session.js';
import { runUp } from '../lifecycle/up.js';
import { deleteNamespace, waitFor } from '../testenv/kube.js';
import type { KubeConfig } from '@kubernetes/client-node';
import { useTestenv } from '../testenv/testenv.js';
import { list, read } from './lifecycle-support.js';

const { env, skip } = useTestenv();
const name = `ex-${Date.now().toString(36).slice(-6)}`;
const ns = `${name}-users`;

function specText(kubeconfig: string): string {
  return `apiVersion: aglais.dev/v1alpha1
kind: Platform
metadata: { name: ${name} }
spec:
  cloud: { provider: existing, kubeconfig: { file: ${kubeconfig} }, sharedStorageClass: nfs }
  kubernetes: { version: v1.34.2 }
  nodePools: [{ name: workers, replicas: 2 }]
  platform: { domain: ${name}.example.org, tls: { type: selfSigned } }
`;
}

const labels = { 'app.kubernetes.io/managed-by': 'aglais', 'aglais.dev/platform': name };
const o = (
  kind: string,
  apiVersion: string,
  n: string,
  body: Record<string, unknown>,
  namespace: string | null = ns,
): KubernetesObject => ({
  apiVersion,
  kind,
  metadata: { name: n, ...(namespace ? { namespace } : {}), labels },
  ...body,
});

/** A fixed platform: with `web` false the Deployment is gone (to be pruned). */
function layer(secret: string, web = true): PlatformLayer {
  const objects: KubernetesObject[] = [
    o('Namespace', 'v1', ns, {}, null),
    o('PersistentVolumeClaim', 'v1', 'home-alice', {
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: '',
        resources: { requests: { storage: '1Gi' } },
      },
    }),
    o('Secret', 'v1', 'web-auth', { type: 'Opaque', stringData: { password: secret } }),
    o('ConfigMap', 'v1', 'web-config', { data: { greeting: 'hello' } }),
  ];
  if (web) {
    objects.push(
      o('Deployment', 'apps/v1', 'web', {
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'registry.example.org/web:1' }] },
          },
        },
      }),
    );
  }
  return {
    nodeSetup: () => noNodeSetup,
    objects: () =>
      objects.map((object): RenderedObject => ({ target: 'workload', stage: 'platform', object })),
  };
}

describe(
  'lifecycle on an existing cluster (real kube-apiserver, kwok nodes)',
  { skip, timeout: 600_000 },
  () => {
    const kc = env?.kubeConfig as KubeConfig;
    const dir = mkdtempSync(join(tmpdir(), 'aglais-existing-'));
    const file = join(dir, 'spec.yaml');
    writeFileSync(file, specText(env?.kubeconfigPath ?? ''));
    const lines: string[] = [];
    const progress = plainProgress('test', (s) => lines.push(s));
    const session = (secret: string, web = true) => {
      const { platform } = parseSpec(readFileSync(file, 'utf8'), file);
      const objects = render(platform, { platformLayer: layer(secret, web) }).filter(
        (r) => r.stage === 'platform',
      );
      return connect(platform, objects, {});
    };
    after(async () => {
      if (env) await deleteNamespace(kc, ns);
    });

    test('up applies to the one cluster, waits for the Deployment, and never prints the Secret', async () => {
      const s = session('hunter2-first');
      const r = await runUp(s, { timeoutMs: 120_000, progress });
      s.close();
      assert.deepEqual(
        r.outcomes
          .filter((x) => x.action === 'created')
          .map((x) => x.ref.kind)
          .sort(),
        ['ConfigMap', 'Deployment', 'Namespace', 'PersistentVolumeClaim', 'Secret'],
      );
      const d = await read(kc, 'apps/v1', 'Deployment', 'web', ns);
      assert.equal(d?.status?.['availableReplicas'], 2);
      const secret = await read(kc, 'v1', 'Secret', 'web-auth', ns);
      assert.equal(
        Buffer.from(
          String((secret as { data?: Record<string, string> }).data?.['password']),
          'base64',
        ).toString(),
        'hunter2-first',
      );
      assert.ok(!lines.join('').includes('hunter2'));
      assert.match(lines.join(''), /wait for platform in the workload cluster/);
    });

    test('diff of a changed Secret shows a changed digest, never the value', async () => {
      const s = session('hunter2-second');
      const r = await runDiff(s, { color: false });
      s.close();
      const text = formatDiff(r);
      if (process.env['AGLAIS_DEBUG'] === '1') console.error(text);
      assert.deepEqual(
        r.diffs.map((x) => `${x.change} ${x.object}`),
        [`update Secret ${ns}/web-auth`],
      );
      assert.match(
        text,
        /- {2}password: "?\(secret, sha256:[0-9a-f]{12}\)"?\n\+ {2}password: "?\(secret, sha256:[0-9a-f]{12}\)"?/,
      );
      assert.ok(!text.includes('hunter2'), text);
      assert.ok(!text.includes(Buffer.from('hunter2-second').toString('base64')), text);
    });

    test('pruning keeps the claim; removing the Deployment prunes it', async () => {
      const s = session('hunter2-first', false);
      const r = await runUp(s, { timeoutMs: 120_000, progress });
      s.close();
      assert.deepEqual(
        r.outcomes.filter((x) => x.action === 'pruned').map((x) => `${x.ref.kind}/${x.ref.name}`),
        ['Deployment/web'],
      );
      await waitFor(async () => ((await read(kc, 'apps/v1', 'Deployment', 'web', ns)) ? undefined : true), {
        what: 'web pruned',
      });
    });

    test('down without --delete-data keeps the claim and its namespace; with it, removes them', async () => {
      const s = session('hunter2-first', false);
      const r = await runDown(s, { timeoutMs: 120_000, progress });
      assert.deepEqual([...r.kept].sort(), [
        `workload/Namespace ${ns}`,
        `workload/PersistentVolumeClaim ${ns}/home-alice`,
      ]);
      assert.deepEqual(r.leftovers, []);
      assert.ok(await read(kc, 'v1', 'PersistentVolumeClaim', 'home-alice', ns), 'claim kept');
      assert.equal(await read(kc, 'v1', 'ConfigMap', 'web-config', ns), undefined, 'the rest is gone');
      assert.ok(
        await read(kc, 'v1', 'ConfigMap', `aglais-${name}`, 'aglais-system'),
        'the ApplySet still tracks the kept data',
      );
      const all = await runDown(s, { timeoutMs: 120_000, deleteData: true, progress });
      s.close();
      assert.deepEqual(all.kept, []);
      assert.ok(
        all.deleted.includes(`workload/PersistentVolumeClaim ${ns}/home-alice`),
        all.deleted.join(', '),
      );
      await waitFor(async () => ((await read(kc, 'v1', 'Namespace', ns)) ? undefined : true), {
        what: `namespace ${ns} gone`,
        timeoutMs: 120_000,
      });
      assert.equal(await read(kc, 'v1', 'ConfigMap', `aglais-${name}`, 'aglais-system'), undefined);
      assert.equal(
        (await list(kc, 'coordination.k8s.io/v1', 'Lease', 'aglais-system')).filter(
          (l) => l.metadata?.name === `aglais-${name}`,
        ).length,
        0,
      );
    });
  },
);
