/** Pinned charts for libvirt hosts: MetalLB, OpenEBS LocalPV hostpath, csi-driver-nfs. */
export const libvirtCharts = {
  metallb: { repoURL: 'https://metallb.github.io/metallb', chartName: 'metallb', version: '0.15.3' },
  localpv: {
    repoURL: 'https://openebs.github.io/dynamic-localpv-provisioner',
    chartName: 'localpv-provisioner',
    version: '4.4.0',
  },
  nfs: {
    repoURL: 'https://raw.githubusercontent.com/kubernetes-csi/csi-driver-nfs/master/charts',
    chartName: 'csi-driver-nfs',
    version: 'v4.11.0',
  },
} as const;
