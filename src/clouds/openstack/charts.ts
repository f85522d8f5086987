/** Pinned charts for OpenStack addons (cloud-provider-openstack 1.34 line, ceph-csi 3.15). */
export const openstackCharts = {
  ccm: {
    repoURL: 'https://kubernetes.github.io/cloud-provider-openstack',
    chartName: 'openstack-cloud-controller-manager',
    version: '2.34.1',
  },
  cinder: {
    repoURL: 'https://kubernetes.github.io/cloud-provider-openstack',
    chartName: 'openstack-cinder-csi',
    version: '2.34.1',
  },
  manila: {
    repoURL: 'https://kubernetes.github.io/cloud-provider-openstack',
    chartName: 'openstack-manila-csi',
    version: '2.34.1',
  },
  cephfs: { repoURL: 'https://ceph.github.io/csi-charts', chartName: 'ceph-csi-cephfs', version: '3.15.0' },
} as const;
