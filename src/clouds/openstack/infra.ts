/** CAPO objects: the OpenStackCluster and machine templates (infrastructure.cluster.x-k8s.io/v1beta1, CAPO v0.14). */
import { object } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { MachineRequest, PlatformOn } from '../types.js';

export const capoVersion = 'infrastructure.cluster.x-k8s.io/v1beta1';

type OS = PlatformOn<'openstack'>;

/** CAPO's filter form of a name-or-id reference. */
export function filterRef(r: {
  name?: string | undefined;
  id?: string | undefined;
}): Record<string, unknown> {
  return r.id !== undefined ? { id: r.id } : { filter: { name: r.name } };
}

export function identityRef(p: OS): Record<string, unknown> {
  const c = p.spec.cloud;
  return {
    type: 'Secret',
    name: c.credentials.secretName,
    cloudName: c.cloudName,
    ...(c.region ? { region: c.region } : {}),
  };
}

export function openstackCluster(p: OS, namespace: string): KubernetesObject {
  const c = p.spec.cloud;
  const net = c.network;
  const spec: Record<string, unknown> = {
    identityRef: identityRef(p),
    // Calico VXLAN, kubelet and node ports between nodes of the same cluster.
    managedSecurityGroups: { allowAllInClusterTraffic: true },
  };
  if ('existing' in net) {
    spec['network'] = filterRef(net.existing);
    if (net.subnet) spec['subnets'] = [filterRef(net.subnet)];
  } else {
    spec['managedSubnets'] = [
      {
        cidr: net.create.cidr,
        ...(net.create.dnsNameservers.length ? { dnsNameservers: net.create.dnsNameservers } : {}),
      },
    ];
  }
  if (c.externalNetwork) spec['externalNetwork'] = filterRef(c.externalNetwork);
  spec['apiServerLoadBalancer'] =
    c.loadBalancer === 'none'
      ? { enabled: false }
      : {
          enabled: true,
          provider: c.loadBalancer,
          ...(c.allowedCIDRs.length ? { allowedCIDRs: c.allowedCIDRs } : {}),
        };
  if (c.apiServerFloatingIP) spec['apiServerFloatingIP'] = c.apiServerFloatingIP;
  if (c.availabilityZone) spec['controlPlaneAvailabilityZones'] = [c.availabilityZone];
  return object(p, capoVersion, 'OpenStackCluster', p.metadata.name, namespace, { spec });
}

export function openstackMachineTemplate(
  p: OS,
  m: MachineRequest,
): { kind: string; spec: Record<string, unknown> } {
  const c = p.spec.cloud;
  const spec: Record<string, unknown> = {
    flavor: m.size,
    image: filterRef(c.image),
  };
  if (c.sshKeyName) spec['sshKeyName'] = c.sshKeyName;
  if (m.rootVolume) {
    spec['rootVolume'] = {
      sizeGiB: m.rootVolume.sizeGiB,
      ...(m.rootVolume.type ? { type: m.rootVolume.type } : {}),
      ...(c.volumeAvailabilityZone
        ? { availabilityZone: { from: 'Name', name: c.volumeAvailabilityZone } }
        : {}),
    };
  }
  if (c.additionalNetworks.length) {
    // An explicit port list replaces the default one: the first port (no network) stays on the cluster network.
    spec['ports'] = [{}, ...c.additionalNetworks.map((n) => ({ network: filterRef(n) }))];
  }
  return { kind: 'OpenStackMachineTemplate', spec };
}
