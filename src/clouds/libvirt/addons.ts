/** libvirt addons: MetalLB for Services of type LoadBalancer, OpenEBS LocalPV, and csi-driver-nfs when RWX is NFS. */
import type { HelmAddon, PlatformOn } from '../types.js';
import { libvirtCharts as charts } from './charts.js';
import { localBasePath, metallbNamespace } from './storage.js';

type LV = PlatformOn<'libvirt'>;

export function libvirtAddons(p: LV): HelmAddon[] {
  const out: HelmAddon[] = [
    {
      name: 'metallb',
      stage: 'addons',
      ...charts.metallb,
      namespace: metallbNamespace,
      releaseName: 'metallb',
      // L2 mode only: no BGP speakers (FRR) on a plain bridged network.
      values: { speaker: { frr: { enabled: false } } },
    },
    {
      name: 'localpv',
      stage: 'addons',
      ...charts.localpv,
      namespace: 'openebs',
      releaseName: 'localpv',
      // aglais renders its own StorageClass; the chart's base path is kept in step with it.
      values: { hostpathClass: { enabled: false, basePath: localBasePath }, analytics: { enabled: false } },
    },
  ];
  if (p.spec.cloud.sharedStorage?.nfs) {
    out.push({
      name: 'csi-driver-nfs',
      stage: 'addons',
      ...charts.nfs,
      namespace: 'kube-system',
      releaseName: 'csi-driver-nfs',
      values: { externalSnapshotter: { enabled: false } },
    });
  }
  return out;
}
