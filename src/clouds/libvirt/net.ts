/** IPv4 arithmetic for static VM addresses, and the stable MAC addresses and UUIDs of VMs. */
import { createHash } from 'node:crypto';

/** `192.0.2.10` → its 32-bit number. */
export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) {
    throw new Error(`libvirt: not an IPv4 address: ${ip}`);
  }
  return parts.reduce((acc, n) => acc * 256 + n, 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Network number, prefix length and whether `ip` lies in `cidr`. */
export function parseCidr(cidr: string): { base: number; prefix: number } {
  const [ip, len] = cidr.split('/');
  const prefix = Number(len);
  const size = 2 ** (32 - prefix);
  return { base: Math.floor(ipToInt(ip ?? '') / size) * size, prefix };
}

export function inCidr(ip: string, cidr: string): boolean {
  const { base, prefix } = parseCidr(cidr);
  const n = ipToInt(ip);
  return n >= base && n < base + 2 ** (32 - prefix);
}

/** First and last address of a MetalLB-style range (`a-b` or a CIDR block). */
export function rangeBounds(range: string): { first: number; last: number } {
  if (range.includes('/')) {
    const { base, prefix } = parseCidr(range);
    return { first: base, last: base + 2 ** (32 - prefix) - 1 };
  }
  const [a, b] = range.split('-');
  return { first: ipToInt(a ?? ''), last: ipToInt(b ?? '') };
}

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** A locally administered MAC in QEMU's 52:54:00 prefix, derived from the VM's identity. */
export function macFor(seed: string): string {
  const d = digest(`mac:${seed}`);
  return ['52', '54', '00', ...[0, 1, 2].map((i) => (d[i] ?? 0).toString(16).padStart(2, '0'))].join(':');
}

/** A name-based UUID (version 5 layout, SHA-256 bits), stable for the same VM. */
export function uuidFor(seed: string): string {
  const d = digest(`uuid:${seed}`);
  const b = [...d.subarray(0, 16)];
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
