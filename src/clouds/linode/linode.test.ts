import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addon,
  at,
  loadExample,
  ofKind,
  one,
  renderExample,
  resolve,
  specErrors,
  templateNames,
  templateSpec,
} from '../example-support.js';

const file = 'examples/linode.yaml';
const capl = 'infrastructure.cluster.x-k8s.io/v1alpha2';

test('linode example: CAPL v1alpha2 cluster, VPC and machine templates, referenced by the CAPI objects', () => {
  const objs = renderExample(loadExample(file));
  const cluster = one(objs, 'Cluster');
  const infra = resolve(objs, at(cluster, 'spec', 'infrastructureRef'));
  assert.equal(infra.kind, 'LinodeCluster');
  assert.equal(infra.apiVersion, capl);
  assert.equal(at(infra, 'spec', 'region'), 'gb-lon');
  assert.deepEqual(at(infra, 'spec', 'credentialsRef'), { name: 'gaia-dmp-linode-token' });
  // The LinodeCluster's vpcRef is an ObjectReference (apiVersion, kind, name) in the same namespace.
  const vpcRef = at(infra, 'spec', 'vpcRef') as { apiVersion: string; kind: string; name: string };
  const vpc = one(objs, 'LinodeVPC', vpcRef.name);
  assert.equal(vpc.apiVersion, vpcRef.apiVersion);
  assert.equal(vpc.metadata.namespace, infra.metadata.namespace);
  assert.deepEqual(at(vpc, 'spec', 'subnets'), [{ label: 'default', ipv4: '10.0.0.0/16' }]);
  assert.equal(at(infra, 'spec', 'network', 'subnetName'), 'default');
  const kcp = resolve(objs, at(cluster, 'spec', 'controlPlaneRef'));
  const cp = resolve(objs, at(kcp, 'spec', 'machineTemplate', 'spec', 'infrastructureRef'));
  assert.equal(cp.apiVersion, capl);
  assert.equal(templateSpec(cp)['type'], 'g6-standard-4');
  assert.equal(templateSpec(cp)['region'], 'gb-lon');
  assert.equal(templateSpec(cp)['image'], 'linode/ubuntu22.04');
  assert.equal((templateSpec(cp)['authorizedKeys'] as string[]).length, 1);
  const types = ofKind(objs, 'MachineDeployment').map(
    (md) => templateSpec(resolve(objs, at(md, 'spec', 'template', 'spec', 'infrastructureRef')))['type'],
  );
  assert.deepEqual(types, ['g6-dedicated-8', 'g6-dedicated-16']);
  const spec = at(kcp, 'spec', 'kubeadmConfigSpec') as Record<string, unknown>;
  assert.equal(at(spec, 'initConfiguration', 'nodeRegistration', 'name'), '{{ ds.meta_data.label }}');
  const pre = spec['preKubeadmCommands'] as string[];
  assert.match(
    pre[0] ?? '',
    /dd76b1f979696ef22ce093d420cdbd0051a1d725\/scripts\/pre-kubeadminit\.sh \| bash -s v1\.34\.2$/,
  );
});

test('linode example: one token for CAPL, copied with the region for the CCM and CSI', () => {
  const secrets = {
    'gaia-dmp-linode-token': { apiToken: 'tok' },
    'linode-token-region': { apiToken: 'tok' },
  };
  const objs = renderExample(loadExample(file), secrets);
  const copy = ofKind(objs, 'Secret').find((s) => s.metadata.name === 'linode-token-region');
  assert.equal(copy?.metadata.namespace, 'kube-system');
  assert.deepEqual(copy?.['stringData'], { apiToken: 'tok', region: 'gb-lon' });
  const mgmt = ofKind(objs, 'Secret').find((s) => s.metadata.name === 'gaia-dmp-linode-token');
  assert.equal(mgmt?.metadata.namespace, 'gaia-dmp');
  const ref = { name: 'linode-token-region', apiTokenRef: 'apiToken', regionRef: 'region' };
  const ccm = addon(objs, 'gaia-dmp', 'linode-ccm');
  assert.equal(ccm.stage, 'addons-ready');
  assert.equal(ccm.spec['chartName'], 'ccm-linode');
  assert.deepEqual(ccm.values['secretRef'], ref);
  assert.equal(ccm.values['vpcNames'], 'gaia-dmp');
  const csi = addon(objs, 'gaia-dmp', 'linode-csi');
  assert.equal(csi.stage, 'addons');
  assert.deepEqual(csi.values['secretRef'], ref);
  assert.equal(csi.values['defaultStorageClass'], 'none');
});

test('linode example: block class on Linode Block Storage, RWX on Rook CephFS with the data set filesystem', () => {
  const objs = renderExample(loadExample(file));
  const block = one(objs, 'StorageClass', 'linode-block-storage-wffc');
  assert.equal(block['provisioner'], 'linodebs.csi.linode.com');
  assert.equal(block['volumeBindingMode'], 'WaitForFirstConsumer');
  assert.equal(block['allowVolumeExpansion'], true);
  assert.equal(block.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'], 'true');
  assert.equal(one(objs, 'StorageClass', 'rook-cephfs')['provisioner'], 'rook-ceph.cephfs.csi.ceph.com');
  const rook = addon(objs, 'gaia-dmp', 'rook-ceph-cluster');
  assert.deepEqual(
    (rook.values['cephFileSystems'] as { name: string }[]).map((f) => f.name),
    ['gaia', 'shared'],
  );
  const set = at(rook.values, 'cephClusterSpec', 'storage', 'storageClassDeviceSets', 0);
  assert.equal(at(set, 'volumeClaimTemplates', 0, 'spec', 'storageClassName'), 'linode-block-storage-wffc');
  assert.equal(at(set, 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests', 'storage'), '1Ti');
});

test('linode: an existing VPC is used by id, with no LinodeVPC object', () => {
  const objs = renderExample(
    loadExample(file, (doc) => {
      (at(doc, 'spec', 'cloud') as Record<string, unknown>)['vpc'] = { existingID: 4242 };
    }),
  );
  const infra = one(objs, 'LinodeCluster');
  assert.equal(at(infra, 'spec', 'vpcID'), 4242);
  assert.equal(at(infra, 'spec', 'vpcRef'), undefined);
  assert.equal(ofKind(objs, 'LinodeVPC').length, 0);
  assert.equal(addon(objs, 'gaia-dmp', 'linode-ccm').values['vpcNames'], undefined);
});

test('linode: template names follow the machine spec; capacity from the plan table', () => {
  const objs = renderExample(loadExample(file));
  const base = templateNames(objs);
  const md = one(objs, 'MachineDeployment', 'gaia-dmp-workers');
  assert.equal(md.metadata.annotations?.['capacity.cluster-autoscaler.kubernetes.io/cpu'], '16');
  assert.equal(md.metadata.annotations?.['capacity.cluster-autoscaler.kubernetes.io/memory'], '32G');
  const changed = templateNames(
    renderExample(
      loadExample(file, (doc) => {
        (at(doc, 'spec', 'controlPlane') as Record<string, unknown>)['size'] = 'g6-standard-6';
      }),
    ),
  );
  assert.notEqual(changed['control-plane'], base['control-plane']);
  assert.equal(changed['workers'], base['workers']);
  assert.equal(changed['platform'], base['platform']);
});

test('linode checks: region id and root volumes', () => {
  const region = specErrors(file, (doc) => {
    (at(doc, 'spec', 'cloud') as Record<string, unknown>)['region'] = 'london';
  });
  assert.match(region, /spec\.cloud\.region: Linode region "london" is not a region id/);
  const root = specErrors(file, (doc) => {
    (at(doc, 'spec', 'controlPlane') as Record<string, unknown>)['rootVolume'] = { sizeGiB: 80 };
  });
  assert.match(root, /spec\.controlPlane\.rootVolume: Linode sizes the disk by the plan/);
  assert.equal(
    specErrors(file, () => undefined),
    '',
  );
});
