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

const file = 'examples/aws.yaml';
const capa = 'infrastructure.cluster.x-k8s.io/v1beta2';

test('aws example: CAPA v1beta2 cluster with a static identity, referenced by the CAPI objects', () => {
  const objs = renderExample(loadExample(file));
  const cluster = one(objs, 'Cluster');
  const infra = resolve(objs, at(cluster, 'spec', 'infrastructureRef'));
  assert.equal(infra.kind, 'AWSCluster');
  assert.equal(infra.apiVersion, capa);
  assert.equal(at(infra, 'spec', 'region'), 'eu-west-2');
  assert.equal(at(infra, 'spec', 'network', 'vpc', 'cidrBlock'), '10.20.0.0/16');
  assert.equal(at(infra, 'spec', 'controlPlaneLoadBalancer', 'loadBalancerType'), 'nlb');
  // Calico VXLAN between nodes, which CAPA's default (IP-in-IP) rules would block.
  assert.deepEqual(at(infra, 'spec', 'network', 'cni', 'cniIngressRules', 0), {
    description: 'calico vxlan',
    protocol: 'udp',
    fromPort: 4789,
    toPort: 4789,
  });
  const idRef = at(infra, 'spec', 'identityRef') as { kind: string; name: string };
  const identity = one(objs, idRef.kind, idRef.name);
  assert.equal(identity.apiVersion, capa);
  assert.equal(identity.metadata.namespace, undefined, 'AWSClusterStaticIdentity is cluster-scoped');
  assert.equal(at(identity, 'spec', 'secretRef'), 'gaia-dmp-aws-credentials');
  assert.deepEqual(at(identity, 'spec', 'allowedNamespaces', 'list'), ['gaia-dmp']);
  const kcp = resolve(objs, at(cluster, 'spec', 'controlPlaneRef'));
  const cp = templateSpec(resolve(objs, at(kcp, 'spec', 'machineTemplate', 'spec', 'infrastructureRef')));
  assert.equal(cp['instanceType'], 'm6i.xlarge');
  assert.equal(cp['iamInstanceProfile'], 'control-plane.cluster-api-provider-aws.sigs.k8s.io');
  assert.deepEqual(cp['rootVolume'], { size: 50, type: 'gp3', encrypted: true });
  assert.equal(cp['sshKeyName'], 'gaia-dmp-admin');
  const workers = ofKind(objs, 'MachineDeployment').map((md) =>
    templateSpec(resolve(objs, at(md, 'spec', 'template', 'spec', 'infrastructureRef'))),
  );
  assert.deepEqual(
    workers.map((w) => [w['instanceType'], w['iamInstanceProfile'], at(w, 'rootVolume', 'size')]),
    [
      ['m6i.2xlarge', 'nodes.cluster-api-provider-aws.sigs.k8s.io', 100],
      ['r6i.4xlarge', 'nodes.cluster-api-provider-aws.sigs.k8s.io', 200],
    ],
  );
  const reg = at(kcp, 'spec', 'kubeadmConfigSpec', 'initConfiguration', 'nodeRegistration');
  assert.equal(at(reg, 'name'), '{{ ds.meta_data.local_hostname }}');
});

test('aws example: the access key for CAPA, and its copy for the CSI controllers', () => {
  const key = { AccessKeyID: 'AKIAEXAMPLE', SecretAccessKey: 's3cr3t' };
  const objs = renderExample(loadExample(file), { 'gaia-dmp-aws-credentials': key, 'aws-secret': key });
  const copy = ofKind(objs, 'Secret').find((s) => s.metadata.name === 'aws-secret');
  assert.equal(copy?.metadata.namespace, 'kube-system');
  assert.deepEqual(copy?.['stringData'], key);
  const ebs = addon(objs, 'gaia-dmp', 'aws-ebs-csi');
  assert.equal(ebs.stage, 'addons');
  assert.deepEqual(ebs.values['awsAccessSecret'], {
    name: 'aws-secret',
    keyId: 'AccessKeyID',
    accessKey: 'SecretAccessKey',
  });
  const efs = addon(objs, 'gaia-dmp', 'aws-efs-csi');
  const env = at(efs.values, 'controller', 'env') as { name: string; valueFrom?: unknown }[];
  assert.deepEqual(
    env.map((e) => [e.name, at(e, 'valueFrom', 'secretKeyRef', 'key') ?? null]),
    [
      ['AWS_ACCESS_KEY_ID', 'AccessKeyID'],
      ['AWS_SECRET_ACCESS_KEY', 'SecretAccessKey'],
      ['AWS_REGION', null],
    ],
  );
  const ccm = addon(objs, 'gaia-dmp', 'aws-ccm');
  assert.equal(ccm.stage, 'addons-ready');
  // The CCM matches the cluster's Kubernetes minor (v1.34).
  assert.equal(at(ccm.values, 'image', 'tag'), 'v1.34.3');
});

test('aws example: EBS gp3 default class, EFS access-point class', () => {
  const objs = renderExample(loadExample(file));
  const ebs = one(objs, 'StorageClass', 'ebs-gp3');
  assert.equal(ebs['provisioner'], 'ebs.csi.aws.com');
  assert.equal(ebs['volumeBindingMode'], 'WaitForFirstConsumer');
  assert.equal(ebs['allowVolumeExpansion'], true);
  assert.equal(at(ebs, 'parameters', 'type'), 'gp3');
  assert.equal(ebs.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'], 'true');
  const efs = one(objs, 'StorageClass', 'efs-shared');
  assert.equal(efs['provisioner'], 'efs.csi.aws.com');
  assert.equal(at(efs, 'parameters', 'provisioningMode'), 'efs-ap');
  assert.equal(at(efs, 'parameters', 'fileSystemId'), 'fs-0a1b2c3d4e5f60718');
  const nginx = addon(objs, 'gaia-dmp', 'ingress-nginx');
  assert.equal(
    at(
      nginx.values,
      'controller',
      'service',
      'annotations',
      'service.beta.kubernetes.io/aws-load-balancer-type',
    ),
    'nlb',
  );
});

test('aws: an existing VPC and subnets; no EFS means no RWX class', () => {
  const objs = renderExample(
    loadExample(file, (doc) => {
      const cloud = at(doc, 'spec', 'cloud') as Record<string, unknown>;
      cloud['network'] = { existing: { vpcID: 'vpc-0abc', subnetIDs: ['subnet-01', 'subnet-02'] } };
      delete cloud['efsFileSystemID'];
      const spark = at(doc, 'spec', 'platform', 'spark') as Record<string, unknown>;
      spark['historyServer'] = {
        eventLogs: { type: 's3', bucket: 'gaia-dmp-logs', credentialsSecret: 'gaia-dmp-s3-keys' },
      };
      (at(doc, 'spec', 'datasets') as unknown[]).pop();
    }),
  );
  const infra = one(objs, 'AWSCluster');
  assert.equal(at(infra, 'spec', 'network', 'vpc', 'id'), 'vpc-0abc');
  assert.deepEqual(at(infra, 'spec', 'network', 'subnets'), [{ id: 'subnet-01' }, { id: 'subnet-02' }]);
  assert.equal(ofKind(objs, 'StorageClass').filter((s) => s['provisioner'] === 'efs.csi.aws.com').length, 0);
  assert.throws(() => addon(objs, 'gaia-dmp', 'aws-efs-csi'));
});

test('aws: template names follow the machine spec, root volume included', () => {
  const base = templateNames(renderExample(loadExample(file)));
  const changed = templateNames(
    renderExample(
      loadExample(file, (doc) => {
        (at(doc, 'spec', 'nodePools', 0) as Record<string, unknown>)['rootVolume'] = { sizeGiB: 150 };
      }),
    ),
  );
  assert.notEqual(changed['platform'], base['platform']);
  assert.equal(changed['workers'], base['workers']);
  assert.equal(changed['control-plane'], base['control-plane']);
});

test('aws checks: region code, EBS volume type, event logs without EFS', () => {
  assert.match(
    specErrors(file, (doc) => {
      (at(doc, 'spec', 'cloud') as Record<string, unknown>)['region'] = 'London';
    }),
    /spec\.cloud\.region: AWS region "London" is not a region code/,
  );
  assert.match(
    specErrors(file, (doc) => {
      (at(doc, 'spec', 'nodePools', 1) as Record<string, unknown>)['rootVolume'] = {
        sizeGiB: 100,
        type: 'ssd',
      };
    }),
    /spec\.nodePools\[1\]\.rootVolume\.type: EBS volume type "ssd" is not one of gp2, gp3/,
  );
  assert.match(
    specErrors(file, (doc) => {
      delete (at(doc, 'spec', 'cloud') as Record<string, unknown>)['efsFileSystemID'];
    }),
    /spec\.platform\.spark\.historyServer\.eventLogs: event logs on a PVC need shared \(RWX\) storage, which on AWS is EFS/,
  );
  assert.equal(
    specErrors(file, () => undefined),
    '',
  );
});
