/** Kubernetes quantities as numbers: bytes as MiB, CPU as millicores, and back. */

const byteFactors: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
};

/** `8Gi` → 8192; `512Mi` → 512; `1G` → 953.67… */
export function mib(size: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)([A-Za-z]*)$/.exec(size);
  const f = m ? byteFactors[m[2] ?? ''] : undefined;
  if (!m || f === undefined) throw new Error(`platform: not a size: ${size}`);
  return (Number(m[1]) * f) / 2 ** 20;
}

/** `2` → 2000; `500m` → 500; `1.5` → 1500. */
export function millicores(q: string | number): number {
  const s = String(q);
  const m = /^([0-9]+(?:\.[0-9]+)?)(m?)$/.exec(s);
  if (!m) throw new Error(`platform: not a CPU quantity: ${s}`);
  return m[2] === 'm' ? Number(m[1]) : Math.round(Number(m[1]) * 1000);
}

/** MiB as the shortest exact quantity: 8192 → `8Gi`, 8806 → `8806Mi`. */
export function quantityMiB(v: number): string {
  const whole = Math.ceil(v);
  return whole % 1024 === 0 ? `${whole / 1024}Gi` : `${whole}Mi`;
}

/** Spark's memory strings (JVM style): 7Gi → `7g`, 1536Mi → `1536m`. */
export function sparkMemory(size: string): string {
  const v = Math.ceil(mib(size));
  return v % 1024 === 0 ? `${v / 1024}g` : `${v}m`;
}

/** Spark's default memory overhead on Kubernetes: max(factor × memory, 384 MiB). */
export function sparkOverheadMiB(memoryMiB: number, factor = 0.1): number {
  return Math.max(Math.floor(memoryMiB * factor), 384);
}
