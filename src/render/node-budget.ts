/**
 * What a node keeps for itself: the kubelet's reservations and eviction
 * threshold, as the capacity check assumes them and as the kubelet of every
 * pool with a known capacity is told (kubeletReservationArgs). Formulas are in
 * src/platform/capacity.ts's header.
 */
export interface Resources {
  /** millicores */
  readonly cpu: number;
  /** MiB */
  readonly memory: number;
  /** MiB of ephemeral storage */
  readonly ephemeral: number;
}

export interface NodeBudget {
  readonly capacity: Resources;
  readonly kubeReserved: Resources;
  readonly systemReserved: Resources;
  readonly eviction: Resources;
  readonly allocatable: Resources;
}

const GiB = 1024;

/** Sum of `rate × part` over consecutive tiers of `size` each: GKE's way of reserving. */
function tiered(capacity: number, tiers: readonly (readonly [size: number, rate: number])[]): number {
  let left = capacity;
  let out = 0;
  for (const [size, rate] of tiers) {
    const part = Math.min(left, size);
    out += part * rate;
    left -= part;
    if (left <= 0) break;
  }
  return out;
}

/** GKE's kube-reserved memory, MiB, for a machine of `capacity` MiB. */
export function kubeReservedMemory(capacity: number): number {
  if (capacity < GiB) return 255;
  return tiered(capacity, [
    [4 * GiB, 0.25],
    [4 * GiB, 0.2],
    [8 * GiB, 0.1],
    [112 * GiB, 0.06],
    [Infinity, 0.02],
  ]);
}

/** GKE's kube-reserved CPU, millicores, for a machine of `capacity` millicores. */
export function kubeReservedCpu(capacity: number): number {
  return tiered(capacity, [
    [1000, 0.06],
    [1000, 0.01],
    [2000, 0.005],
    [Infinity, 0.0025],
  ]);
}

export const systemReserved: Resources = { cpu: 100, memory: 100, ephemeral: 0 };
export const evictionMemory = 100;
export const evictionEphemeralFraction = 0.1;

export function nodeBudget(cap: { cpu: number; memoryGiB: number; ephemeralGiB?: number }): NodeBudget {
  const capacity: Resources = {
    cpu: cap.cpu * 1000,
    memory: cap.memoryGiB * GiB,
    ephemeral: (cap.ephemeralGiB ?? 0) * GiB,
  };
  const kubeReserved: Resources = {
    // Whole millicores and MiB, as the kubelet flags carry them (kubeletReservationArgs).
    cpu: Math.ceil(kubeReservedCpu(capacity.cpu)),
    memory: Math.ceil(kubeReservedMemory(capacity.memory)),
    ephemeral: 0,
  };
  const eviction: Resources = {
    cpu: 0,
    memory: evictionMemory,
    ephemeral: capacity.ephemeral * evictionEphemeralFraction,
  };
  const allocatable: Resources = {
    cpu: capacity.cpu - kubeReserved.cpu - systemReserved.cpu - eviction.cpu,
    memory: capacity.memory - kubeReserved.memory - systemReserved.memory - eviction.memory,
    ephemeral: capacity.ephemeral - eviction.ephemeral,
  };
  return { capacity, kubeReserved, systemReserved, eviction, allocatable };
}

/** The kubelet flags that make a node's allocatable what {@link nodeBudget} computes. */
export function kubeletReservationArgs(cap: {
  cpu: number;
  memoryGiB: number;
  ephemeralGiB?: number;
}): Record<string, string> {
  const b = nodeBudget(cap);
  return {
    'kube-reserved': `cpu=${b.kubeReserved.cpu}m,memory=${b.kubeReserved.memory}Mi`,
    'system-reserved': `cpu=${systemReserved.cpu}m,memory=${systemReserved.memory}Mi`,
    'eviction-hard': `memory.available<${evictionMemory}Mi,nodefs.available<${evictionEphemeralFraction * 100}%`,
  };
}
