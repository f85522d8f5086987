/**
 * DigitalOcean through Cluster API Provider DigitalOcean (CAPDO v1.6): Droplets,
 * DigitalOcean Volumes for RWO, an NFS share or Rook CephFS for RWX, Spaces as
 * the object store, DigitalOcean Load Balancers through the CCM.
 */
import { object } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { RawIssue } from '../../spec/zod-issues.js';
import type { CloudModule, HelmAddon, KubeadmExtras, PlatformOn } from '../types.js';
import { doReleases } from './charts.js';
import { capdoVersion, doCluster, doMachineTemplate } from './infra.js';
import { applyStep, manifestAddon } from './manifests.js';
import { sharedFsAddons, sharedFsChecks, sharedFsClass, sharedFsFact } from './shared-fs.js';
import { doSizes } from './sizes.js';

type DO = PlatformOn<'digitalocean'>;

/** The workload-cluster Secret (kube-system) the upstream CCM and CSI manifests read, key access-token. */
export const doTokenSecret = 'digitalocean';
export const doBlockClass = 'do-block-storage-wffc';
/** The default StorageClass the upstream CSI manifest creates (Immediate binding); aglais makes it non-default. */
const upstreamBlockClass = 'do-block-storage';

function addons(p: DO): HelmAddon[] {
  const csi = doReleases.csi;
  return [
    manifestAddon(p, {
      name: 'digitalocean-ccm',
      stage: 'addons-ready',
      steps: [applyStep(doReleases.ccm.manifests)],
    }),
    manifestAddon(p, {
      name: 'digitalocean-csi',
      stage: 'addons',
      steps: [
        applyStep([csi.crds]),
        [
          'wait',
          '--for=condition=Established',
          '--timeout=300s',
          'crd/volumesnapshotclasses.snapshot.storage.k8s.io',
          'crd/volumesnapshotcontents.snapshot.storage.k8s.io',
          'crd/volumesnapshots.snapshot.storage.k8s.io',
        ],
        applyStep(csi.manifests),
        [
          'annotate',
          'storageclass',
          upstreamBlockClass,
          'storageclass.kubernetes.io/is-default-class=false',
          '--overwrite',
        ],
      ],
    }),
    ...sharedFsAddons(p, p.spec.cloud.sharedStorage, doBlockClass),
  ];
}

function storageClasses(p: DO): KubernetesObject[] {
  return [
    object(p, 'storage.k8s.io/v1', 'StorageClass', doBlockClass, undefined, {
      metadata: {
        name: doBlockClass,
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'dobs.csi.digitalocean.com',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    }),
    sharedFsClass(p, p.spec.cloud.sharedStorage),
  ];
}

function check(p: DO): RawIssue[] {
  const out: RawIssue[] = [];
  const c = p.spec.cloud;
  if (!/^[a-z]{3}[0-9]$/.test(c.region)) {
    out.push({
      path: ['spec', 'cloud', 'region'],
      message: `DigitalOcean region "${c.region}" is not a region slug: expected three letters and a digit, such as ams3, lon1 or nyc3`,
    });
  }
  const noRoot = (what: string) =>
    `DigitalOcean sizes the disk by the Droplet size: ${what} cannot have a rootVolume (pick a size with a larger disk)`;
  if (p.spec.controlPlane.rootVolume) {
    out.push({ path: ['spec', 'controlPlane', 'rootVolume'], message: noRoot('the control plane') });
  }
  p.spec.nodePools.forEach((pool, i) => {
    if (pool.rootVolume)
      out.push({ path: ['spec', 'nodePools', i, 'rootVolume'], message: noRoot(`pool "${pool.name}"`) });
  });
  out.push(...sharedFsChecks(p, c.sharedStorage, 'digitalocean'));
  return out;
}

export const digitalocean: CloudModule<'digitalocean'> = {
  provider: 'digitalocean',
  sizes: doSizes,
  facts: (p: DO) => {
    const fs = p.spec.cloud.sharedStorage;
    return {
      title: 'DigitalOcean',
      capiProvider: 'CAPDO v1.6',
      ccm: `digitalocean-cloud-controller-manager ${doReleases.ccm.version}`,
      blockStorage: {
        driver: 'dobs.csi.digitalocean.com',
        storageClass: doBlockClass,
        note: 'DigitalOcean Volumes: at most 7 per Droplet, 1Gi to 16Ti each',
      },
      sharedStorage: sharedFsFact(fs),
      objectStore: {
        name: 'DigitalOcean Spaces',
        s3: true,
        note: `https://${p.spec.cloud.region}.digitaloceanspaces.com (Spaces keys, not the API token)`,
      },
      loadBalancer: 'DigitalOcean Load Balancer (through the CCM)',
      substitutes: [
        {
          missing: 'Helm charts for the DigitalOcean CCM and CSI driver',
          instead: 'a Job applying their pinned release manifests',
        },
        fs.type === 'nfs'
          ? {
              missing: 'a CSI driver for DigitalOcean NFS shares',
              instead: 'csi-driver-nfs: one subdirectory of the share per volume',
            }
          : {
              missing: 'a managed RWX file service with a CSI driver',
              instead: 'Rook CephFS on DigitalOcean Volumes',
            },
      ],
    };
  },
  check,
  capi: {
    infraApiVersion: capdoVersion,
    infraCluster: doCluster,
    machineTemplate: doMachineTemplate,
    kubeadm: (): KubeadmExtras => ({
      kubeletExtraArgs: { 'cloud-provider': 'external' },
      // The Droplet name, which the CCM looks Droplets up by.
      nodeName: '{{ ds.meta_data["local_hostname"] }}',
    }),
  },
  credentials: (p: DO) => [
    {
      // CAPDO itself reads the token it was installed with (capdo-system/capdo-manager-bootstrap-credentials,
      // key credentials); this Secret is the platform's copy that the workload Secret is made from.
      name: p.spec.cloud.credentials.secretName,
      keys: ['access-token'],
      from: 'spec.cloud.credentials',
    },
    {
      name: doTokenSecret,
      keys: ['access-token'],
      from: 'spec.cloud.credentials',
      workloadNamespace: 'kube-system',
    },
  ],
  addons,
  ingressService: (p: DO) => ({
    type: 'LoadBalancer',
    annotations: { 'service.beta.kubernetes.io/do-loadbalancer-name': `${p.metadata.name}-ingress` },
  }),
  storageClasses,
};
