/**
 * The team's own libvirt hosts. aglais defines the VMs itself (./hosts.ts) and
 * Cluster API manages Kubernetes on them through k0smotron's RemoteMachine
 * provider with CAPI's kubeadm bootstrap (the reasons are in docs/libvirt.md).
 */
import type { CloudModule, KubeadmExtras, PlatformOn } from '../types.js';
import { libvirtAddons } from './addons.js';
import { hostArtefacts } from './hosts.js';
import { vmTable } from './write.js';
import {
  k0smotronInfraVersion,
  pooledRemoteMachines,
  remoteCluster,
  remoteMachineTemplate,
} from './infra.js';
import { prepareScript } from './node-scripts.js';
import { placeVms } from './placement.js';
import { builtinCapacities } from './sizes.js';
import { libvirtStorageClasses, localClass, metallbResourceSet, nfsClass } from './storage.js';

type LV = PlatformOn<'libvirt'>;

export const libvirt: CloudModule<'libvirt'> = {
  provider: 'libvirt',
  sizes: builtinCapacities,
  facts: (p: LV) => ({
    title: `libvirt (${p.spec.cloud.hosts.length} host${p.spec.cloud.hosts.length === 1 ? '' : 's'})`,
    capiProvider: 'k0smotron RemoteMachine v2.1 (kubeadm bootstrap)',
    ccm: null,
    blockStorage: {
      driver: 'openebs.io/local',
      storageClass: localClass,
      note: 'node-local volumes on the VM disk (OpenEBS LocalPV hostpath)',
    },
    sharedStorage: p.spec.cloud.sharedStorage?.nfs
      ? {
          driver: 'nfs.csi.k8s.io',
          storageClass: nfsClass,
          note: `NFS export ${p.spec.cloud.sharedStorage.nfs.server}:${p.spec.cloud.sharedStorage.nfs.share}`,
        }
      : null,
    objectStore: null,
    loadBalancer: `MetalLB L2 (${p.spec.cloud.ingressAddresses}); kube-vip for the API server`,
    substitutes: [
      {
        missing: 'Cluster API provider for libvirt',
        instead: 'VMs defined by aglais, run as k0smotron PooledRemoteMachines',
      },
      {
        missing: 'cloud controller manager',
        instead: 'none: provider IDs set by the VM seed, addresses static',
      },
      {
        missing: 'load balancer',
        instead: `kube-vip VIP ${p.spec.cloud.apiServerVIP}; MetalLB for Services`,
      },
      { missing: 'block storage service', instead: 'OpenEBS LocalPV hostpath on the VM disks' },
      ...(p.spec.cloud.sharedStorage
        ? []
        : [{ missing: 'shared (RWX) storage', instead: 'none until spec.cloud.sharedStorage.nfs is given' }]),
      { missing: 'object store', instead: 'an S3-compatible server you provide (data-set endpoint)' },
    ],
  }),
  check: (p: LV) => [...placeVms(p).issues],
  capi: {
    infraApiVersion: k0smotronInfraVersion,
    infraCluster: remoteCluster,
    machineTemplate: remoteMachineTemplate,
    kubeadm: (p: LV): KubeadmExtras => ({
      // No CCM: the kubelet's provider ID comes from the VM seed (/etc/default/kubelet).
      kubeletExtraArgs: {},
      // Pool VMs outlive machines: bring each to the platform's release before kubeadm runs.
      preKubeadmCommands: [`${prepareScript} ${p.spec.kubernetes.version}`],
    }),
    extraObjects: (p: LV, namespace: string) => [
      ...pooledRemoteMachines(p, namespace),
      ...metallbResourceSet(p, namespace),
    ],
  },
  credentials: (p: LV) => [
    { name: p.spec.cloud.credentials.secretName, keys: ['value'], from: 'spec.cloud.credentials' },
  ],
  // Two roomy stand-in hosts, so that compare shows any platform here.
  compareSettings: {
    hosts: [1, 2].map((n) => ({
      name: `hv${n}`,
      uri: `qemu+ssh://aglais@hv${n}.example.org/system`,
      capacity: { cpu: 512, memory: '4Ti' },
    })),
    network: {
      bridge: 'br0',
      cidr: '192.0.2.0/24',
      gateway: '192.0.2.1',
      addresses: { first: '192.0.2.20', last: '192.0.2.219', perGroup: 40 },
    },
    image: { url: 'https://cloud-images.example.org/noble-server-cloudimg-amd64.img' },
    credentials: { secretName: 'vm-ssh-key' },
    sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIStandInStandInStandInStandInStandInStandIn aglais',
    apiServerVIP: '192.0.2.10',
    ingressAddresses: '192.0.2.240-192.0.2.250',
  },
  addons: libvirtAddons,
  hostArtefacts,
  planNotes: (p: LV) => `Virtual machines:\n${vmTable(p)}`,
  ingressService: (p: LV) => ({
    type: 'LoadBalancer',
    // A fixed address, so that DNS for the platform domain is set once.
    annotations: { 'metallb.io/loadBalancerIPs': firstAddress(p.spec.cloud.ingressAddresses) },
  }),
  storageClasses: libvirtStorageClasses,
};

function firstAddress(range: string): string {
  return range.split(/[-/]/)[0] ?? range;
}
