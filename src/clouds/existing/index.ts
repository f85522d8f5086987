/**
 * A cluster made elsewhere (Magnum, Terraform, a managed service). aglais renders
 * no Cluster API objects; addons it still needs (ingress controller, cert-manager)
 * are installed with helm by `up`, and storage and load balancing are used as found.
 */
import type { CloudModule, PlatformOn } from '../types.js';

type Existing = PlatformOn<'existing'>;

export const existing: CloudModule<'existing'> = {
  provider: 'existing',
  sizes: {},
  facts: (p: Existing) => {
    const c = p.spec.cloud;
    return {
      title: 'Existing cluster',
      capiProvider: null,
      ccm: 'as found',
      blockStorage: {
        driver: 'as found',
        storageClass: c.blockStorageClass ?? '',
        note: c.blockStorageClass ? undefined : 'the cluster default StorageClass',
      },
      sharedStorage: c.sharedStorageClass ? { driver: 'as found', storageClass: c.sharedStorageClass } : null,
      objectStore: null,
      loadBalancer: 'as found',
      substitutes: c.sharedStorageClass
        ? []
        : [
            {
              missing: 'shared (RWX) storage class',
              instead: 'RWO volumes: one pod at a time per user volume; event logs need S3',
            },
          ],
    };
  },
  check: (p: Existing) => {
    const out = [];
    if (
      !p.spec.cloud.sharedStorageClass &&
      p.spec.platform.spark.historyServer.enabled &&
      p.spec.platform.spark.historyServer.eventLogs.type === 'pvc'
    ) {
      out.push({
        path: ['spec', 'platform', 'spark', 'historyServer', 'eventLogs'],
        message:
          'event logs on a PVC need a shared (RWX) StorageClass: set spec.cloud.sharedStorageClass, or keep event logs in S3',
      });
    }
    return out;
  },
  credentials: () => [],
  addons: () => [],
  ingressService: () => ({ type: 'LoadBalancer', annotations: {} }),
  storageClasses: () => [],
};
