// Cluster API lifecycle on the real controllers of `scripts/testenv up --capi`:
// a Dev cluster (CAPD inMemory backend, 1 control-plane machine, 2 workers) is
// created, becomes ready, its `<name>-kubeconfig` Secret reaches the simulated
// workload API server, and deleting the Cluster removes everything.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CoreV1Api, KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { apiStatus, createTestNamespace, deleteNamespace, waitFor } from '../testenv/kube.js';
import { useTestenv } from '../testenv/testenv.js';

const { env, skip } = useTestenv({ capi: true });

interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}
interface Replicas {
  readonly desiredReplicas?: number;
  readonly readyReplicas?: number;
  readonly availableReplicas?: number;
}
interface CapiObject extends KubernetesObject {
  readonly status?: {
    readonly phase?: string;
    readonly conditions?: readonly Condition[];
    readonly controlPlane?: Replicas;
    readonly workers?: Replicas;
    readonly nodeRef?: { readonly name?: string };
  };
}

const CLUSTER = 'dev1';
const CAPI = 'cluster.x-k8s.io/v1beta2';

function condition(o: CapiObject, type: string): Condition | undefined {
  return o.status?.conditions?.find((c) => c.type === type);
}

function fixture(namespace: string): KubernetesObject[] {
  const text = readFileSync(
    join(env!.repoRoot, 'src', 'integration', 'fixtures', 'dev-cluster.yaml'),
    'utf8',
  );
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubernetesObject | null)
    .filter((o): o is KubernetesObject => o != null)
    .map((o) => ({ ...o, metadata: { ...o.metadata, namespace } }));
}

describe('Cluster API Dev cluster (inMemory backend) on real controllers', { skip }, () => {
  let ns = '';
  let created = false;
  let objects: KubernetesObjectApi;
  before(async () => {
    objects = KubernetesObjectApi.makeApiClient(env!.kubeConfig);
    ns = await createTestNamespace(env!.kubeConfig, 'capi-dev');
  });
  after(async () => {
    if (ns) await deleteNamespace(env!.kubeConfig, ns);
  });

  const readCluster = () =>
    objects.read<CapiObject>({
      apiVersion: CAPI,
      kind: 'Cluster',
      metadata: { name: CLUSTER, namespace: ns },
    });

  test('creates the cluster objects', async () => {
    const docs = fixture(ns);
    assert.deepEqual(docs.map((o) => o.kind).sort(), [
      'Cluster',
      'DevCluster',
      'DevMachineTemplate',
      'KubeadmConfigTemplate',
      'KubeadmControlPlane',
      'MachineDeployment',
    ]);
    for (const o of docs) await objects.create(o);
    created = true;
  });

  test('becomes Available with 1 ready control-plane machine and 2 ready workers', async () => {
    assert.ok(created, 'the cluster objects were not created');
    const cluster = await waitFor(
      async () => {
        const c = await readCluster();
        const ok =
          condition(c, 'Available')?.status === 'True' &&
          c.status?.controlPlane?.readyReplicas === 1 &&
          c.status?.workers?.readyReplicas === 2;
        return ok ? c : undefined;
      },
      { what: `Cluster ${ns}/${CLUSTER} to become Available`, timeoutMs: 300_000, intervalMs: 2000 },
    );
    assert.equal(cluster.status?.phase, 'Provisioned');
    const machines = await objects.list<CapiObject>(CAPI, 'Machine', ns);
    assert.equal(machines.items.length, 3);
    for (const m of machines.items) {
      assert.equal(condition(m, 'Ready')?.status, 'True', `Machine ${m.metadata?.name} not Ready`);
    }
  });

  test('its kubeconfig Secret answers API calls on the workload API server', async () => {
    const core = env!.kubeConfig.makeApiClient(CoreV1Api);
    const secret = await core.readNamespacedSecret({ name: `${CLUSTER}-kubeconfig`, namespace: ns });
    const value = secret.data?.value;
    assert.ok(value, 'Secret has no data.value');
    const workload = new KubeConfig();
    workload.loadFromString(Buffer.from(value, 'base64').toString('utf8'));
    const server = workload.getCurrentCluster()?.server ?? '';
    assert.match(server, /^https:\/\/127\.0\.0\.1:\d+$/, 'workload API server must be local');
    const nodes = await workload.makeApiClient(CoreV1Api).listNode();
    const machines = await objects.list<CapiObject>(CAPI, 'Machine', ns);
    assert.deepEqual(
      nodes.items.map((n) => n.metadata?.name).sort(),
      machines.items.map((m) => m.status?.nodeRef?.name).sort(),
    );
  });

  test('deleting the Cluster removes it and its machines', async () => {
    await objects.delete({ apiVersion: CAPI, kind: 'Cluster', metadata: { name: CLUSTER, namespace: ns } });
    await waitFor(
      async () => {
        try {
          await readCluster();
          return undefined;
        } catch (e) {
          if (apiStatus(e) === 404) return true;
          throw e;
        }
      },
      { what: `Cluster ${ns}/${CLUSTER} to be deleted`, timeoutMs: 180_000, intervalMs: 2000 },
    );
    const machines = await objects.list<CapiObject>(CAPI, 'Machine', ns);
    assert.equal(machines.items.length, 0);
  });
});
