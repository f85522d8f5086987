/**
 * Workload-cluster objects of a libvirt platform: the StorageClasses (node-local
 * volumes for RWO, NFS for RWX), and MetalLB's address pool and L2 advertisement.
 */
import { stringify } from 'yaml';
import { object, platformLabel } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { PlatformOn } from '../types.js';

type LV = PlatformOn<'libvirt'>;

export const localClass = 'local-hostpath';
export const nfsClass = 'nfs';
export const localBasePath = '/var/lib/aglais/local-volumes';
export const metallbNamespace = 'metallb-system';
export const metallbPool = 'ingress';

export function libvirtStorageClasses(p: LV): KubernetesObject[] {
  const out: KubernetesObject[] = [
    object(p, 'storage.k8s.io/v1', 'StorageClass', localClass, undefined, {
      metadata: {
        name: localClass,
        annotations: {
          'storageclass.kubernetes.io/is-default-class': 'true',
          'openebs.io/cas-type': 'local',
          'cas.openebs.io/config': `- name: StorageType\n  value: hostpath\n- name: BasePath\n  value: ${localBasePath}\n`,
        },
      },
      provisioner: 'openebs.io/local',
      reclaimPolicy: 'Delete',
      // The volume lives on one VM: bind where the pod is scheduled.
      volumeBindingMode: 'WaitForFirstConsumer',
    }),
  ];
  const nfs = p.spec.cloud.sharedStorage?.nfs;
  if (nfs) {
    out.push(
      object(p, 'storage.k8s.io/v1', 'StorageClass', nfsClass, undefined, {
        provisioner: 'nfs.csi.k8s.io',
        parameters: { server: nfs.server, share: nfs.share },
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
        allowVolumeExpansion: true,
        mountOptions: ['nfsvers=4.1', 'hard'],
      }),
    );
  }
  return out;
}

/** MetalLB's address pool and L2 advertisement (metallb.io/v1beta1) for the workload cluster. */
export function metallbObjects(p: LV): KubernetesObject[] {
  const pool = object(p, 'metallb.io/v1beta1', 'IPAddressPool', metallbPool, metallbNamespace, {
    spec: { addresses: [p.spec.cloud.ingressAddresses], autoAssign: true },
  });
  const l2 = object(p, 'metallb.io/v1beta1', 'L2Advertisement', metallbPool, metallbNamespace, {
    spec: { ipAddressPools: [metallbPool] },
  });
  return [pool, l2];
}

/**
 * MetalLB's configuration reaches the workload cluster through a Cluster API
 * ClusterResourceSet: its kinds exist only once the MetalLB chart has installed
 * their CRDs, and the ClusterResourceSet controller retries until they do
 * (aglais's own stages would apply them once and fail).
 */
export function metallbResourceSet(p: LV, namespace: string): KubernetesObject[] {
  const name = `${p.metadata.name}-metallb-config`;
  const text = metallbObjects(p)
    .map((o) => `---\n${stringify(o, { version: '1.1', lineWidth: 0 })}`)
    .join('');
  const configMap = object(p, 'v1', 'ConfigMap', name, namespace, { data: { 'metallb.yaml': text } });
  const set = object(p, 'addons.cluster.x-k8s.io/v1beta2', 'ClusterResourceSet', name, namespace, {
    spec: {
      clusterSelector: { matchLabels: { [platformLabel]: p.metadata.name } },
      resources: [{ kind: 'ConfigMap', name }],
      // Re-applied when the address range changes.
      strategy: 'Reconcile',
    },
  });
  return [configMap, set];
}
