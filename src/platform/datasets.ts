/**
 * Read-only data sets. Every user namespace gets one claim per mounted data
 * set, named `data-<set>`, so that the same Spark settings work in every
 * namespace; each claim binds by label to its own static PersistentVolume
 * (ReadOnlyMany, Retain, storageClassName ""), because a PV binds one claim.
 *
 * Sources: Manila CephFS through the Manila CSI driver (csi mode) or mounted
 * on every node at boot (nodeMount mode, see node-setup.ts) and handed to pods
 * as a hostPath PV; NFS; Rook CephFS (ceph-csi static volume); an existing
 * claim (used where it is); hostPath (dev); S3 (not mounted: read through S3A).
 */
import type { ClusterContext } from '../render/seam.js';
import type { RenderedObject } from '../render/types.js';
import type { DatasetSpec } from '../spec/datasets.js';
import type { Platform } from '../spec/schema.js';
import { datasetLabel, part, userLabel, workload } from './names.js';
import { effectiveUsers, type EffectiveUser } from './users.js';

/** Where nodeMount shares are mounted on every node. */
export const nodeMountRoot = '/mnt/aglais';
/** The Secret (kube-system) the Manila CSI driver reads its OpenStack credentials from. */
export const manilaCsiSecret = 'manila-csi-credentials';

export function claimName(d: Pick<DatasetSpec, 'name'>): string {
  return `data-${d.name}`;
}

/** Data sets that are mounted into pods (all but S3). */
export function mounted(p: Platform): DatasetSpec[] {
  return p.spec.datasets.filter((d) => d.source.type !== 's3');
}

/** The claim a pod in `namespace` mounts for `d`: an existing claim keeps its own name. */
export function claimFor(d: DatasetSpec): string {
  return d.source.type === 'pvc' ? d.source.claimName : claimName(d);
}

/** The PV source of one data set, or undefined when it needs no PV of ours. */
function volumeSource(p: Platform, d: DatasetSpec, u: EffectiveUser): Record<string, unknown> | undefined {
  const s = d.source;
  switch (s.type) {
    case 'manila':
      if (s.mode === 'nodeMount') {
        return { hostPath: { path: `${nodeMountRoot}/${d.name}`, type: 'Directory' } };
      }
      return {
        csi: {
          driver: 'cephfs.manila.csi.openstack.org',
          // Unique per PV: the same share backs one PV per user namespace.
          volumeHandle: `${p.metadata.name}-${d.name}-${u.name}`,
          readOnly: true,
          volumeAttributes: {
            ...(s.shareID ? { shareID: s.shareID } : { shareName: s.shareName ?? '' }),
            ...(s.accessRuleID ? { shareAccessIDs: s.accessRuleID } : {}),
          },
          nodeStageSecretRef: { name: manilaCsiSecret, namespace: 'kube-system' },
          nodePublishSecretRef: { name: manilaCsiSecret, namespace: 'kube-system' },
        },
      };
    case 'nfs':
      return { nfs: { server: s.server, path: s.path, readOnly: true } };
    case 'cephfs':
      return {
        csi: {
          driver: `${s.clusterNamespace}.cephfs.csi.ceph.com`,
          volumeHandle: `${p.metadata.name}-${d.name}-${u.name}`,
          readOnly: true,
          volumeAttributes: {
            clusterID: s.clusterNamespace,
            fsName: s.fsName,
            rootPath: s.path,
            staticVolume: 'true',
          },
          // The Secret Rook makes for the CephFS node plugin.
          nodeStageSecretRef: { name: 'rook-csi-cephfs-node', namespace: s.clusterNamespace },
        },
      };
    case 'hostPath':
      return { hostPath: { path: s.path, type: 'Directory' } };
    case 'pvc':
    case 's3':
      return undefined;
  }
}

function pvName(p: Platform, d: DatasetSpec, u: EffectiveUser): string {
  return `${p.metadata.name}-${d.name}-${u.name}`;
}

export function datasetObjects(p: Platform, _cluster: ClusterContext): RenderedObject[] {
  const out: RenderedObject[] = [];
  const users = effectiveUsers(p);
  for (const d of p.spec.datasets) {
    for (const u of users) {
      const source = volumeSource(p, d, u);
      if (!source) continue;
      const labels = { [datasetLabel]: d.name, [userLabel]: u.name };
      const mountOptions =
        d.source.type === 'manila' && d.source.mode === 'csi'
          ? {}
          : d.source.type === 'nfs'
            ? { mountOptions: ['ro', 'noatime'] }
            : {};
      out.push(
        workload(
          'storage',
          part(
            p,
            'datasets',
            'v1',
            'PersistentVolume',
            pvName(p, d, u),
            undefined,
            {
              spec: {
                capacity: { storage: d.size },
                accessModes: ['ReadOnlyMany'],
                // Data sets outlive the platform: deleting a claim never deletes data.
                persistentVolumeReclaimPolicy: 'Retain',
                storageClassName: '',
                volumeMode: 'Filesystem',
                ...mountOptions,
                ...source,
              },
            },
            labels,
          ),
        ),
        workload(
          'storage',
          part(
            p,
            'datasets',
            'v1',
            'PersistentVolumeClaim',
            claimName(d),
            u.namespace,
            {
              spec: {
                accessModes: ['ReadOnlyMany'],
                storageClassName: '',
                volumeMode: 'Filesystem',
                selector: { matchLabels: labels },
                resources: { requests: { storage: d.size } },
              },
            },
            labels,
          ),
        ),
      );
    }
  }
  return out;
}

/** Volumes and read-only mounts of every mounted data set, for a pod spec. */
export function datasetVolumes(p: Platform): {
  volumes: Record<string, unknown>[];
  mounts: Record<string, unknown>[];
} {
  const ds = mounted(p);
  return {
    volumes: ds.map((d) => ({
      name: claimName(d),
      persistentVolumeClaim: { claimName: claimFor(d), readOnly: true },
    })),
    mounts: ds.map((d) => ({ name: claimName(d), mountPath: d.mountPath, readOnly: true })),
  };
}
