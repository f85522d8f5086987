// The platform layer's workload objects on the real control plane of
// scripts/testenv (kube-apiserver with Pod Security admission, controllers,
// scheduler, kwok nodes):
//  - every object of examples/dev.yaml (with Livy on) passes a server-side dry-run in its
//    namespace, the namespaces carrying our Pod Security labels (restricted);
//  - applied for real, on kwok nodes labelled as the spec's pool (the claims
//    bound to volumes the test provides, as a cluster's provisioner would),
//    the platform's Deployments become Available;
//  - a pod from each workload's template, an executor pod as Spark builds it
//    from our template, and interpreter pods as Zeppelin makes them from our
//    template (rendered by Jinjava), are admitted by `restricted`, the quota
//    and the LimitRange (dry-run); a privileged control is refused;
//  - SubjectAccessReviews: each service account can do what it needs and no more.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  StorageV1Api,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { parse } from 'yaml';
import { platformLayer } from '../platform/index.js';
import { bindings, jinjavaMissing, renderTemplate } from '../platform/test-support.js';
import { executorContainer } from '../platform/spark.js';
import { clusterContext } from '../render/index.js';
import { cloudOf } from '../clouds/registry.js';
import type { RenderedObject } from '../render/types.js';
import { loadSpec } from '../spec/load.js';
import type { Platform } from '../spec/schema.js';
import { dryRunApply } from '../testenv/dry-run.js';
import { apiStatus, waitFor } from '../testenv/kube.js';
import { repoRoot, useTestenv } from '../testenv/testenv.js';
import { join } from 'node:path';

const { env, skip } = useTestenv();
const fieldManager = 'aglais-platform-test';
const nodeNames = ['aglais-it-workers-1', 'aglais-it-workers-2'];

/** examples/dev.yaml with the Livy option on, so that its objects and service account are checked too. */
async function devPlatform(): Promise<Platform> {
  const { platform } = await loadSpec(join(repoRoot(), 'examples', 'dev.yaml'));
  return {
    ...platform,
    spec: {
      ...platform.spec,
      platform: { ...platform.spec.platform, livy: { enabled: true, version: '0.9.0' } },
    },
  };
}

async function render(): Promise<RenderedObject[]> {
  const platform = await devPlatform();
  const { module, platform: on } = cloudOf(platform);
  return platformLayer.objects(platform, clusterContext(module, on)).filter((o) => o.target === 'workload');
}

async function apply(kc: KubeConfig, o: KubernetesObject): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kc);
  await api.patch(o, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply);
}

function sar(
  kc: KubeConfig,
  sa: string,
  saNs: string,
  verb: string,
  resource: string,
  ns: string,
  group = '',
) {
  return kc
    .makeApiClient(AuthorizationV1Api)
    .createSubjectAccessReview({
      body: {
        spec: {
          user: `system:serviceaccount:${saNs}:${sa}`,
          groups: ['system:serviceaccounts', `system:serviceaccounts:${saNs}`, 'system:authenticated'],
          resourceAttributes: { verb, resource, namespace: ns, group },
        },
      },
    })
    .then((r) => r.status?.allowed === true);
}

describe('platform objects of examples/dev.yaml (Livy on) on the real control plane', { skip }, () => {
  const kc = env?.kubeConfig as KubeConfig;
  let objects: RenderedObject[] = [];
  const namespaces: string[] = [];
  const pvs: string[] = [];
  const classes: string[] = [];

  before(async () => {
    objects = await render();
    const core = kc.makeApiClient(CoreV1Api);
    // The namespaces, for real, with their Pod Security labels.
    for (const o of objects.filter((x) => x.object.kind === 'Namespace')) {
      // A namespace of an earlier run may still be terminating: wait until it is gone.
      await waitFor(
        async () => {
          const live = await core.readNamespace({ name: o.object.metadata.name }).catch(() => undefined);
          return live?.metadata?.deletionTimestamp ? undefined : true;
        },
        { what: `namespace ${o.object.metadata.name} of an earlier run to be deleted`, timeoutMs: 120_000 },
      );
      const exists = await core.readNamespace({ name: o.object.metadata.name }).then(
        () => true,
        () => false,
      );
      await apply(kc, o.object as KubernetesObject);
      if (!exists) namespaces.push(o.object.metadata.name);
    }
    // kwok nodes of the spec's pool (dev: "workers"), roomy enough for the platform.
    for (const name of nodeNames) {
      // Status is kept on create for Nodes, as scripts/testenv makes its own kwok nodes.
      await core
        .createNode({
          body: {
            metadata: {
              name,
              annotations: { 'kwok.x-k8s.io/node': 'fake' },
              labels: {
                type: 'kwok',
                'aglais.dev/pool': 'workers',
                'kubernetes.io/hostname': name,
                'kubernetes.io/os': 'linux',
              },
            },
            status: {
              capacity: { cpu: '16', memory: '64Gi', pods: '110', 'ephemeral-storage': '200Gi' },
              allocatable: { cpu: '16', memory: '64Gi', pods: '110', 'ephemeral-storage': '200Gi' },
            },
          },
        })
        .catch((e: unknown) => {
          if (apiStatus(e) !== 409) throw e;
        });
    }
    await waitFor(
      async () => {
        for (const name of nodeNames) {
          const n = await core.readNode({ name });
          if (!n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return undefined;
        }
        return true;
      },
      { what: 'the kwok nodes of pool workers Ready', timeoutMs: 60_000 },
    );
  });

  after(async () => {
    const core = kc.makeApiClient(CoreV1Api);
    for (const ns of namespaces) await core.deleteNamespace({ name: ns }).catch(() => undefined);
    for (const pv of pvs) await core.deletePersistentVolume({ name: pv }).catch(() => undefined);
    for (const n of nodeNames) await core.deleteNode({ name: n }).catch(() => undefined);
    const storage = kc.makeApiClient(StorageV1Api);
    for (const c of classes) await storage.deleteStorageClass({ name: c }).catch(() => undefined);
    for (const o of objects.filter((x) => x.object.kind === 'PersistentVolume')) {
      await core.deletePersistentVolume({ name: o.object.metadata.name }).catch(() => undefined);
    }
  });

  test('every object passes a server-side dry-run (strict fields, admission)', async () => {
    const failures: string[] = [];
    for (const o of objects) {
      const err = await dryRunApply(kc, o.object as KubernetesObject);
      if (err)
        failures.push(
          `${o.object.kind} ${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}: ${err}`,
        );
    }
    assert.deepEqual(failures, []);
    assert.ok(objects.length > 50, `only ${objects.length} objects`);
  });

  test('applied for real on kwok nodes of the pool, the Deployments become Available', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const storage = kc.makeApiClient(StorageV1Api);
    // What a cluster's provisioners would do: the classes the claims name, and a volume for each claim.
    const claims = objects.filter((x) => x.object.kind === 'PersistentVolumeClaim');
    for (const c of claims) {
      const spec = (
        c.object as unknown as {
          spec: {
            storageClassName?: string;
            accessModes: string[];
            resources: { requests: { storage: string } };
          };
        }
      ).spec;
      const sc = spec.storageClassName;
      if (sc === '') continue; // bound by label to our own static PV
      const klass = sc ?? 'aglais-it-default';
      if (!classes.includes(klass)) {
        const exists = await storage.readStorageClass({ name: klass }).then(
          () => true,
          () => false,
        );
        if (!exists) {
          await storage.createStorageClass({
            body: {
              metadata: { name: klass },
              provisioner: 'example.org/none',
              volumeBindingMode: 'Immediate',
            },
          });
          classes.push(klass);
        }
      }
      const name = `aglais-it-${c.object.metadata.namespace}-${c.object.metadata.name}`;
      await core
        .createPersistentVolume({
          body: {
            metadata: { name },
            spec: {
              capacity: { storage: spec.resources.requests.storage },
              accessModes: spec.accessModes,
              storageClassName: klass,
              hostPath: { path: `/tmp/${name}` },
              claimRef: { namespace: c.object.metadata.namespace, name: c.object.metadata.name },
            },
          },
        })
        .catch((e: unknown) => {
          if (apiStatus(e) !== 409) throw e;
        });
      pvs.push(name);
    }
    for (const o of objects) if (o.object.kind !== 'Namespace') await apply(kc, o.object as KubernetesObject);
    const apps = kc.makeApiClient(AppsV1Api);
    const deployments = objects.filter((x) => x.object.kind === 'Deployment').map((x) => x.object);
    assert.ok(deployments.length >= 4, 'Zeppelin, Livy and a history server per user');
    for (const d of deployments) {
      await waitFor(
        async () => {
          const live = await apps.readNamespacedDeployment({
            name: d.metadata.name,
            namespace: d.metadata.namespace ?? '',
          });
          const ok = live.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True');
          if (ok) return true;
          const events = await core.listNamespacedEvent({ namespace: d.metadata.namespace ?? '' });
          const last = events.items
            .filter((e) => e.type === 'Warning')
            .map((e) => `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.reason}: ${e.message}`)
            .slice(-3)
            .join('; ');
          throw new Error(
            `${d.metadata.namespace}/${d.metadata.name} not Available; warnings: ${last || 'none'}`,
          );
        },
        { what: `Deployment ${d.metadata.namespace}/${d.metadata.name} Available`, timeoutMs: 120_000 },
      );
      const pods = await core.listNamespacedPod({ namespace: d.metadata.namespace ?? '' });
      const mine = pods.items.filter(
        (p) =>
          p.metadata?.labels?.['app.kubernetes.io/component'] ===
          d.metadata.labels?.['app.kubernetes.io/component'],
      );
      assert.ok(
        mine.length > 0 && mine.every((p) => nodeNames.includes(p.spec?.nodeName ?? '')),
        `${d.metadata.name} runs on the pool's nodes`,
      );
    }
  });

  test('pods of every workload, and executors as Spark makes them, are admitted by Pod Security restricted', async () => {
    const pods: KubernetesObject[] = [];
    for (const o of objects.filter((x) => x.object.kind === 'Deployment')) {
      const d = o.object as unknown as KubernetesObject & {
        spec: { template: { metadata: object; spec: object } };
      };
      pods.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...d.spec.template.metadata,
          name: `psa-${d.metadata?.name}`,
          namespace: d.metadata?.namespace,
        },
        spec: d.spec.template.spec,
      } as KubernetesObject);
    }
    // An executor: our template plus what Spark adds (image, resources, env, volumes from spark-defaults).
    const conf = objects.find(
      (x) => x.object.kind === 'ConfigMap' && x.object.metadata.name === 'spark-conf',
    );
    assert.ok(conf);
    const tpl = parse(
      (conf.object as unknown as { data: Record<string, string> }).data['executor-pod.yaml'] ?? '',
    );
    const c0 = tpl.spec.containers[0];
    assert.equal(c0.name, executorContainer);
    Object.assign(c0, {
      image: 'apache/spark:3.5.7',
      args: ['executor'],
      resources: {
        requests: { ...c0.resources?.requests, cpu: '2', memory: '4505Mi' },
        limits: { ...c0.resources?.limits, cpu: '2', memory: '4505Mi' },
      },
      volumeMounts: [{ name: 'data-gaia-sample', mountPath: '/data/gaia/sample', readOnly: true }],
    });
    tpl.spec.volumes = [
      { name: 'data-gaia-sample', persistentVolumeClaim: { claimName: 'data-gaia-sample', readOnly: true } },
    ];
    pods.push({
      ...tpl,
      metadata: { ...tpl.metadata, name: 'psa-executor', namespace: conf.object.metadata.namespace },
    });
    // Livy sessions' driver and executor pods, from Livy's templates, as Spark completes them.
    const livyConf = objects.find(
      (x) => x.object.kind === 'ConfigMap' && x.object.metadata.name === 'livy-conf',
    );
    assert.ok(livyConf);
    for (const role of ['driver', 'executor']) {
      const t = parse(
        (livyConf.object as unknown as { data: Record<string, string> }).data[`${role}-pod.yaml`] ?? '',
      );
      Object.assign(t.spec.containers[0], {
        image: 'apache/spark:3.5.7',
        resources: { requests: { cpu: '1', memory: '4505Mi' }, limits: { cpu: '1', memory: '4505Mi' } },
      });
      pods.push({ ...t, metadata: { ...t.metadata, name: `psa-livy-${role}`, namespace: 'user-bob' } });
    }
    // Interpreter pods as Zeppelin makes them from our template (rendered by Jinjava, its engine).
    if (!jinjavaMissing()) {
      const platform = await devPlatform();
      for (const [setting, group, pod] of [
        ['spark_alice', 'spark', 'spark-psatest'],
        ['md', 'md', 'md-psatest'],
      ] as const) {
        const rendered = renderTemplate(platform, bindings(platform, setting, group, pod));
        pods.push(...(rendered.filter((o) => o['kind'] === 'Pod') as unknown as KubernetesObject[]));
      }
    }
    assert.ok(pods.length >= 3);
    if (!jinjavaMissing())
      assert.ok(
        pods.some((x) => x.metadata?.name === 'spark-psatest'),
        'the interpreter pod is checked',
      );
    const refused: string[] = [];
    for (const pod of pods) {
      const err = await dryRunApply(kc, pod);
      if (err) refused.push(`${pod.metadata?.namespace}/${pod.metadata?.name}: ${err}`);
    }
    assert.deepEqual(refused, []);
    // Control: the same namespace refuses a privileged pod, so the check above can fail.
    const bad = await dryRunApply(kc, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'psa-control', namespace: 'user-alice' },
      spec: { containers: [{ name: 'c', image: 'example.org/x:1', securityContext: { privileged: true } }] },
    } as KubernetesObject);
    assert.match(bad ?? 'accepted', /violates PodSecurity "restricted:latest"/);
  });

  test('SubjectAccessReview: each service account can do what it needs and no more', async () => {
    const cases: [string, string, string, string, string, boolean, string?][] = [
      // Zeppelin starts interpreter pods and their Services in user namespaces …
      ['zeppelin-server', 'aglais', 'create', 'pods', 'user-alice', true],
      ['zeppelin-server', 'aglais', 'delete', 'services', 'user-bob', true],
      ['zeppelin-server', 'aglais', 'watch', 'pods', 'user-bob', true],
      // … and nothing else: no Secrets, no RBAC, nothing outside the platform.
      ['zeppelin-server', 'aglais', 'get', 'secrets', 'user-alice', false],
      ['zeppelin-server', 'aglais', 'create', 'roles', 'user-alice', false, 'rbac.authorization.k8s.io'],
      ['zeppelin-server', 'aglais', 'create', 'pods', 'kube-system', false],
      // A user's driver makes its executors, their services and scratch claims in its own namespace …
      ['interpreter', 'user-alice', 'create', 'pods', 'user-alice', true],
      ['interpreter', 'user-alice', 'create', 'persistentvolumeclaims', 'user-alice', true],
      ['interpreter', 'user-alice', 'delete', 'configmaps', 'user-alice', true],
      // … and cannot touch another user's namespace, Secrets, or the platform's.
      ['interpreter', 'user-alice', 'create', 'pods', 'user-bob', false],
      ['interpreter', 'user-alice', 'list', 'pods', 'user-bob', false],
      ['interpreter', 'user-alice', 'get', 'secrets', 'user-alice', false],
      ['interpreter', 'user-alice', 'delete', 'pods', 'aglais', false],
      ['interpreter', 'user-alice', 'update', 'resourcequotas', 'user-alice', false],
      // Livy submits sessions' drivers into the user namespaces, and may read their logs; no more.
      ['livy', 'aglais', 'create', 'pods', 'user-alice', true],
      ['livy', 'aglais', 'create', 'configmaps', 'user-bob', true],
      ['livy', 'aglais', 'get', 'secrets', 'user-alice', false],
      ['livy', 'aglais', 'create', 'pods', 'kube-system', false],
      ['livy', 'aglais', 'create', 'rolebindings', 'user-alice', false, 'rbac.authorization.k8s.io'],
    ];
    const wrong: string[] = [];
    for (const [sa, saNs, verb, resource, ns, want, group] of cases) {
      const got = await sar(kc, sa, saNs, verb, resource, ns, group);
      if (got !== want) wrong.push(`${saNs}/${sa} ${verb} ${resource} in ${ns}: ${got}, expected ${want}`);
    }
    assert.deepEqual(wrong, []);
  });
});
