/**
 * Hand-written valid objects, one or more per shared CRD group, each written by
 * reading its CRD in ../shared/crds (required fields, enums, list types).
 */
import type { KubernetesObject } from '../render/types.js';

const ns = 'aglais';
const meta = (name: string) => ({ name, namespace: ns });
const ref = (apiGroup: string, kind: string, name: string) => ({ apiGroup, kind, name });

/** By kind. */
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
  DOCluster: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
    kind: 'DOCluster',
    metadata: meta('gaia'),
    spec: { region: 'lon1', controlPlaneDNS: { domain: 'k8s.example.org', name: 'gaia-api' } },
  },
  AWSCluster: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
    kind: 'AWSCluster',
    metadata: meta('gaia'),
    spec: {
      region: 'eu-west-2',
      sshKeyName: 'gaia-admin',
      identityRef: { kind: 'AWSClusterStaticIdentity', name: 'gaia' },
    },
  },
  AzureCluster: {
    apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
    kind: 'AzureCluster',
    metadata: meta('gaia'),
    spec: {
      location: 'uksouth',
      resourceGroup: 'gaia',
      subscriptionID: '00000000-0000-0000-0000-000000000003',
      identityRef: {
        apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1',
        kind: 'AzureClusterIdentity',
        name: 'gaia',
        namespace: 'aglais',
      },
    },
  },
  K0sWorkerConfigTemplate: {
    apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
    kind: 'K0sWorkerConfigTemplate',
    metadata: meta('gaia-workers-k0s'),
    spec: {
      template: { spec: { version: 'v1.33.4+k0s.0', args: ['--labels=aglais.example.org/pool=workers'] } },
    },
  },
  IPAddressClaim: {
    apiVersion: 'ipam.cluster.x-k8s.io/v1beta2',
    kind: 'IPAddressClaim',
    metadata: meta('gaia-cp-0'),
    spec: { clusterName: 'gaia', poolRef: ref('ipam.cluster.x-k8s.io', 'InClusterIPPool', 'gaia-pool') },
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
