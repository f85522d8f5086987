/**
 * The NoCloud seed of each VM (user-data, meta-data, network-config): root's
 * SSH key for k0smotron, containerd and kernel settings for kubeadm, the node
 * scripts, the kubelet's provider ID, and a static address. Checked by
 * `cloud-init schema` and cloud-init's own network renderer in the tests.
 */
import { stringify } from 'yaml';
import type { PlatformOn } from '../types.js';
import {
  kubeVipManifest,
  kubeVipSource,
  prepareScript,
  prepareScriptText,
  resetScript,
  resetScriptText,
} from './node-scripts.js';
import { parseCidr } from './net.js';
import type { VmPlan } from './placement.js';

type LV = PlatformOn<'libvirt'>;

/** Interface name inside the VM (network-config renames the NIC by its MAC). */
export const nodeInterface = 'eth0';
/** SSH port k0smotron reaches the VMs on. */
export const sshPort = 22;

/** What Cluster API expects in the Node's spec.providerID (k0smotron's RemoteMachine form). */
export function providerID(vm: VmPlan): string {
  return `remote-machine://${vm.address}:${sshPort}`;
}

const yamlOptions = { version: '1.1', lineWidth: 0 } as const;

export function userData(p: LV, vm: VmPlan): string {
  const c = p.spec.cloud;
  const files: Record<string, unknown>[] = [
    { path: prepareScript, permissions: '0755', owner: 'root:root', content: prepareScriptText() },
    { path: resetScript, permissions: '0755', owner: 'root:root', content: resetScriptText() },
    {
      path: '/etc/modules-load.d/kubernetes.conf',
      permissions: '0644',
      content: 'overlay\nbr_netfilter\n',
    },
    {
      path: '/etc/sysctl.d/90-kubernetes.conf',
      permissions: '0644',
      content:
        'net.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\nnet.ipv4.ip_forward = 1\n',
    },
    {
      // kubeadm's kubelet unit reads this file; without a CCM nothing else sets the provider ID.
      path: '/etc/default/kubelet',
      permissions: '0644',
      content: `KUBELET_EXTRA_ARGS=--provider-id=${providerID(vm)}\n`,
    },
  ];
  if (vm.role === 'control-plane') {
    files.push({
      path: kubeVipSource,
      permissions: '0600',
      owner: 'root:root',
      content: stringify(kubeVipManifest(c.apiServerVIP, nodeInterface), yamlOptions),
    });
  }
  const config = {
    hostname: vm.name,
    manage_etc_hosts: true,
    // k0smotron logs in as root with this key; passwords stay off.
    disable_root: false,
    ssh_pwauth: false,
    ssh_authorized_keys: [c.sshPublicKey],
    package_update: true,
    packages: ['containerd', 'apt-transport-https', 'ca-certificates', 'curl', 'gpg', 'qemu-guest-agent'],
    write_files: files,
    runcmd: [
      ['modprobe', 'overlay'],
      ['modprobe', 'br_netfilter'],
      ['sysctl', '--system'],
      ['sh', '-c', 'mkdir -p /etc/containerd && containerd config default > /etc/containerd/config.toml'],
      ['sed', '-i', 's/SystemdCgroup = false/SystemdCgroup = true/', '/etc/containerd/config.toml'],
      ['systemctl', 'restart', 'containerd'],
      ['systemctl', 'enable', '--now', 'qemu-guest-agent'],
      // Warm the VM with the platform's release; the bootstrap runs the same script again.
      [prepareScript, p.spec.kubernetes.version],
    ],
  };
  return `#cloud-config\n${stringify(config, yamlOptions)}`;
}

export function metaData(vm: VmPlan): string {
  return stringify({ 'instance-id': `iid-${vm.uuid}`, 'local-hostname': vm.name }, yamlOptions);
}

export function networkConfig(p: LV, vm: VmPlan): string {
  const n = p.spec.cloud.network;
  const { prefix } = parseCidr(n.cidr);
  const eth: Record<string, unknown> = {
    match: { macaddress: vm.mac },
    'set-name': nodeInterface,
    addresses: [`${vm.address}/${prefix}`],
    routes: [{ to: '0.0.0.0/0', via: n.gateway }],
  };
  if (n.nameservers.length) eth['nameservers'] = { addresses: n.nameservers };
  return stringify({ version: 2, ethernets: { [nodeInterface]: eth } }, yamlOptions);
}
