/**
 * Shared (RWX) storage on clouds whose file service has no CSI driver that can
 * provision volumes (DigitalOcean, Linode): csi-driver-nfs on an NFS export
 * (a DigitalOcean NFS share or any NFS server), or a Rook Ceph cluster on the
 * cloud's block volumes serving CephFS. Linode uses this module too.
 */
import { object } from '../../render/meta.js';
import type { ChartPin } from '../../render/charts.js';
import type { KubernetesObject } from '../../render/types.js';
import type { Platform } from '../../spec/schema.js';
import type { RawIssue } from '../../spec/zod-issues.js';
import type { HelmAddon, StorageFact } from '../types.js';

export type SharedFs =
  | { readonly type: 'nfs'; readonly server: string; readonly path: string }
  | { readonly type: 'rookCephfs'; readonly osdSize: string; readonly osdCount: number };

/** Rook v1.20.6: the release whose CRDs the platform is validated against. */
export const rookCharts = {
  operator: { repoURL: 'https://charts.rook.io/release', chartName: 'rook-ceph', version: 'v1.20.6' },
  cluster: { repoURL: 'https://charts.rook.io/release', chartName: 'rook-ceph-cluster', version: 'v1.20.6' },
} as const satisfies Record<string, ChartPin>;

export const nfsChart: ChartPin = {
  repoURL: 'https://raw.githubusercontent.com/kubernetes-csi/csi-driver-nfs/master/charts',
  chartName: 'csi-driver-nfs',
  version: '4.13.4',
};

export const nfsClass = 'nfs-shared';
export const cephfsClass = 'rook-cephfs';
export const rookNamespace = 'rook-ceph';
/** The CephFS filesystem that backs the shared StorageClass. */
export const sharedFsName = 'shared';
/** Rook prefixes CSI driver names with its operator namespace. */
export const cephfsDriver = `${rookNamespace}.cephfs.csi.ceph.com`;

export function sharedFsFact(fs: SharedFs): StorageFact {
  return fs.type === 'nfs'
    ? {
        driver: 'nfs.csi.k8s.io',
        storageClass: nfsClass,
        note: `NFS export ${fs.server}:${fs.path}, one subdirectory per volume`,
      }
    : {
        driver: cephfsDriver,
        storageClass: cephfsClass,
        note: `Rook CephFS on ${fs.osdCount} × ${fs.osdSize} block volumes (3 replicas)`,
      };
}

/** CephFS filesystems Rook must serve: the shared one and each one a data set names in this Rook cluster. */
export function cephFilesystems(p: Platform): string[] {
  const names = new Set([sharedFsName]);
  for (const d of p.spec.datasets) {
    if (d.source.type === 'cephfs' && d.source.clusterNamespace === rookNamespace) names.add(d.source.fsName);
  }
  return [...names].sort();
}

function filesystem(name: string): Record<string, unknown> {
  return {
    name,
    spec: {
      metadataPool: { replicated: { size: 3 } },
      dataPools: [{ name: 'data0', failureDomain: 'host', replicated: { size: 3 } }],
      metadataServer: { activeCount: 1, activeStandby: true },
    },
    // aglais renders its own StorageClass (./sharedFsClass).
    storageClass: { enabled: false },
  };
}

export function sharedFsAddons(p: Platform, fs: SharedFs, blockClass: string): HelmAddon[] {
  const out: HelmAddon[] = [];
  // NFS data sets are plain NFS volumes; only shared storage on NFS needs the provisioner.
  if (fs.type === 'nfs') {
    out.push({
      name: 'csi-driver-nfs',
      stage: 'addons',
      ...nfsChart,
      namespace: 'kube-system',
      releaseName: 'csi-driver-nfs',
      values: { storageClass: { create: false }, externalSnapshotter: { enabled: false } },
    });
  }
  if (fs.type === 'rookCephfs') {
    out.push(
      {
        name: 'rook-ceph',
        stage: 'addons',
        ...rookCharts.operator,
        namespace: rookNamespace,
        releaseName: 'rook-ceph',
        values: { crds: { enabled: true } },
      },
      {
        name: 'rook-ceph-cluster',
        stage: 'addons',
        ...rookCharts.cluster,
        namespace: rookNamespace,
        releaseName: 'rook-ceph-cluster',
        values: {
          operatorNamespace: rookNamespace,
          toolbox: { enabled: false },
          cephClusterSpec: {
            dashboard: { enabled: false },
            // Monitors and OSDs keep their data on the cloud's block volumes, so they move with their volumes.
            mon: {
              count: 3,
              allowMultiplePerNode: false,
              volumeClaimTemplate: {
                spec: { storageClassName: blockClass, resources: { requests: { storage: '10Gi' } } },
              },
            },
            storage: {
              useAllNodes: false,
              useAllDevices: false,
              storageClassDeviceSets: [
                {
                  name: 'cloud-volumes',
                  count: fs.osdCount,
                  portable: true,
                  volumeClaimTemplates: [
                    {
                      metadata: { name: 'data' },
                      spec: {
                        storageClassName: blockClass,
                        volumeMode: 'Block',
                        accessModes: ['ReadWriteOnce'],
                        resources: { requests: { storage: fs.osdSize } },
                      },
                    },
                  ],
                },
              ],
            },
          },
          cephBlockPools: [],
          cephObjectStores: [],
          cephFileSystems: cephFilesystems(p).map(filesystem),
        },
      },
    );
  }
  return out;
}

export function sharedFsClass(p: Platform, fs: SharedFs): KubernetesObject {
  if (fs.type === 'nfs') {
    return object(p, 'storage.k8s.io/v1', 'StorageClass', nfsClass, undefined, {
      provisioner: 'nfs.csi.k8s.io',
      parameters: { server: fs.server, share: fs.path },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: true,
      mountOptions: ['nfsvers=4.1'],
    });
  }
  const secret = (k: string, name: string) => [
    [`csi.storage.k8s.io/${k}-secret-name`, name],
    [`csi.storage.k8s.io/${k}-secret-namespace`, rookNamespace],
  ];
  return object(p, 'storage.k8s.io/v1', 'StorageClass', cephfsClass, undefined, {
    provisioner: cephfsDriver,
    parameters: Object.fromEntries([
      ['clusterID', rookNamespace],
      ['fsName', sharedFsName],
      // Rook names a filesystem's data pools <filesystem>-<pool>.
      ['pool', `${sharedFsName}-data0`],
      ...secret('provisioner', 'rook-csi-cephfs-provisioner'),
      ...secret('controller-expand', 'rook-csi-cephfs-provisioner'),
      ...secret('node-stage', 'rook-csi-cephfs-node'),
    ]),
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  });
}

/** Data sets in a CephFS need the Rook cluster aglais installs (or one named by clusterNamespace). */
export function sharedFsChecks(p: Platform, fs: SharedFs, provider: string): RawIssue[] {
  const out: RawIssue[] = [];
  p.spec.datasets.forEach((d, i) => {
    if (
      d.source.type === 'cephfs' &&
      d.source.clusterNamespace === rookNamespace &&
      fs.type !== 'rookCephfs'
    ) {
      out.push({
        path: ['spec', 'datasets', i, 'source', 'type'],
        message: `data set "${d.name}" is in Rook CephFS, but on ${provider} aglais installs Rook only with spec.cloud.sharedStorage.type rookCephfs (it is ${fs.type})`,
      });
    }
  });
  return out;
}
