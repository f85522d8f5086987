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
import { sharedCrdDir, sharedCrdsMissing } from './test-support.js';

const skip = sharedCrdsMissing();
let shared: CrdValidator | undefined;
function crds(): CrdValidator {
  shared ??= crdValidatorFor([sharedCrdDir()]);
  return shared;
}

const ns = 'aglais';
const meta = (name: string) => ({ name, namespace: ns });
const ref = (apiGroup: string, kind: string, name: string) => ({ apiGroup, kind, name });

export const validObjects: Record<string, KubernetesObject> = {
  Cluster: {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { ...meta('gaia'), labels: { 'aglais.example.org/platform': 'gaia' } },
    spec: {
      clusterNetwork: { pods: { cidrBlocks: ['172.16.0.0/13'] }, services: { cidrBlocks: ['10.96.0.0/12'] } },
      controlPlaneRef: ref('controlplane.cluster.x-k8s.io', 'KubeadmControlPlane', 'gaia-control-plane'),
      infrastructureRef: ref('infrastructure.cluster.x-k8s.io', 'OpenStackCluster', 'gaia'),
    },
  },
  KubeadmControlPlane: {
    apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
    kind: 'KubeadmControlPlane',
    metadata: meta('gaia-control-plane'),
    spec: {
      replicas: 3,
      version: 'v1.33.4',
      machineTemplate: {
        spec: {
          infrastructureRef: ref(
            'infrastructure.cluster.x-k8s.io',
            'OpenStackMachineTemplate',
            'gaia-cp-5f2c1a',
          ),
        },
      },
      kubeadmConfigSpec: {
        clusterConfiguration: {
          apiServer: { extraArgs: [{ name: 'cloud-provider', value: 'external' }] },
        },
        initConfiguration: {
          nodeRegistration: {
            name: '{{ local_hostname }}',
            kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }],
          },
        },
        joinConfiguration: {
          nodeRegistration: {
            name: '{{ local_hostname }}',
            kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }],
          },
        },
        files: [{ path: '/etc/aglais/ready', content: 'ok', permissions: '0644' }],
      },
      rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
    },
  },
  MachineDeployment: {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineDeployment',
    metadata: {
      ...meta('gaia-workers'),
      annotations: {
        'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '2',
        'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '6',
      },
    },
    spec: {
      clusterName: 'gaia',
      selector: { matchLabels: { 'cluster.x-k8s.io/cluster-name': 'gaia' } },
      template: {
        metadata: { labels: { 'cluster.x-k8s.io/cluster-name': 'gaia' } },
        spec: {
          clusterName: 'gaia',
          version: 'v1.33.4',
          bootstrap: {
            configRef: ref('bootstrap.cluster.x-k8s.io', 'KubeadmConfigTemplate', 'gaia-workers'),
          },
          infrastructureRef: ref(
            'infrastructure.cluster.x-k8s.io',
            'OpenStackMachineTemplate',
            'gaia-workers-9a1b2c',
          ),
        },
      },
    },
  },
  KubeadmConfigTemplate: {
    apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
    kind: 'KubeadmConfigTemplate',
    metadata: meta('gaia-workers'),
    spec: {
      template: {
        spec: {
          joinConfiguration: {
            nodeRegistration: {
              name: '{{ local_hostname }}',
              kubeletExtraArgs: [{ name: 'cloud-provider', value: 'external' }],
              taints: [{ key: 'aglais.example.org/spark', value: 'executor', effect: 'NoSchedule' }],
            },
          },
          preKubeadmCommands: ['mkdir -p /data/gaia'],
        },
      },
    },
  },
  MachineHealthCheck: {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineHealthCheck',
    metadata: meta('gaia-workers'),
    spec: {
      clusterName: 'gaia',
      selector: { matchLabels: { 'cluster.x-k8s.io/deployment-name': 'gaia-workers' } },
    },
  },
  OpenStackCluster: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
    kind: 'OpenStackCluster',
    metadata: meta('gaia'),
    spec: {
      identityRef: { cloudName: 'openstack', name: 'gaia-cloud-config' },
      network: { id: '0b5e6e8f-7c1d-4a52-9f3e-2d9b4a6c8e10' },
      externalNetwork: { id: '57add367-d205-4f1e-9b7d-5a4c3e2b1a09' },
      apiServerLoadBalancer: { enabled: true, provider: 'ovn' },
      managedSecurityGroups: { allowAllInClusterTraffic: true },
    },
  },
  OpenStackMachineTemplate: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
    kind: 'OpenStackMachineTemplate',
    metadata: meta('gaia-workers-9a1b2c'),
    spec: {
      template: {
        spec: {
          flavor: 'gaia.vm.26core',
          image: { filter: { name: 'ubuntu-jammy-kube-v1.33.4' } },
          sshKeyName: 'gaia-admin',
          rootVolume: { sizeGiB: 100, type: 'ceph-ssd' },
          serverMetadata: [{ key: 'platform', value: 'gaia' }],
        },
      },
    },
  },
  DOMachineTemplate: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
    kind: 'DOMachineTemplate',
    metadata: meta('gaia-workers-1f2e3d'),
    spec: { template: { spec: { size: 's-8vcpu-16gb', image: 'ubuntu-22-04-x64', sshKeys: [12345678] } } },
  },
  LinodeCluster: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha2',
    kind: 'LinodeCluster',
    metadata: meta('gaia'),
    spec: { region: 'gb-lon' },
  },
  LinodeMachineTemplate: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1alpha2',
    kind: 'LinodeMachineTemplate',
    metadata: meta('gaia-workers-4d5e6f'),
    spec: { template: { spec: { type: 'g6-dedicated-8', region: 'gb-lon', image: 'linode/ubuntu22.04' } } },
  },
  AWSMachineTemplate: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
    kind: 'AWSMachineTemplate',
    metadata: meta('gaia-workers-7a8b9c'),
    spec: {
      template: {
        spec: {
          instanceType: 'm6i.2xlarge',
          iamInstanceProfile: 'nodes.cluster-api-provider-aws.sigs.k8s.io',
          rootVolume: { size: 100 },
        },
      },
    },
  },
  AzureMachineTemplate: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
    kind: 'AzureMachineTemplate',
    metadata: meta('gaia-workers-0c1d2e'),
    spec: { template: { spec: { vmSize: 'Standard_D8s_v5', osDisk: { osType: 'Linux', diskSizeGB: 128 } } } },
  },
  AzureClusterIdentity: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
    kind: 'AzureClusterIdentity',
    metadata: meta('gaia'),
    spec: {
      type: 'ServicePrincipal',
      clientID: '00000000-0000-0000-0000-000000000001',
      tenantID: '00000000-0000-0000-0000-000000000002',
      clientSecret: { name: 'gaia-azure-secret', namespace: ns },
      allowedNamespaces: {},
    },
  },
  DevCluster: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
    kind: 'DevCluster',
    metadata: meta('gaia'),
    spec: { backend: { inMemory: {} } },
  },
  DevMachineTemplate: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
    kind: 'DevMachineTemplate',
    metadata: meta('gaia-workers-3b4c5d'),
    spec: {
      template: { spec: { backend: { inMemory: { vm: { provisioning: { startupDuration: '10s' } } } } } },
    },
  },
  HelmChartProxy: {
    apiVersion: 'addons.cluster.x-k8s.io/v1alpha1',
    kind: 'HelmChartProxy',
    metadata: meta('gaia-cinder-csi'),
    spec: {
      clusterSelector: { matchLabels: { 'aglais.example.org/platform': 'gaia' } },
      repoURL: 'https://charts.example.org/cloud-provider-openstack',
      chartName: 'openstack-cinder-csi',
      version: '2.33.0',
      namespace: 'kube-system',
      releaseName: 'cinder-csi',
      valuesTemplate: 'secret:\n  enabled: true\n  name: cloud-config\n',
      options: { wait: true, timeout: '10m0s', install: { createNamespace: false } },
    },
  },
  SparkApplication: {
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: meta('gaia-pi'),
    spec: {
      type: 'Scala',
      mode: 'cluster',
      image: 'spark:3.5.8',
      mainClass: 'org.apache.spark.examples.SparkPi',
      mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples.jar',
      sparkVersion: '3.5.8',
      driver: { cores: 1, memory: '512m', serviceAccount: 'spark' },
      executor: { instances: 2, cores: 1, memory: '2g' },
    },
  },
  Certificate: {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: meta('zeppelin-tls'),
    spec: {
      secretName: 'zeppelin-tls',
      dnsNames: ['zeppelin.gaia.example.org'],
      issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      duration: '2160h0m0s',
    },
  },
  ClusterIssuer: {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: 'letsencrypt' },
    spec: {
      acme: {
        server: 'https://acme.example.org/directory',
        email: 'ops@example.org',
        privateKeySecretRef: { name: 'letsencrypt-account' },
        solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
      },
    },
  },
  RemoteMachine: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
    kind: 'RemoteMachine',
    metadata: meta('host-01'),
    spec: { address: '192.0.2.10', port: 22, user: 'root', sshKeyRef: { name: 'host-ssh-key' } },
  },
  Metal3MachineTemplate: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
    kind: 'Metal3MachineTemplate',
    metadata: meta('gaia-workers-metal3'),
    spec: {
      template: {
        spec: {
          image: {
            url: 'http://images.example.org/ubuntu.qcow2',
            checksum: 'http://images.example.org/ubuntu.qcow2.sha256sum',
            checksumType: 'sha256',
            format: 'qcow2',
          },
        },
      },
    },
  },
  BareMetalHost: {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: meta('host-01'),
    spec: {
      online: true,
      bootMACAddress: '52:54:00:12:34:56',
      bmc: {
        address: 'redfish-virtualmedia://192.0.2.1:8000/redfish/v1/Systems/host-01',
        credentialsName: 'host-01-bmc',
      },
    },
  },
  CephFilesystem: {
    apiVersion: 'ceph.rook.io/v1',
    kind: 'CephFilesystem',
    metadata: { name: 'gaia-fs', namespace: 'rook-ceph' },
    spec: {
      metadataPool: { replicated: { size: 3 } },
      dataPools: [{ name: 'replicated', replicated: { size: 3 } }],
      metadataServer: { activeCount: 1, activeStandby: true },
    },
  },
};

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
