/**
 * Linode (Akamai) through Cluster API Provider Linode (CAPL v0.10): Linodes in a
 * VPC, Linode Block Storage for RWO, an NFS export or Rook CephFS for RWX,
 * Linode Object Storage, NodeBalancers through the CCM.
 */
import { object } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { RawIssue } from '../../spec/zod-issues.js';
import { sharedFsAddons, sharedFsChecks, sharedFsClass, sharedFsFact } from '../digitalocean/shared-fs.js';
import type { CloudModule, HelmAddon, KubeadmExtras, PlatformOn } from '../types.js';
import { linodeCharts as charts, preKubeadmScript } from './charts.js';
import { caplVersion, linodeCluster, linodeMachineTemplate, linodeVPC, vpcSubnet } from './infra.js';
import { linodeSizes } from './sizes.js';

type Linode = PlatformOn<'linode'>;

/** The workload-cluster Secret (kube-system) the CCM and CSI charts read: keys apiToken and region. */
export const linodeTokenSecret = 'linode-token-region';
export const linodeBlockClass = 'linode-block-storage-wffc';

function addons(p: Linode): HelmAddon[] {
  const c = p.spec.cloud;
  const secretRef = { name: linodeTokenSecret, apiTokenRef: 'apiToken', regionRef: 'region' };
  // Node addresses come from the VPC the CCM is told about. For an existing VPC the CCM wants
  // subnet ids too, which the spec does not have: the CCM then uses the nodes' own addresses.
  const vpc = 'existingID' in c.vpc ? {} : { vpcNames: p.metadata.name, subnetNames: vpcSubnet };
  return [
    {
      name: 'linode-ccm',
      stage: 'addons-ready',
      ...charts.ccm,
      namespace: 'kube-system',
      releaseName: 'ccm-linode',
      values: { secretRef, ...vpc },
    },
    {
      name: 'linode-csi',
      stage: 'addons',
      ...charts.csi,
      namespace: 'kube-system',
      releaseName: 'linode-blockstorage-csi-driver',
      // The chart always makes its two classes; naming neither as default leaves aglais's class the only default.
      values: { secretRef, defaultStorageClass: 'none' },
    },
    ...sharedFsAddons(p, c.sharedStorage, linodeBlockClass),
  ];
}

function storageClasses(p: Linode): KubernetesObject[] {
  return [
    object(p, 'storage.k8s.io/v1', 'StorageClass', linodeBlockClass, undefined, {
      metadata: {
        name: linodeBlockClass,
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'linodebs.csi.linode.com',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    }),
    sharedFsClass(p, p.spec.cloud.sharedStorage),
  ];
}

function check(p: Linode): RawIssue[] {
  const out: RawIssue[] = [];
  const c = p.spec.cloud;
  if (!/^[a-z]{2}-[a-z]+(-[0-9]+)?$/.test(c.region)) {
    out.push({
      path: ['spec', 'cloud', 'region'],
      message: `Linode region "${c.region}" is not a region id: expected country-city such as us-ord, gb-lon or de-fra-2`,
    });
  }
  const noRoot = (what: string) =>
    `Linode sizes the disk by the plan: ${what} cannot have a rootVolume (pick a plan with a larger disk)`;
  if (p.spec.controlPlane.rootVolume) {
    out.push({ path: ['spec', 'controlPlane', 'rootVolume'], message: noRoot('the control plane') });
  }
  p.spec.nodePools.forEach((pool, i) => {
    if (pool.rootVolume)
      out.push({ path: ['spec', 'nodePools', i, 'rootVolume'], message: noRoot(`pool "${pool.name}"`) });
  });
  out.push(...sharedFsChecks(p, c.sharedStorage, 'linode'));
  return out;
}

export const linode: CloudModule<'linode'> = {
  provider: 'linode',
  sizes: linodeSizes,
  facts: (p: Linode) => {
    const fs = p.spec.cloud.sharedStorage;
    return {
      title: 'Linode (Akamai)',
      capiProvider: 'CAPL v0.10',
      ccm: 'linode-cloud-controller-manager',
      blockStorage: {
        driver: 'linodebs.csi.linode.com',
        storageClass: linodeBlockClass,
        note: 'Linode Block Storage: at least 10Gi (smaller claims get 10Gi); 8 per node, or 1 per GiB of memory on larger plans, 64 at most',
      },
      sharedStorage: sharedFsFact(fs),
      objectStore: {
        name: 'Linode Object Storage',
        s3: true,
        note: `S3 endpoint https://${p.spec.cloud.region}-1.linodeobjects.com`,
      },
      loadBalancer: 'NodeBalancer (through the CCM)',
      substitutes: [
        fs.type === 'nfs'
          ? { missing: 'a managed RWX file service', instead: 'csi-driver-nfs on your NFS export' }
          : { missing: 'a managed RWX file service', instead: 'Rook CephFS on Linode Block Storage volumes' },
      ],
    };
  },
  check,
  capi: {
    infraApiVersion: caplVersion,
    infraCluster: linodeCluster,
    machineTemplate: linodeMachineTemplate,
    extraObjects: linodeVPC,
    kubeadm: (p: Linode): KubeadmExtras => ({
      kubeletExtraArgs: { 'cloud-provider': 'external' },
      // The Linode label, which the CCM looks Linodes up by.
      nodeName: '{{ ds.meta_data.label }}',
      preKubeadmCommands: [
        `curl -fsSL ${preKubeadmScript} | bash -s ${p.spec.kubernetes.version}`,
        "hostnamectl set-hostname '{{ ds.meta_data.label }}' && hostname -F /etc/hostname",
      ],
    }),
  },
  credentials: (p: Linode) => [
    {
      // CAPL reads it through credentialsRef on the LinodeCluster and LinodeVPC.
      name: p.spec.cloud.credentials.secretName,
      keys: ['apiToken'],
      from: 'spec.cloud.credentials',
    },
    {
      name: linodeTokenSecret,
      keys: ['apiToken', 'region'],
      from: 'spec.cloud.credentials',
      workloadNamespace: 'kube-system',
      generated: { region: p.spec.cloud.region },
    },
  ],
  addons,
  ingressService: () => ({
    type: 'LoadBalancer',
    annotations: { 'service.beta.kubernetes.io/linode-loadbalancer-default-protocol': 'tcp' },
  }),
  storageClasses,
};
