/* eslint-disable @typescript-eslint/no-explicit-any -- tests edit deep copies of fixtures */
/**
 * Hand-written valid objects, one or more per shared CRD group, each written by
 * reading its CRD (../shared/crds); every one must validate without findings.
 * A few deliberate mistakes in the same objects check that real schemas bite.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubernetesObject } from '../render/types.js';
import {
  crdValidatorFor,
  formatFinding,
  validateObjects,
  validateReport,
  type CrdValidator,
} from './index.js';
import { validObjects } from './shared-fixtures.js';
import { sharedCrdDir, sharedCrdsMissing } from './test-support.js';

const skip = sharedCrdsMissing();
let shared: CrdValidator | undefined;
function crds(): CrdValidator {
  shared ??= crdValidatorFor([sharedCrdDir()]);
  return shared;
}

const ns = 'aglais';
const meta = (name: string) => ({ name, namespace: ns });

test('every hand-written object for the shared CRDs is valid', { skip }, async () => {
  const inputs = Object.values(validObjects).map((object) => ({ target: 'management', object }));
  const report = await validateReport(inputs, { crds: crds() });
  assert.deepEqual(report.findings.map(formatFinding), []);
  // Every one was checked against a CRD, none fell through to "core" or "no schema".
  assert.equal(report.custom, inputs.length);
  assert.equal(report.core, 0);
});

test('the shared CRD folder is indexed without parsing every file', { skip }, () => {
  const catalog = crds().catalog;
  assert.ok(catalog.size >= 100, `expected the ~100+ shared CRDs, got ${catalog.size}`);
  for (const k of [
    'Cluster.cluster.x-k8s.io',
    'HelmChartProxy.addons.cluster.x-k8s.io',
    'CephCluster.ceph.rook.io',
  ]) {
    assert.ok(catalog.kinds().includes(k), `missing ${k}`);
  }
});

test(
  'a served older version validates against its own schema; an unknown version is an error',
  { skip },
  async () => {
    const v1beta1 = {
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'MachineHealthCheck',
      metadata: meta('gaia-workers'),
      spec: { clusterName: 'gaia', selector: {}, maxUnhealthy: '40%' },
    };
    assert.deepEqual(
      await validateObjects([{ target: 'management', object: v1beta1 }], { crds: crds() }),
      [],
    );
    const wrong = { ...v1beta1, apiVersion: 'cluster.x-k8s.io/v1alpha3' };
    const [f, ...rest] = await validateObjects([{ target: 'management', object: wrong }], { crds: crds() });
    assert.equal(rest.length, 0);
    assert.equal(
      f && formatFinding(f),
      'management/MachineHealthCheck/aglais/gaia-workers: apiVersion: "cluster.x-k8s.io/v1alpha3" is not a version of ' +
        'MachineHealthCheck.cluster.x-k8s.io; expected one of cluster.x-k8s.io/v1beta1, cluster.x-k8s.io/v1beta2',
    );
  },
);

test('a version that is no longer served is an error (AWS v1beta1)', { skip }, async () => {
  const object = {
    ...validObjects['AWSMachineTemplate'],
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
  };
  const findings = await validateObjects([{ target: 'management', object }], { crds: crds() });
  assert.deepEqual(findings.map(formatFinding), [
    'management/AWSMachineTemplate/aglais/gaia-workers-7a8b9c: apiVersion: "infrastructure.cluster.x-k8s.io/v1beta1" ' +
      'is no longer served by AWSMachineTemplate.infrastructure.cluster.x-k8s.io; expected one of infrastructure.cluster.x-k8s.io/v1beta2',
  ]);
});

/** A deep copy of a valid object with `change` applied to it. */
function variant(kind: string, change: (o: Record<string, any>) => void): KubernetesObject {
  const o = structuredClone(validObjects[kind]) as Record<string, any>;
  change(o);
  return o as KubernetesObject;
}

async function findingsOf(object: KubernetesObject): Promise<string[]> {
  return (await validateObjects([{ target: 'management', object }], { crds: crds() })).map(formatFinding);
}

test('real CRDs: unknown field in a Cluster v1beta2 (the v1beta1 field name)', { skip }, async () => {
  const object = variant('Cluster', (o) => {
    o.spec.controlPlaneRef = {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmControlPlane',
      name: 'x',
    };
  });
  assert.deepEqual(await findingsOf(object), [
    'management/Cluster/aglais/gaia: spec.controlPlaneRef.apiGroup: missing (required)',
    'management/Cluster/aglais/gaia: spec.controlPlaneRef.apiVersion: unknown field "apiVersion" (known fields: apiGroup, kind, name); the API server would drop it',
  ]);
});

test('real CRDs: list-map keys (name, value) of KubeadmControlPlane extraArgs', { skip }, async () => {
  const object = variant('KubeadmControlPlane', (o) => {
    o.spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs = [
      { name: 'cloud-provider', value: 'external' },
      { name: 'v', value: '2' },
      { name: 'cloud-provider', value: 'external' },
    ];
  });
  assert.deepEqual(await findingsOf(object), [
    'management/KubeadmControlPlane/aglais/gaia-control-plane: spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs[2]: ' +
      'duplicate entry: name="cloud-provider", value="external" is already at [0] (list-map keys: name, value)',
  ]);
});

test('real CRDs: int-or-string maxSurge of KubeadmControlPlane', { skip }, async () => {
  for (const ok of [1, '25%']) {
    const object = variant('KubeadmControlPlane', (o) => {
      o.spec.rollout.strategy.rollingUpdate.maxSurge = ok;
    });
    assert.deepEqual(await findingsOf(object), [], `maxSurge ${JSON.stringify(ok)}`);
  }
  const bad = variant('KubeadmControlPlane', (o) => {
    o.spec.rollout.strategy.rollingUpdate.maxSurge = 1.5;
  });
  assert.deepEqual(await findingsOf(bad), [
    'management/KubeadmControlPlane/aglais/gaia-control-plane: spec.rollout.strategy.rollingUpdate.maxSurge: expected integer or string, got number 1.5',
  ]);
});

test('real CRDs: defaults of HelmChartProxy and OpenStackCluster are applied', { skip }, async () => {
  const hcp = await crds().validate(validObjects['HelmChartProxy'] as KubernetesObject);
  assert.ok(hcp);
  assert.deepEqual(hcp.issues, []);
  const options = (hcp.defaulted.spec as { options: Record<string, unknown> }).options;
  // From the CRD: enableClientCache default false, install.createNamespace default true (we set false).
  assert.equal(options['enableClientCache'], false);
  assert.deepEqual(options['install'], { createNamespace: false });
  const osc = await crds().validate(validObjects['OpenStackCluster'] as KubernetesObject);
  assert.ok(osc);
  // identityRef.type is required, with default "Secret": defaulting makes the object valid.
  assert.deepEqual(osc.issues, []);
  assert.equal((osc.defaulted.spec as { identityRef: { type: string } }).identityRef.type, 'Secret');
});

test(
  'real CRDs: nullable (BareMetalHost raid volumes) and enum (SparkApplication mode)',
  { skip },
  async () => {
    const bmh = variant('BareMetalHost', (o) => {
      o.spec.raid = { hardwareRAIDVolumes: null };
    });
    assert.deepEqual(await findingsOf(bmh), []);
    const spark = variant('SparkApplication', (o) => {
      o.spec.mode = 'local';
    });
    assert.deepEqual(await findingsOf(spark), [
      'management/SparkApplication/aglais/gaia-pi: spec.mode: expected one of "cluster", "client", got "local"',
    ]);
  },
);
