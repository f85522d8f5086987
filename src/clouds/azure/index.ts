/**
 * Microsoft Azure through Cluster API Provider Azure (CAPZ v1.26): VMs in a VNet,
 * Azure Disk for RWO, Azure Files for RWX, Blob storage (not S3), Azure Load
 * Balancer through cloud-provider-azure.
 *
 * The CCM and the CSI controllers read /etc/kubernetes/azure.json, which CAPZ
 * generates (with the service principal's secret) into a Secret per machine
 * template; kubeadm writes it onto the nodes. No workload-cluster copy of the
 * credential is needed.
 */
import { object } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { RawIssue } from '../../spec/zod-issues.js';
import type { CloudModule, HelmAddon, KubeadmExtras, PlatformOn } from '../types.js';
import { azureCharts as charts } from './charts.js';
import {
  azureCluster,
  azureIdentity,
  azureMachineTemplate,
  capzVersion,
  controlPlaneAzureJSONSecret,
} from './infra.js';
import { azureSizes } from './sizes.js';

type Azure = PlatformOn<'azure'>;

export const diskClass = 'azure-disk-premium';
export const fileClass = 'azure-files';
const diskSkus = [
  'Standard_LRS',
  'StandardSSD_LRS',
  'StandardSSD_ZRS',
  'Premium_LRS',
  'Premium_ZRS',
  'PremiumV2_LRS',
  'UltraSSD_LRS',
];

function addons(p: Azure): HelmAddon[] {
  return [
    {
      name: 'azure-ccm',
      stage: 'addons-ready',
      ...charts.ccm,
      namespace: 'kube-system',
      releaseName: 'cloud-provider-azure',
      values: {
        infra: { clusterName: '{{ .Cluster.metadata.name }}' },
        // The pod network is an overlay (Calico VXLAN / Cilium): no Azure routes, no node CIDRs from the CCM.
        cloudControllerManager: {
          clusterCIDR: p.spec.kubernetes.podCIDR,
          configureCloudRoutes: 'false',
          allocateNodeCidrs: 'false',
        },
      },
    },
    {
      name: 'azuredisk-csi',
      stage: 'addons',
      ...charts.disk,
      namespace: 'kube-system',
      releaseName: 'azuredisk-csi-driver',
      values: { controller: { runOnControlPlane: true } },
    },
    {
      name: 'azurefile-csi',
      stage: 'addons',
      ...charts.file,
      namespace: 'kube-system',
      releaseName: 'azurefile-csi-driver',
      values: { controller: { runOnControlPlane: true } },
    },
  ];
}

function storageClasses(p: Azure): KubernetesObject[] {
  return [
    object(p, 'storage.k8s.io/v1', 'StorageClass', diskClass, undefined, {
      metadata: { name: diskClass, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'disk.csi.azure.com',
      parameters: { skuName: 'Premium_LRS', cachingMode: 'ReadOnly' },
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
      // Disks are zonal: create them where the pod lands.
      volumeBindingMode: 'WaitForFirstConsumer',
    }),
    object(p, 'storage.k8s.io/v1', 'StorageClass', fileClass, undefined, {
      provisioner: 'file.csi.azure.com',
      // SMB shares in a storage account the driver creates; open permissions because pods run as non-root users.
      parameters: { skuName: 'Standard_LRS' },
      mountOptions: [
        'dir_mode=0777',
        'file_mode=0777',
        'uid=0',
        'gid=0',
        'mfsymlinks',
        'cache=strict',
        'nosharesock',
        'actimeo=30',
      ],
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    }),
  ];
}

/** Premium SSD attaches only to sizes with premium storage: an `s` among the letters after the size number. */
export function premiumCapable(size: string): boolean {
  const m = /^Standard_[A-Z]+[0-9]+(-[0-9]+)?([a-z]*)/.exec(size);
  return m === null || (m[2] ?? '').includes('s');
}

function check(p: Azure): RawIssue[] {
  const out: RawIssue[] = [];
  const c = p.spec.cloud;
  if (!/^[a-z]+[0-9]?$/.test(c.location)) {
    out.push({
      path: ['spec', 'cloud', 'location'],
      message: `Azure location "${c.location}" is not a region name: expected lower-case letters such as uksouth or westeurope`,
    });
  }
  const machine = (
    at: (string | number)[],
    size: string | undefined,
    type: string | undefined,
    what: string,
  ) => {
    if (type !== undefined && !diskSkus.includes(type))
      out.push({
        path: [...at, 'rootVolume', 'type'],
        message: `Azure disk type "${type}" is not one of ${diskSkus.join(', ')}`,
      });
    if (size !== undefined && !premiumCapable(size))
      out.push({
        path: [...at, 'size'],
        message: `Azure VM size ${size} (${what}) cannot attach Premium SSD disks, which the OS disk and the block StorageClass use: pick a size with premium storage (an "s" in the name, such as Standard_D4s_v5)`,
      });
  };
  machine(
    ['spec', 'controlPlane'],
    p.spec.controlPlane.size,
    p.spec.controlPlane.rootVolume?.type,
    'control plane',
  );
  p.spec.nodePools.forEach((pool, i) =>
    machine(['spec', 'nodePools', i], pool.size, pool.rootVolume?.type, `pool "${pool.name}"`),
  );
  return out;
}

export const azure: CloudModule<'azure'> = {
  provider: 'azure',
  sizes: azureSizes,
  facts: () => ({
    title: 'Microsoft Azure',
    capiProvider: 'CAPZ v1.26',
    ccm: 'cloud-provider-azure',
    blockStorage: {
      driver: 'disk.csi.azure.com',
      storageClass: diskClass,
      note: 'Premium SSD managed disks (zonal); the VM size limits how many attach',
    },
    sharedStorage: {
      driver: 'file.csi.azure.com',
      storageClass: fileClass,
      note: 'Azure Files SMB shares in a storage account the driver creates',
    },
    objectStore: {
      name: 'Azure Blob Storage',
      s3: false,
      note: 'abfs:// through hadoop-azure, not S3A; S3 data sets need an S3 endpoint elsewhere',
    },
    loadBalancer: 'Azure Load Balancer (through the CCM)',
    substitutes: [
      {
        missing: 'an S3-compatible object store',
        instead: 'data sets on Azure Files (NFS export or claim), or an S3 endpoint elsewhere',
      },
    ],
  }),
  check,
  capi: {
    infraApiVersion: capzVersion,
    // Azure's virtual network drops VXLAN packets above 1350 bytes once encapsulated.
    cniMTU: 1350,
    infraCluster: azureCluster,
    machineTemplate: azureMachineTemplate,
    extraObjects: azureIdentity,
    kubeadm: (p: Azure): KubeadmExtras => ({
      kubeletExtraArgs: { 'cloud-provider': 'external' },
      // The VM name, which cloud-provider-azure expects as the node name.
      nodeName: '{{ ds.meta_data["local_hostname"] }}',
      files: [
        {
          // CAPZ's azure.json for the control-plane template: the CCM and the CSI controllers read it
          // (same mode as CAPZ's own templates).
          contentFrom: { secret: { name: controlPlaneAzureJSONSecret(p), key: 'control-plane-azure.json' } },
          owner: 'root:root',
          path: '/etc/kubernetes/azure.json',
          permissions: '0644',
        },
      ],
    }),
  },
  credentials: (p: Azure) => [
    {
      // Referenced by the AzureClusterIdentity (clientSecret) in the platform's namespace.
      name: p.spec.cloud.credentials.secretName,
      keys: ['clientSecret'],
      from: 'spec.cloud.credentials',
    },
  ],
  addons,
  ingressService: () => ({
    type: 'LoadBalancer',
    // The Azure health probe must hit a path ingress-nginx answers with 200.
    annotations: { 'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path': '/healthz' },
  }),
  storageClasses,
};
