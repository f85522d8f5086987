/** OpenStack StorageClasses: Cinder block volumes (RWO, default) and Manila CephFS shares (RWX). */
import { object } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { PlatformOn } from '../types.js';
import { manilaSecret } from './addons.js';

export const cinderClass = 'csi-cinder';
export const manilaClass = 'csi-manila-cephfs';

export function openstackStorageClasses(p: PlatformOn<'openstack'>): KubernetesObject[] {
  const c = p.spec.cloud;
  const secretParams = Object.fromEntries(
    ['provisioner', 'controller-expand', 'node-stage', 'node-publish'].flatMap((k) => [
      [`csi.storage.k8s.io/${k}-secret-name`, manilaSecret],
      [`csi.storage.k8s.io/${k}-secret-namespace`, 'kube-system'],
    ]),
  );
  return [
    object(p, 'storage.k8s.io/v1', 'StorageClass', cinderClass, undefined, {
      metadata: { name: cinderClass, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'cinder.csi.openstack.org',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      ...(c.blockVolumeType || c.volumeAvailabilityZone
        ? {
            parameters: {
              ...(c.blockVolumeType ? { type: c.blockVolumeType } : {}),
              ...(c.volumeAvailabilityZone ? { availability: c.volumeAvailabilityZone } : {}),
            },
          }
        : {}),
    }),
    object(p, 'storage.k8s.io/v1', 'StorageClass', manilaClass, undefined, {
      provisioner: 'cephfs.manila.csi.openstack.org',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      parameters: { type: c.manilaShareType, ...secretParams },
    }),
  ];
}
