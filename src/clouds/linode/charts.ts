/**
 * Pinned charts for Linode addons: Linode's own CCM and block storage CSI charts,
 * from the chart repositories the projects publish (the versions CAPL v0.10 was
 * released against, or newer patch releases of them).
 */
import type { ChartPin } from '../../render/charts.js';

export const linodeCharts = {
  ccm: {
    repoURL: 'https://linode.github.io/linode-cloud-controller-manager/',
    chartName: 'ccm-linode',
    version: 'v0.9.8',
  },
  csi: {
    repoURL: 'https://linode.github.io/linode-blockstorage-csi-driver/',
    chartName: 'linode-blockstorage-csi-driver',
    version: 'v1.1.4',
  },
} as const satisfies Record<string, ChartPin>;

/**
 * CAPL's node preparation script (installs containerd, kubeadm and kubelet on a
 * plain Linode image), pinned to the commit CAPL v0.10.10's templates use.
 */
export const preKubeadmScript =
  'https://github.com/linode/cluster-api-provider-linode/raw/dd76b1f979696ef22ce093d420cdbd0051a1d725/scripts/pre-kubeadminit.sh';
