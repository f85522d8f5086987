/** VM sizes: built-in ones plus those the spec defines, and byte sizes in MiB/GiB. */
import type { MachineCapacity } from '../types.js';
import type { LibvirtCloudSpec } from './spec.js';

export interface VmSize {
  readonly vcpu: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
}

/** Built-in sizes; a spec's `sizes` entry of the same name wins. */
export const builtinSizes: Readonly<Record<string, { vcpu: number; memory: string; disk: string }>> = {
  small: { vcpu: 2, memory: '4Gi', disk: '40Gi' },
  medium: { vcpu: 4, memory: '8Gi', disk: '60Gi' },
  large: { vcpu: 8, memory: '32Gi', disk: '100Gi' },
  xlarge: { vcpu: 16, memory: '64Gi', disk: '200Gi' },
  '2xlarge': { vcpu: 32, memory: '128Gi', disk: '400Gi' },
};

const mib: Record<string, number> = {
  '': 1 / 2 ** 20,
  Ki: 1 / 1024,
  Mi: 1,
  Gi: 1024,
  Ti: 1024 ** 2,
  Pi: 1024 ** 3,
  k: 1e3 / 2 ** 20,
  M: 1e6 / 2 ** 20,
  G: 1e9 / 2 ** 20,
  T: 1e12 / 2 ** 20,
  P: 1e15 / 2 ** 20,
};

/** `8Gi` → 8192 (MiB, rounded down). */
export function toMiB(size: string): number {
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(size);
  const factor = m ? mib[m[2] ?? ''] : undefined;
  if (!m || factor === undefined) throw new Error(`libvirt: not a size: ${size}`);
  return Math.floor(Number(m[1]) * factor);
}

export function sizeNames(c: LibvirtCloudSpec): string[] {
  return [...new Set([...Object.keys(builtinSizes), ...Object.keys(c.sizes)])].sort();
}

export function sizeOf(c: LibvirtCloudSpec, name: string | undefined): VmSize | undefined {
  if (name === undefined) return undefined;
  const s = c.sizes[name] ?? builtinSizes[name];
  if (!s) return undefined;
  return { vcpu: s.vcpu, memoryMiB: toMiB(s.memory), diskGiB: Math.ceil(toMiB(s.disk) / 1024) };
}

/** The built-in sizes as machine capacities, for the capacity check. */
export const builtinCapacities: Readonly<Record<string, MachineCapacity>> = Object.fromEntries(
  Object.entries(builtinSizes).map(([name, s]) => [
    name,
    { cpu: s.vcpu, memoryGiB: toMiB(s.memory) / 1024, ephemeralGiB: toMiB(s.disk) / 1024 },
  ]),
);
