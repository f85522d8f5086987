/**
 * Which VMs a platform needs and where they go: one group for the control
 * plane and one per node pool, each with `spares` extra VMs; each VM gets a
 * host, a static address from its group's block, a MAC and a UUID. Pure and
 * deterministic: the same spec always places the same VMs on the same hosts.
 */
import type { RawIssue } from '../../spec/zod-issues.js';
import type { PlatformOn } from '../types.js';
import { intToIp, inCidr, ipToInt, macFor, rangeBounds, uuidFor } from './net.js';
import { sizeNames, sizeOf, toMiB, type VmSize } from './sizes.js';

type LV = PlatformOn<'libvirt'>;

/** The group name of the control plane in `poolHosts` and VM names. */
export const controlPlaneGroup = 'control-plane';

export interface VmPlan {
  /** Domain name and hostname: `<platform>-<group>-<n>`. */
  readonly name: string;
  readonly group: string;
  readonly role: 'control-plane' | 'worker';
  readonly index: number;
  readonly host: string;
  readonly address: string;
  readonly mac: string;
  readonly uuid: string;
  readonly sizeName: string;
  readonly size: VmSize;
}

export interface Placement {
  readonly vms: readonly VmPlan[];
  readonly issues: readonly RawIssue[];
}

interface Group {
  readonly name: string;
  readonly role: 'control-plane' | 'worker';
  readonly count: number;
  readonly sizeName: string | undefined;
  readonly at: RawIssue['path'];
}

function groups(p: LV): Group[] {
  const spares = p.spec.cloud.spares;
  return [
    {
      name: controlPlaneGroup,
      role: 'control-plane',
      count: p.spec.controlPlane.replicas + spares,
      sizeName: p.spec.controlPlane.size,
      at: ['spec', 'controlPlane'],
    },
    ...p.spec.nodePools.map((pool, i): Group => ({
      name: pool.name,
      role: 'worker',
      // An autoscaled pool needs a VM for every machine it may grow to.
      count: (pool.replicas ?? pool.autoscale?.max ?? 0) + spares,
      sizeName: pool.size,
      at: ['spec', 'nodePools', i],
    })),
  ];
}

/** Pool name of a group's PooledRemoteMachines. */
export function machinePool(p: LV, group: string): string {
  return `${p.metadata.name}-${group}`;
}

export function placeVms(p: LV): Placement {
  const c = p.spec.cloud;
  const issues: RawIssue[] = [];
  const vms: VmPlan[] = [];
  const used = new Map(c.hosts.map((h) => [h.name, { cpu: 0, memMiB: 0 }]));
  const limit = new Map(
    c.hosts.map((h) => [h.name, { cpu: h.capacity.cpu, memMiB: toMiB(h.capacity.memory) }]),
  );
  const hostNames = c.hosts.map((h) => h.name);
  const known = new Set([controlPlaneGroup, ...p.spec.nodePools.map((n) => n.name)]);
  for (const [group, hosts] of Object.entries(c.poolHosts).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!known.has(group)) {
      issues.push({
        path: ['spec', 'cloud', 'poolHosts', group],
        message: `no group "${group}": expected ${[...known].join(', ')}`,
        key: true,
      });
    }
    hosts.forEach((h, i) => {
      if (!used.has(h)) {
        issues.push({
          path: ['spec', 'cloud', 'poolHosts', group, i],
          message: `no host "${h}" in spec.cloud.hosts: expected one of ${hostNames.join(', ')}`,
        });
      }
    });
  }
  const first = ipToInt(c.network.addresses.first);
  const last = ipToInt(c.network.addresses.last);
  if (last < first) {
    issues.push({
      path: ['spec', 'cloud', 'network', 'addresses', 'last'],
      message: `the address range ends (${c.network.addresses.last}) before it starts (${c.network.addresses.first})`,
    });
  }
  const stride = c.network.addresses.perGroup;

  groups(p).forEach((g, gi) => {
    if (g.name === controlPlaneGroup && p.spec.nodePools.some((n) => n.name === controlPlaneGroup)) {
      issues.push({ path: g.at, message: `on libvirt a pool may not be named ${controlPlaneGroup}` });
    }
    const size = sizeOf(c, g.sizeName);
    if (g.sizeName !== undefined && size === undefined) {
      issues.push({
        path: [...g.at, 'size'],
        message: `${g.role === 'control-plane' ? 'the control plane' : `pool "${g.name}"`} needs a size libvirt knows: "${g.sizeName}" is not one of ${sizeNames(c).join(', ')} or a spec.cloud.sizes entry`,
      });
    }
    if (g.count > stride) {
      issues.push({
        path: g.at,
        message: `${g.count} VMs (with ${c.spares} spare) do not fit the ${stride} addresses each group has: raise spec.cloud.network.addresses.perGroup`,
      });
    }
    if (size === undefined) return;
    const allowed = (c.poolHosts[g.name] ?? hostNames).filter((h) => used.has(h));
    const onHost = new Map<string, number>();
    let over = false;
    for (let i = 0; i < g.count; i++) {
      const host = pick(allowed, c.placement, size, used, limit, onHost);
      if (host === undefined) break;
      const u = used.get(host) ?? { cpu: 0, memMiB: 0 };
      const l = limit.get(host) ?? { cpu: 0, memMiB: 0 };
      u.cpu += size.vcpu;
      u.memMiB += size.memoryMiB;
      if (u.cpu > l.cpu || u.memMiB > l.memMiB) over = true;
      onHost.set(host, (onHost.get(host) ?? 0) + 1);
      const addr = first + gi * stride + i;
      const name = `${p.metadata.name}-${g.name}-${i}`;
      if (name.length > 63) {
        issues.push({ path: g.at, message: `VM name ${name} is longer than a host name may be (63)` });
      }
      const seed = `${p.metadata.name}/${name}`;
      vms.push({
        name,
        group: g.name,
        role: g.role,
        index: i,
        host,
        address: intToIp(addr),
        mac: macFor(seed),
        uuid: uuidFor(seed),
        sizeName: g.sizeName ?? '',
        size,
      });
      if (addr > last && i < stride) {
        issues.push({
          path: ['spec', 'cloud', 'network', 'addresses'],
          message: `VM ${name} would get ${intToIp(addr)}, past the last address ${c.network.addresses.last}: widen the range or lower perGroup`,
        });
      }
    }
    if (over) {
      issues.push({
        path: ['spec', 'cloud', 'hosts'],
        message: `the ${g.name} VMs do not fit the capacity of hosts ${allowed.join(', ')}: ${describeUse(used, limit, allowed)}`,
      });
    }
  });
  issues.push(...addressChecks(p, vms));
  return { vms, issues };
}

function pick(
  allowed: readonly string[],
  policy: 'spread' | 'pack',
  size: VmSize,
  used: Map<string, { cpu: number; memMiB: number }>,
  limit: Map<string, { cpu: number; memMiB: number }>,
  onHost: Map<string, number>,
): string | undefined {
  const fits = (h: string): boolean => {
    const u = used.get(h);
    const l = limit.get(h);
    return !!u && !!l && u.cpu + size.vcpu <= l.cpu && u.memMiB + size.memoryMiB <= l.memMiB;
  };
  const free = (h: string): number => (limit.get(h)?.memMiB ?? 0) - (used.get(h)?.memMiB ?? 0);
  const candidates = allowed.some(fits) ? allowed.filter(fits) : [...allowed];
  if (policy === 'pack') return candidates[0];
  // Spread: fewest VMs of this group first (availability), then most free memory, then spec order.
  return [...candidates].sort(
    (a, b) =>
      (onHost.get(a) ?? 0) - (onHost.get(b) ?? 0) ||
      free(b) - free(a) ||
      allowed.indexOf(a) - allowed.indexOf(b),
  )[0];
}

function describeUse(
  used: Map<string, { cpu: number; memMiB: number }>,
  limit: Map<string, { cpu: number; memMiB: number }>,
  hosts: readonly string[],
): string {
  return hosts
    .map((h) => {
      const u = used.get(h) ?? { cpu: 0, memMiB: 0 };
      const l = limit.get(h) ?? { cpu: 0, memMiB: 0 };
      return `${h} needs ${u.cpu}/${l.cpu} vCPU, ${Math.ceil(u.memMiB / 1024)}/${Math.floor(l.memMiB / 1024)} GiB`;
    })
    .join('; ');
}

function addressChecks(p: LV, vms: readonly VmPlan[]): RawIssue[] {
  const c = p.spec.cloud;
  const out: RawIssue[] = [];
  const net = c.network;
  const at = (...rest: string[]): RawIssue['path'] => ['spec', 'cloud', ...rest];
  if (!inCidr(net.gateway, net.cidr)) {
    out.push({ path: at('network', 'gateway'), message: `gateway ${net.gateway} is not in ${net.cidr}` });
  }
  for (const key of ['first', 'last'] as const) {
    if (!inCidr(net.addresses[key], net.cidr)) {
      out.push({
        path: at('network', 'addresses', key),
        message: `${net.addresses[key]} is not in the node network ${net.cidr}`,
      });
    }
  }
  if (!inCidr(c.apiServerVIP, net.cidr)) {
    out.push({
      path: at('apiServerVIP'),
      message: `the API server VIP ${c.apiServerVIP} must be on the node network ${net.cidr} (kube-vip announces it by ARP)`,
    });
  }
  const taken = new Map(vms.map((v) => [ipToInt(v.address), v.name]));
  taken.set(ipToInt(net.gateway), 'the gateway');
  const vip = taken.get(ipToInt(c.apiServerVIP));
  if (vip) out.push({ path: at('apiServerVIP'), message: `${c.apiServerVIP} is also given to ${vip}` });
  const ing = rangeBounds(c.ingressAddresses);
  if (ing.last < ing.first) {
    out.push({
      path: at('ingressAddresses'),
      message: `the range ${c.ingressAddresses} ends before it starts`,
    });
  }
  const clash = [...taken.entries()]
    .filter(([n]) => n >= ing.first && n <= ing.last)
    .map(([n, who]) => `${intToIp(n)} (${who})`);
  if (ipToInt(c.apiServerVIP) >= ing.first && ipToInt(c.apiServerVIP) <= ing.last)
    clash.push(`${c.apiServerVIP} (API server VIP)`);
  if (clash.length) {
    out.push({
      path: at('ingressAddresses'),
      message: `MetalLB's range ${c.ingressAddresses} overlaps addresses already given: ${clash.join(', ')}`,
    });
  }
  return out;
}
