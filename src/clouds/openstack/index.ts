/** OpenStack through Cluster API Provider OpenStack (CAPO v0.14). */
import type { CloudModule, PlatformOn } from '../types.js';
import { cloudConf, cloudConfigSecret, manilaSecret, openstackAddons } from './addons.js';
import { capoVersion, openstackCluster, openstackMachineTemplate } from './infra.js';
import { cinderClass, manilaClass, openstackStorageClasses } from './storage.js';

type OS = PlatformOn<'openstack'>;

export const openstack: CloudModule<'openstack'> = {
  provider: 'openstack',
  // Flavors are per site: give pools a `capacity` for the capacity check.
  sizes: {},
  facts: (p: OS) => ({
    title: 'OpenStack',
    capiProvider: 'CAPO v0.14',
    ccm: 'openstack-cloud-controller-manager',
    blockStorage: { driver: 'cinder.csi.openstack.org', storageClass: cinderClass },
    sharedStorage: {
      driver: 'cephfs.manila.csi.openstack.org',
      storageClass: manilaClass,
      note: 'Manila CephFS shares, mounted by the ceph-csi CephFS node plugin',
    },
    objectStore: { name: 'Ceph RGW / Swift S3 API', s3: true, note: 'path-style addressing' },
    loadBalancer: p.spec.cloud.loadBalancer === 'none' ? null : `Octavia (${p.spec.cloud.loadBalancer})`,
    substitutes:
      p.spec.cloud.loadBalancer === 'none'
        ? [
            {
              missing: 'load balancer',
              instead:
                'API server on a floating IP; ingress on NodePorts 30080/30443 behind an external proxy',
            },
          ]
        : [],
  }),
  check: (p: OS) => {
    const out = [];
    if (p.spec.cloud.loadBalancer === 'none' && p.spec.controlPlane.replicas > 1) {
      out.push({
        path: ['spec', 'cloud', 'loadBalancer'],
        message: `without a load balancer the API server is reached through one machine's floating IP: ${p.spec.controlPlane.replicas} control-plane replicas would not be highly available (use replicas: 1, or loadBalancer amphora or ovn)`,
      });
    }
    p.spec.datasets.forEach((d, i) => {
      // The Manila CSI driver mounts a share only by its access rule's id (shareAccessIDs).
      if (d.source.type === 'manila' && d.source.mode === 'csi' && d.source.accessRuleID === undefined) {
        out.push({
          path: ['spec', 'datasets', i, 'source'],
          message: `the Manila CSI driver needs the access rule's id: give source.accessRuleID (openstack share access list ${d.source.shareName ?? d.source.shareID ?? ''}), or use mode nodeMount with the access rule name`,
        });
      }
    });
    return out;
  },
  capi: {
    infraApiVersion: capoVersion,
    infraCluster: openstackCluster,
    machineTemplate: openstackMachineTemplate,
    kubeadm: () => ({
      kubeletExtraArgs: { 'cloud-provider': 'external' },
      // Nova's hostname, so that the CCM can find the server by node name.
      nodeName: '{{ local_hostname }}',
    }),
  },
  credentials: (p: OS) => [
    {
      name: p.spec.cloud.credentials.secretName,
      keys: ['clouds.yaml', 'cacert'],
      from: 'spec.cloud.credentials',
    },
    {
      name: cloudConfigSecret,
      keys: ['clouds.yaml', 'cacert', 'cloud.conf'],
      from: 'spec.cloud.credentials',
      workloadNamespace: 'kube-system',
      generated: { 'cloud.conf': cloudConf(p) },
    },
    {
      name: manilaSecret,
      keys: ['os-authURL', 'os-region', 'os-applicationCredentialID', 'os-applicationCredentialSecret'],
      from: 'spec.cloud.credentials',
      workloadNamespace: 'kube-system',
      derived: true,
    },
  ],
  addons: openstackAddons,
  ingressService: (p: OS) =>
    p.spec.cloud.loadBalancer === 'none'
      ? { type: 'NodePort', annotations: {} }
      : { type: 'LoadBalancer', annotations: {} },
  storageClasses: openstackStorageClasses,
};
