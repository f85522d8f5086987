/**
 * Cluster API objects of k0smotron's remote-machine provider
 * (infrastructure.cluster.x-k8s.io/v1beta2, k0smotron v2.1): a RemoteCluster
 * carrying the API server VIP, one RemoteMachineTemplate per group naming its
 * pool, and a PooledRemoteMachine for every VM aglais defines on the hosts.
 * Bootstrap stays CAPI's kubeadm: k0smotron runs its cloud-init over SSH.
 */
import { object } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { MachineRequest, PlatformOn } from '../types.js';
import { resetScript } from './node-scripts.js';
import { controlPlaneGroup, machinePool, placeVms } from './placement.js';
import { sshPort } from './seed.js';

type LV = PlatformOn<'libvirt'>;

export const k0smotronInfraVersion = 'infrastructure.cluster.x-k8s.io/v1beta2';
export const hostLabel = 'aglais.dev/libvirt-host';
export const groupLabel = 'aglais.dev/libvirt-group';

export function remoteCluster(p: LV, namespace: string): KubernetesObject {
  return object(p, k0smotronInfraVersion, 'RemoteCluster', p.metadata.name, namespace, {
    spec: { controlPlaneEndpoint: { host: p.spec.cloud.apiServerVIP, port: 6443 } },
  });
}

export function remoteMachineTemplate(
  p: LV,
  m: MachineRequest,
): { kind: string; spec: Record<string, unknown> } {
  const group = m.role === 'control-plane' ? controlPlaneGroup : (m.pool?.name ?? 'workers');
  return { kind: 'RemoteMachineTemplate', spec: { pool: machinePool(p, group) } };
}

/** One PooledRemoteMachine per VM; a machine of the group claims one and k0smotron copies it. */
export function pooledRemoteMachines(p: LV, namespace: string): KubernetesObject[] {
  return placeVms(p).vms.map((vm) =>
    object(
      p,
      k0smotronInfraVersion,
      'PooledRemoteMachine',
      vm.name,
      namespace,
      {
        spec: {
          pool: machinePool(p, vm.group),
          machine: {
            address: vm.address,
            port: sshPort,
            user: 'root',
            sshKeyRef: { name: p.spec.cloud.credentials.secretName },
            // kubeadm bootstrap is not k0s: k0smotron runs these instead of its own k0s reset.
            cleanUpCommands: [resetScript],
          },
        },
      },
      { [hostLabel]: vm.host, [groupLabel]: vm.group },
    ),
  );
}
