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
import { premiumCapable } from './index.js';
import { subnetCIDRs } from './infra.js';

const file = 'examples/azure.yaml';
const capz = 'infrastructure.cluster.x-k8s.io/v1beta1';

test('azure example: CAPZ v1beta1 cluster and service-principal identity, referenced by the CAPI objects', () => {
  const objs = renderExample(loadExample(file));
  const cluster = one(objs, 'Cluster');
  const infra = resolve(objs, at(cluster, 'spec', 'infrastructureRef'));
  assert.equal(infra.kind, 'AzureCluster');
  assert.equal(infra.apiVersion, capz);
  assert.equal(at(infra, 'spec', 'location'), 'uksouth');
  assert.equal(at(infra, 'spec', 'resourceGroup'), 'gaia-dmp');
  assert.equal(at(infra, 'spec', 'subscriptionID'), '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8');
  assert.deepEqual(at(infra, 'spec', 'networkSpec', 'vnet', 'cidrBlocks'), ['10.30.0.0/16']);
  assert.deepEqual(
    (at(infra, 'spec', 'networkSpec', 'subnets') as { role: string; cidrBlocks: string[] }[]).map((s) => [
      s.role,
      s.cidrBlocks[0],
    ]),
    [
      ['control-plane', '10.30.0.0/24'],
      ['node', '10.30.128.0/17'],
    ],
  );
  const idRef = at(infra, 'spec', 'identityRef') as { kind: string; name: string; namespace: string };
  const identity = one(objs, idRef.kind, idRef.name);
  assert.equal(identity.apiVersion, capz);
  assert.equal(identity.metadata.namespace, idRef.namespace);
  assert.equal(at(identity, 'spec', 'type'), 'ServicePrincipal');
  assert.equal(at(identity, 'spec', 'clientID'), '2d3e4f50-6172-4c83-9d94-b5c6d7e8f9a0');
  assert.deepEqual(at(identity, 'spec', 'clientSecret'), {
    name: 'gaia-dmp-azure-sp',
    namespace: 'gaia-dmp',
  });
  const kcp = resolve(objs, at(cluster, 'spec', 'controlPlaneRef'));
  const cpTemplate = resolve(objs, at(kcp, 'spec', 'machineTemplate', 'spec', 'infrastructureRef'));
  const cp = templateSpec(cpTemplate);
  assert.equal(cp['vmSize'], 'Standard_D4s_v5');
  assert.deepEqual(cp['osDisk'], {
    osType: 'Linux',
    diskSizeGB: 128,
    managedDisk: { storageAccountType: 'Premium_LRS' },
  });
  assert.equal(
    Buffer.from(String(cp['sshPublicKey']), 'base64').toString('utf8'),
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEfBiPlYWrtGbs0vA3zHVrESf2ZkbCm9wNHcsHzTQQ7j platform-admins@example.org',
  );
  // azure.json comes from the Secret CAPZ makes for the control-plane template: <template name>-azure-json.
  const files = at(kcp, 'spec', 'kubeadmConfigSpec', 'files') as Record<string, unknown>[];
  assert.deepEqual(at(files, 0, 'contentFrom', 'secret'), {
    name: `${cpTemplate.metadata.name}-azure-json`,
    key: 'control-plane-azure.json',
  });
  assert.equal(at(files, 0, 'path'), '/etc/kubernetes/azure.json');
  const workers = ofKind(objs, 'MachineDeployment').map((md) =>
    templateSpec(resolve(objs, at(md, 'spec', 'template', 'spec', 'infrastructureRef'))),
  );
  assert.deepEqual(
    workers.map((w) => [w['vmSize'], at(w, 'osDisk', 'diskSizeGB')]),
    [
      ['Standard_D8s_v5', 128],
      ['Standard_E16s_v5', 256],
    ],
  );
});

test('azure example: the client secret lives beside the identity; no workload copy', () => {
  const objs = renderExample(loadExample(file), { 'gaia-dmp-azure-sp': { clientSecret: 'sp-secret' } });
  const secrets = ofKind(objs, 'Secret').filter((s) => s.metadata.name === 'gaia-dmp-azure-sp');
  assert.equal(secrets.length, 1);
  assert.equal(secrets[0]?.metadata.namespace, 'gaia-dmp');
  assert.deepEqual(secrets[0]?.['stringData'], { clientSecret: 'sp-secret' });
});

test('azure example: CCM and CSI charts; disk and file classes', () => {
  const objs = renderExample(loadExample(file));
  const ccm = addon(objs, 'gaia-dmp', 'azure-ccm');
  assert.equal(ccm.stage, 'addons-ready');
  assert.equal(at(ccm.values, 'infra', 'clusterName'), '{{ .Cluster.metadata.name }}');
  assert.equal(at(ccm.values, 'cloudControllerManager', 'configureCloudRoutes'), 'false');
  assert.equal(at(ccm.values, 'cloudControllerManager', 'clusterCIDR'), '172.16.0.0/13');
  for (const name of ['azuredisk-csi', 'azurefile-csi']) {
    const a = addon(objs, 'gaia-dmp', name);
    assert.equal(a.stage, 'addons');
    assert.equal(at(a.values, 'controller', 'runOnControlPlane'), true);
  }
  const disk = one(objs, 'StorageClass', 'azure-disk-premium');
  assert.equal(disk['provisioner'], 'disk.csi.azure.com');
  assert.equal(at(disk, 'parameters', 'skuName'), 'Premium_LRS');
  assert.equal(disk['volumeBindingMode'], 'WaitForFirstConsumer');
  assert.equal(disk['allowVolumeExpansion'], true);
  assert.equal(disk.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'], 'true');
  assert.equal(one(objs, 'StorageClass', 'azure-files')['provisioner'], 'file.csi.azure.com');
  const nginx = addon(objs, 'gaia-dmp', 'ingress-nginx');
  assert.equal(
    at(
      nginx.values,
      'controller',
      'service',
      'annotations',
      'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path',
    ),
    '/healthz',
  );
});

test('azure: an existing VNet with its own subnets', () => {
  const objs = renderExample(
    loadExample(file, (doc) => {
      (at(doc, 'spec', 'cloud') as Record<string, unknown>)['vnet'] = {
        existing: { name: 'gaia-vnet', resourceGroup: 'network-rg', nodeSubnet: 'workers' },
      };
    }),
  );
  const net = at(one(objs, 'AzureCluster'), 'spec', 'networkSpec');
  assert.deepEqual(at(net, 'vnet'), { name: 'gaia-vnet', resourceGroup: 'network-rg' });
  assert.deepEqual(at(net, 'subnets'), [
    { name: 'control-plane-subnet', role: 'control-plane' },
    { name: 'workers', role: 'node' },
  ]);
});

test('azure: template names follow the machine spec; azure.json follows the control-plane template', () => {
  const base = renderExample(loadExample(file));
  const names = templateNames(base);
  const changed = renderExample(
    loadExample(file, (doc) => {
      (at(doc, 'spec', 'controlPlane') as Record<string, unknown>)['size'] = 'Standard_D8s_v5';
    }),
  );
  const after = templateNames(changed);
  assert.notEqual(after['control-plane'], names['control-plane']);
  const kcp = one(changed, 'KubeadmControlPlane');
  assert.equal(
    at(kcp, 'spec', 'kubeadmConfigSpec', 'files', 0, 'contentFrom', 'secret', 'name'),
    `${after['control-plane']}-azure-json`,
  );
});

test('azure: subnets of a created VNet, premium-capable sizes', () => {
  assert.deepEqual(subnetCIDRs('10.0.0.0/16'), { controlPlane: '10.0.0.0/24', nodes: '10.0.128.0/17' });
  assert.deepEqual(subnetCIDRs('192.168.0.0/20'), {
    controlPlane: '192.168.0.0/28',
    nodes: '192.168.8.0/21',
  });
  assert.equal(premiumCapable('Standard_D4s_v5'), true);
  assert.equal(premiumCapable('Standard_E8-4ds_v5'), true);
  assert.equal(premiumCapable('Standard_B2ms'), true);
  assert.equal(premiumCapable('Standard_D4_v5'), false);
  assert.equal(premiumCapable('Standard_A2_v2'), false);
});

test('azure checks: location, premium storage, disk types', () => {
  assert.match(
    specErrors(file, (doc) => {
      (at(doc, 'spec', 'cloud') as Record<string, unknown>)['location'] = 'UK South';
    }),
    /spec\.cloud\.location: Azure location "UK South" is not a region name/,
  );
  assert.match(
    specErrors(file, (doc) => {
      (at(doc, 'spec', 'nodePools', 1) as Record<string, unknown>)['size'] = 'Standard_D16_v5';
    }),
    /spec\.nodePools\[1\]\.size: Azure VM size Standard_D16_v5 \(pool "workers"\) cannot attach Premium SSD disks/,
  );
  assert.match(
    specErrors(file, (doc) => {
      (at(doc, 'spec', 'controlPlane') as Record<string, unknown>)['rootVolume'] = {
        sizeGiB: 64,
        type: 'gp3',
      };
    }),
    /spec\.controlPlane\.rootVolume\.type: Azure disk type "gp3" is not one of/,
  );
  assert.equal(
    specErrors(file, () => undefined),
    '',
  );
});
