/** OpenStack addons: cloud controller manager, Cinder CSI, Manila CSI with the ceph-csi CephFS node plugin. */
import type { HelmAddon, PlatformOn } from '../types.js';
import { openstackCharts as charts } from './charts.js';

type OS = PlatformOn<'openstack'>;

/** Name of the workload-cluster Secret (kube-system) with clouds.yaml and the generated cloud.conf. */
export const cloudConfigSecret = 'cloud-config';
/** Name of the workload-cluster Secret (kube-system) with the os-* keys the Manila CSI driver reads. */
export const manilaSecret = 'manila-csi-credentials';

const controlPlaneOnly = {
  nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
  tolerations: [
    { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' },
  ],
};

/**
 * cloud.conf for the CCM and Cinder CSI: it points at clouds.yaml in the same
 * Secret, so one credential serves CAPO, the CCM and the CSI drivers.
 */
export function cloudConf(p: OS): string {
  const c = p.spec.cloud;
  const lines = [
    '[Global]',
    'use-clouds = true',
    'clouds-file = /etc/config/clouds.yaml',
    `cloud = ${c.cloudName}`,
  ];
  lines.push('', '[LoadBalancer]');
  if (c.loadBalancer === 'none') lines.push('enabled = false');
  else {
    lines.push(`lb-provider = ${c.loadBalancer}`);
    // OVN load balancers support only SOURCE_IP_PORT.
    if (c.loadBalancer === 'ovn') lines.push('lb-method = SOURCE_IP_PORT');
    lines.push('create-monitor = true');
  }
  lines.push('', '[BlockStorage]', 'ignore-volume-az = true');
  return `${lines.join('\n')}\n`;
}

export function openstackAddons(_p: OS): HelmAddon[] {
  const secret = { enabled: true, create: false, name: cloudConfigSecret };
  return [
    {
      name: 'openstack-ccm',
      stage: 'addons-ready',
      ...charts.ccm,
      namespace: 'kube-system',
      releaseName: 'openstack-ccm',
      values: {
        secret,
        ...controlPlaneOnly,
        cluster: { name: '{{ .Cluster.metadata.name }}' },
      },
    },
    {
      name: 'cinder-csi',
      stage: 'addons',
      ...charts.cinder,
      namespace: 'kube-system',
      releaseName: 'cinder-csi',
      // aglais renders its own StorageClasses.
      values: { secret, storageClass: { enabled: false }, clusterID: '{{ .Cluster.metadata.name }}' },
    },
    {
      name: 'ceph-csi-cephfs',
      stage: 'addons',
      ...charts.cephfs,
      namespace: 'ceph-csi-cephfs',
      releaseName: 'ceph-csi-cephfs',
      // Only the node plugin: Manila CSI provisions, ceph-csi mounts.
      values: { provisioner: { enabled: false }, storageClass: { create: false }, csiConfig: [] },
    },
    {
      name: 'manila-csi',
      stage: 'addons',
      ...charts.manila,
      namespace: 'kube-system',
      releaseName: 'manila-csi',
      values: {
        shareProtocols: [
          {
            protocolSelector: 'CEPHFS',
            fsGroupPolicy: 'None',
            fwdNodePluginEndpoint: {
              dir: '/var/lib/kubelet/plugins/cephfs.csi.ceph.com',
              sockFile: 'csi.sock',
            },
          },
        ],
      },
    },
  ];
}
