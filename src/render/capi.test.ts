/** The CAPI core renderer: names, references, hashing and autoscaling, read from the objects. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../spec/load.js';
import { render } from './index.js';
import type { KubernetesObject } from './types.js';

const spec = (pools: string) => `apiVersion: aglais.dev/v1alpha1
kind: Platform
metadata:
  name: t1
spec:
  cloud:
    provider: openstack
    credentials: { secretName: t1-creds }
    image: { name: ubuntu }
  kubernetes:
    version: v1.34.2
  controlPlane:
    replicas: 3
    size: m1.large
  nodePools:
${pools}
  platform:
    domain: t1.example.org
`;

const twoPools = `    - name: small
      size: m1.large
      replicas: 2
    - name: big
      size: m1.xlarge
      autoscale: { min: 1, max: 5 }
      capacity: { cpu: 16, memory: 64Gi }
      taints: [{ key: example.org/spark, value: "true", effect: NoSchedule }]`;

function objects(pools: string): KubernetesObject[] {
  return render(parseSpec(spec(pools), 't.yaml').platform)
    .filter((o) => o.target === 'management')
    .map((o) => o.object);
}

function find(objs: KubernetesObject[], kind: string, name: string): KubernetesObject {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  assert.ok(
    o,
    `${kind}/${name} not rendered; have ${objs.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`,
  );
  return o;
}

const get = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

test('every CAPI reference points at an object that is rendered', () => {
  const objs = objects(twoPools);
  const names = new Set(objs.map((o) => `${o.kind}/${o.metadata.name}`));
  const refs: unknown[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const r = v as Record<string, unknown>;
      if (typeof r['apiGroup'] === 'string' && typeof r['kind'] === 'string' && typeof r['name'] === 'string')
        refs.push(r);
      Object.values(r).forEach(walk);
    }
  };
  objs.forEach(walk);
  assert.equal(
    refs.length,
    7,
    'Cluster: infra + control plane; KCP: machine template; each MachineDeployment: bootstrap + infra',
  );
  for (const r of refs as { kind: string; name: string }[])
    assert.ok(names.has(`${r.kind}/${r.name}`), `dangling ${r.kind}/${r.name}`);
  for (const o of objs) if (o.kind !== 'Namespace') assert.equal(o.metadata.namespace, 't1');
});

test('machine templates are named by the hash of their spec: a new size means a new name, nothing else moves', () => {
  const before = objects(twoPools);
  const after = objects(twoPools.replace('size: m1.xlarge', 'size: m1.2xlarge'));
  const templates = (objs: KubernetesObject[]) =>
    objs
      .filter((o) => o.kind === 'OpenStackMachineTemplate')
      .map((o) => o.metadata.name)
      .sort();
  const [b, a] = [templates(before), templates(after)];
  assert.equal(b.length, 3);
  const changed = a.filter((n) => !b.includes(n));
  assert.deepEqual(changed.length, 1);
  assert.match(changed[0] ?? '', /^t1-big-[0-9a-f]{8}$/);
  const md = find(after, 'MachineDeployment', 't1-big');
  assert.equal(get(md, 'spec.template.spec.infrastructureRef.name'), changed[0]);
  // The bootstrap config did not change, so neither did its name.
  assert.equal(
    get(find(before, 'MachineDeployment', 't1-big'), 'spec.template.spec.bootstrap.configRef.name'),
    get(md, 'spec.template.spec.bootstrap.configRef.name'),
  );
});

test('an autoscaled pool leaves replicas to the autoscaler and carries min/max and capacity annotations', () => {
  const objs = objects(twoPools);
  const big = find(objs, 'MachineDeployment', 't1-big');
  assert.equal(get(big, 'spec.replicas'), undefined);
  assert.deepEqual(big.metadata.annotations, {
    'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '1',
    'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '5',
    'capacity.cluster-autoscaler.kubernetes.io/cpu': '16',
    'capacity.cluster-autoscaler.kubernetes.io/memory': '64G',
  });
  const small = find(objs, 'MachineDeployment', 't1-small');
  assert.equal(get(small, 'spec.replicas'), 2);
  assert.equal(small.metadata.annotations, undefined);
});

test('pool labels and taints reach the kubelet through the kubeadm join configuration', () => {
  const objs = objects(twoPools);
  const md = find(objs, 'MachineDeployment', 't1-big');
  const kct = find(
    objs,
    'KubeadmConfigTemplate',
    String(get(md, 'spec.template.spec.bootstrap.configRef.name')),
  );
  const reg = get(kct, 'spec.template.spec.joinConfiguration.nodeRegistration') as Record<string, unknown>;
  // 16 cores, 64 GiB: the reservations the capacity check assumes (worked out in platform/capacity.test.ts).
  assert.deepEqual(reg['kubeletExtraArgs'], [
    { name: 'cloud-provider', value: 'external' },
    { name: 'eviction-hard', value: 'memory.available<100Mi,nodefs.available<10%' },
    { name: 'kube-reserved', value: 'cpu=110m,memory=5612Mi' },
    { name: 'node-labels', value: 'aglais.dev/pool=big' },
    { name: 'system-reserved', value: 'cpu=100m,memory=100Mi' },
  ]);
  assert.deepEqual(reg['taints'], [{ key: 'example.org/spark', value: 'true', effect: 'NoSchedule' }]);
});

test('Cluster carries the platform label that the HelmChartProxies select on', () => {
  const objs = objects(twoPools);
  const cluster = find(objs, 'Cluster', 't1');
  const proxies = objs.filter((o) => o.kind === 'HelmChartProxy');
  assert.ok(proxies.length >= 4);
  for (const hcp of proxies) {
    const want = get(hcp, 'spec.clusterSelector.matchLabels') as Record<string, string>;
    for (const [k, v] of Object.entries(want))
      assert.equal(cluster.metadata.labels?.[k], v, `${hcp.metadata.name} selects ${k}=${v}`);
  }
});
