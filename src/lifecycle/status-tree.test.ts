import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTree, formatTree, verdict, type Obj } from './status-tree.js';

const cond = (type: string, status: string, reason?: string, message?: string) => ({
  type,
  status,
  reason,
  message,
});
const cluster: Obj = {
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Cluster',
  metadata: { name: 'gaia', namespace: 'gaia' },
  status: { conditions: [cond('Available', 'True')] },
};
const kcp: Obj = {
  apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
  kind: 'KubeadmControlPlane',
  metadata: { name: 'gaia-cp', namespace: 'gaia' },
  spec: { replicas: 1 },
  status: { readyReplicas: 1, upToDateReplicas: 1, conditions: [cond('Available', 'True')] },
};
const machine = (name: string, labels: Record<string, string>, ready = true): Obj => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'Machine',
  metadata: { name, namespace: 'gaia', labels },
  status: {
    phase: 'Running',
    nodeRef: { name },
    conditions: [
      ready ? cond('Ready', 'True') : cond('Ready', 'False', 'NodeNotReady', 'kubelet is not ready'),
    ],
  },
});
const md = (ready: number): Obj => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineDeployment',
  metadata: { name: 'gaia-workers', namespace: 'gaia', generation: 1 },
  spec: { replicas: 2 },
  status: {
    observedGeneration: 1,
    readyReplicas: ready,
    availableReplicas: ready,
    upToDateReplicas: 2,
    replicas: 2,
  },
});
const hcp: Obj = {
  apiVersion: 'addons.cluster.x-k8s.io/v1alpha1',
  kind: 'HelmChartProxy',
  metadata: { name: 'gaia-cni', namespace: 'gaia' },
  status: { conditions: [cond('Ready', 'True')] },
};

test('a ready platform: whole tree, verdict Ready', () => {
  const tree = buildTree({
    platform: 'gaia',
    cluster,
    controlPlane: kcp,
    machineDeployments: [md(2)],
    machines: [
      machine('cp-1', { 'cluster.x-k8s.io/control-plane': '' }),
      machine('w-1', { 'cluster.x-k8s.io/deployment-name': 'gaia-workers' }),
      machine('w-2', { 'cluster.x-k8s.io/deployment-name': 'gaia-workers' }),
    ],
    addons: [hcp],
    components: [],
  });
  assert.equal(tree.ready, true);
  assert.deepEqual(
    tree.children.map((c) => c.kind || c.name),
    ['KubeadmControlPlane', 'MachineDeployment', 'Addons'],
  );
  assert.deepEqual(
    tree.children[1]?.children.map((c) => c.name),
    ['w-1', 'w-2'],
  );
  const text = formatTree(tree, false);
  assert.match(
    text,
    /^Cluster gaia\/gaia +Ready\n├─ KubeadmControlPlane gaia-cp +Ready {2}1\/1 ready, 1 up to date\n│ {2}└─ Machine cp-1 +Ready {2}Running, node cp-1\n/,
  );
  assert.match(text, /\n└─ Addons +Ready\n {3}└─ HelmChartProxy gaia-cni +Ready\n/);
  assert.match(verdict(tree), /^Ready: platform gaia is up \(3 machines, 1 addons/);
});

test('not ready: the deepest failing item is the verdict, with reason and message', () => {
  const tree = buildTree({
    platform: 'gaia',
    cluster: {
      ...cluster,
      status: { conditions: [cond('Available', 'False', 'NotAvailable', '* WorkersAvailable: 1 of 2')] },
    },
    controlPlane: kcp,
    machineDeployments: [md(1)],
    machines: [
      machine('w-1', { 'cluster.x-k8s.io/deployment-name': 'gaia-workers' }),
      machine('w-2', { 'cluster.x-k8s.io/deployment-name': 'gaia-workers' }, false),
    ],
    addons: [],
    components: [],
  });
  assert.equal(tree.ready, false);
  assert.equal(
    verdict(tree),
    'Not ready: waiting on Machine w-2: NodeNotReady: kubelet is not ready (and 2 more not ready).',
  );
  assert.match(
    formatTree(tree, false),
    /Machine w-2 +NodeNotReady {2}Running, node w-2 {2}kubelet is not ready/,
  );
});

test('overall readiness counts the children; multi-line CAPI messages become one line', async () => {
  const { allReady } = await import('./status-tree.js');
  const tree = buildTree({
    platform: 'gaia',
    cluster,
    machineDeployments: [],
    machines: [],
    addons: [{ ...hcp, status: {} }],
    components: [],
  });
  assert.equal(tree.ready, true, 'the Cluster row itself is ready');
  assert.equal(allReady(tree), false, 'but an addon is not');
  const c = buildTree({
    platform: 'gaia',
    cluster: {
      ...cluster,
      status: { conditions: [cond('Available', 'False', 'NotAvailable', '* A: x\n* B:\n  * C: y')] },
    },
    machineDeployments: [],
    machines: [],
    addons: [],
    components: [],
  });
  assert.equal(c.message, '* A: x * B: * C: y');
  assert.equal(
    formatTree(c, false).split('\n').length,
    4,
    'one row, a blank line, the verdict, the final newline',
  );
});
