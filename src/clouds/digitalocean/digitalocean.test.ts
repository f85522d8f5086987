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

const file = 'examples/digitalocean.yaml';

test('digitalocean example: CAPDO v1beta1 infra objects, referenced by the CAPI objects', () => {
  const objs = renderExample(loadExample(file));
  const cluster = one(objs, 'Cluster');
  const infra = resolve(objs, at(cluster, 'spec', 'infrastructureRef'));
  assert.equal(infra.kind, 'DOCluster');
  assert.equal(infra.apiVersion, 'infrastructure.cluster.x-k8s.io/v1beta1');
  assert.equal(at(infra, 'spec', 'region'), 'lon1');
  const kcp = resolve(objs, at(cluster, 'spec', 'controlPlaneRef'));
  const cp = resolve(objs, at(kcp, 'spec', 'machineTemplate', 'spec', 'infrastructureRef'));
  assert.equal(cp.apiVersion, 'infrastructure.cluster.x-k8s.io/v1beta1');
  assert.equal(templateSpec(cp)['size'], 's-4vcpu-8gb');
  assert.deepEqual(templateSpec(cp)['sshKeys'], ['3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa']);
  assert.equal(templateSpec(cp)['image'], 'ubuntu-2404-kube-v1.34.2');
  const sizes = ofKind(objs, 'MachineDeployment').map((md) => {
    const t = resolve(objs, at(md, 'spec', 'template', 'spec', 'infrastructureRef'));
    assert.equal(t.kind, 'DOMachineTemplate');
    resolve(objs, at(md, 'spec', 'template', 'spec', 'bootstrap', 'configRef'));
    return templateSpec(t)['size'];
  });
  assert.deepEqual(sizes, ['g-4vcpu-16gb', 'm-16vcpu-128gb']);
  const reg = at(kcp, 'spec', 'kubeadmConfigSpec', 'joinConfiguration', 'nodeRegistration') as Record<
    string,
    unknown
  >;
  assert.deepEqual(reg['kubeletExtraArgs'], [{ name: 'cloud-provider', value: 'external' }]);
  assert.equal(reg['name'], '{{ ds.meta_data["local_hostname"] }}');
});

test('digitalocean example: scale-from-zero capacity comes from the Droplet size table', () => {
  const objs = renderExample(loadExample(file));
  const md = one(objs, 'MachineDeployment', 'gaia-dmp-workers');
  assert.equal(md.metadata.annotations?.['capacity.cluster-autoscaler.kubernetes.io/cpu'], '16');
  assert.equal(md.metadata.annotations?.['capacity.cluster-autoscaler.kubernetes.io/memory'], '128G');
  assert.equal(
    md.metadata.annotations?.['capacity.cluster-autoscaler.kubernetes.io/ephemeral-disk'],
    '400Gi',
  );
});

test('digitalocean example: the token goes to kube-system/digitalocean, key access-token', () => {
  const secrets = { 'gaia-dmp-do-token': { 'access-token': 't0k' }, digitalocean: { 'access-token': 't0k' } };
  const objs = renderExample(loadExample(file), secrets);
  const s = ofKind(objs, 'Secret').find((o) => o.metadata.name === 'digitalocean');
  assert.ok(s, 'workload Secret digitalocean rendered');
  assert.equal(s.metadata.namespace, 'kube-system');
  assert.deepEqual(s['stringData'], { 'access-token': 't0k' });
  const rendered = objs.find((o) => o.object === s);
  assert.equal(rendered?.target, 'workload');
});

test('digitalocean example: CCM and CSI are applied from pinned upstream releases', () => {
  const objs = renderExample(loadExample(file));
  const ccm = addon(objs, 'gaia-dmp', 'digitalocean-ccm');
  assert.equal(ccm.stage, 'addons-ready');
  assert.equal(ccm.spec['chartName'], 'raw');
  const job = (ccm.values['resources'] as Record<string, unknown>[]).find((r) => r['kind'] === 'Job');
  const args = at(job, 'spec', 'template', 'spec', 'containers', 0, 'args') as string[];
  assert.ok(
    args.includes(
      'https://raw.githubusercontent.com/digitalocean/digitalocean-cloud-controller-manager/v0.1.68/releases/digitalocean-cloud-controller-manager/v0.1.68.yml',
    ),
    args.join(' '),
  );
  assert.deepEqual(at(job, 'spec', 'template', 'spec', 'tolerations'), [{ operator: 'Exists' }]);
  const csi = addon(objs, 'gaia-dmp', 'digitalocean-csi');
  assert.equal(csi.stage, 'addons');
  const cjob = (csi.values['resources'] as Record<string, unknown>[]).find((r) => r['kind'] === 'Job');
  const init = at(cjob, 'spec', 'template', 'spec', 'initContainers') as { args: string[] }[];
  assert.equal(init.length, 3);
  assert.ok(init[0]?.args.some((a) => a.endsWith('/csi-digitalocean-v4.16.0/crds.yaml')));
  assert.equal(init[1]?.args[0], 'wait');
  // The upstream manifest's own default class is made non-default, so that aglais's class is the only default.
  assert.deepEqual(at(cjob, 'spec', 'template', 'spec', 'containers', 0, 'args'), [
    'annotate',
    'storageclass',
    'do-block-storage',
    'storageclass.kubernetes.io/is-default-class=false',
    '--overwrite',
  ]);
  assert.equal(addon(objs, 'gaia-dmp', 'csi-driver-nfs').stage, 'addons');
});

test('digitalocean example: block class on DO Volumes, RWX class on the NFS share', () => {
  const objs = renderExample(loadExample(file));
  const block = one(objs, 'StorageClass', 'do-block-storage-wffc');
  assert.equal(block['provisioner'], 'dobs.csi.digitalocean.com');
  assert.equal(block['volumeBindingMode'], 'WaitForFirstConsumer');
  assert.equal(block['allowVolumeExpansion'], true);
  assert.equal(block.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'], 'true');
  const nfs = one(objs, 'StorageClass', 'nfs-shared');
  assert.equal(nfs['provisioner'], 'nfs.csi.k8s.io');
  assert.deepEqual(nfs['parameters'], { server: '10.110.0.20', share: '/gaia-dmp-shared' });
});

test('digitalocean: Rook CephFS shared storage installs Rook with a filesystem per data set', () => {
  const p = loadExample(file, (doc) => {
    const cloud = at(doc, 'spec', 'cloud') as Record<string, unknown>;
    cloud['sharedStorage'] = { type: 'rookCephfs', osdSize: '1Ti' };
    const ds = at(doc, 'spec', 'datasets', 1) as Record<string, unknown>;
    ds['source'] = { type: 'cephfs', fsName: 'gaia', path: '/GEDR3' };
  });
  const objs = renderExample(p);
  const cls = one(objs, 'StorageClass', 'rook-cephfs');
  assert.equal(cls['provisioner'], 'rook-ceph.cephfs.csi.ceph.com');
  assert.equal(at(cls, 'parameters', 'fsName'), 'shared');
  assert.equal(at(cls, 'parameters', 'pool'), 'shared-data0');
  const rook = addon(objs, 'gaia-dmp', 'rook-ceph-cluster');
  assert.equal(rook.spec['version'], 'v1.20.6');
  const sets = at(rook.values, 'cephClusterSpec', 'storage', 'storageClassDeviceSets', 0);
  assert.equal(at(sets, 'count'), 3);
  assert.equal(at(sets, 'volumeClaimTemplates', 0, 'spec', 'storageClassName'), 'do-block-storage-wffc');
  assert.equal(at(sets, 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests', 'storage'), '1Ti');
  const fss = (rook.values['cephFileSystems'] as { name: string }[]).map((f) => f.name);
  assert.deepEqual(fss, ['gaia', 'shared']);
  // Shared storage is not on NFS: no NFS provisioner (NFS data sets are plain NFS volumes).
  assert.throws(() => addon(objs, 'gaia-dmp', 'csi-driver-nfs'));
});

test('digitalocean: template names follow the machine spec', () => {
  const base = templateNames(renderExample(loadExample(file)));
  const again = templateNames(renderExample(loadExample(file)));
  assert.deepEqual(again, base);
  const bigger = templateNames(
    renderExample(
      loadExample(file, (doc) => {
        (at(doc, 'spec', 'nodePools', 1) as Record<string, unknown>)['size'] = 'm-32vcpu-256gb';
      }),
    ),
  );
  assert.notEqual(bigger['workers'], base['workers']);
  assert.equal(bigger['platform'], base['platform']);
  assert.equal(bigger['control-plane'], base['control-plane']);
});

test('digitalocean checks: region slug, root volumes, Rook-only data sets', () => {
  const region = specErrors(file, (doc) => {
    (at(doc, 'spec', 'cloud') as Record<string, unknown>)['region'] = 'London';
  });
  assert.match(region, /spec\.cloud\.region/);
  assert.match(region, /DigitalOcean region "London" is not a region slug/);
  const root = specErrors(file, (doc) => {
    (at(doc, 'spec', 'nodePools', 0) as Record<string, unknown>)['rootVolume'] = { sizeGiB: 100 };
  });
  assert.match(root, /spec\.nodePools\[0\]\.rootVolume: /);
  assert.match(root, /sizes the disk by the Droplet size: pool "platform" cannot have a rootVolume/);
  const ceph = specErrors(file, (doc) => {
    (at(doc, 'spec', 'datasets', 1) as Record<string, unknown>)['source'] = { type: 'cephfs', path: '/x' };
  });
  assert.match(ceph, /data set "gaia-edr3" is in Rook CephFS/);
  assert.equal(
    specErrors(file, () => undefined),
    '',
  );
});
