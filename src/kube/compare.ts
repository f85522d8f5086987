/**
 * Would a server-side apply change anything? Answered from the live object
 * alone, so that an unchanged platform costs reads but no writes: the apply
 * is a no-op when every field we send already has our value and every field
 * our manager owns is one we still send (else the apply would remove it).
 * Pure; unsure cases answer "apply", which is always safe.
 */

import { createHash } from 'node:crypto';

type Json = unknown;

interface ManagedEntry {
  readonly manager?: string;
  readonly operation?: string;
  readonly fieldsV1?: Record<string, unknown>;
}

const quantity = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;
const factor: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

function quantityValue(v: string): number | undefined {
  const m = quantity.exec(v);
  if (!m) return undefined;
  const f = factor[m[2] ?? ''];
  return f === undefined ? undefined : Number(m[1]) * f;
}

/** Scalars equal as the apiserver stores them: 8 ≡ "8", "1024Mi" ≡ "1Gi". */
function sameScalar(a: Json, b: Json): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' || typeof a === 'string') && (typeof b === 'number' || typeof b === 'string')) {
    if (String(a) === String(b)) return true;
    const qa = quantityValue(String(a));
    const qb = quantityValue(String(b));
    return qa !== undefined && qb !== undefined && Math.abs(qa - qb) <= 1e-9 * Math.max(1, Math.abs(qa));
  }
  return false;
}

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every field of `want` is present in `have` with the same value (`have` may hold more). */
export function isSubset(want: Json, have: Json): boolean {
  if (want === null || want === undefined) return have === null || have === undefined;
  if (Array.isArray(want)) {
    return Array.isArray(have) && want.length === have.length && want.every((w, i) => isSubset(w, have[i]));
  }
  if (isObject(want)) {
    if (!isObject(have)) return false;
    return Object.entries(want).every(([k, w]) => isSubset(w, have[k]));
  }
  return sameScalar(want, have);
}

function matchesKey(item: Json, key: Record<string, Json>): boolean {
  return isObject(item) && Object.entries(key).every(([k, v]) => sameScalar(v, item[k]));
}

function deepEqual(a: Json, b: Json): boolean {
  return isSubset(a, b) && isSubset(b, a);
}

/** Every field in the managed-fields set `node` exists in `value`. */
export function fieldsCovered(node: Record<string, unknown>, value: Json): boolean {
  for (const [k, child] of Object.entries(node)) {
    if (k === '.') continue;
    let next: Json;
    if (k.startsWith('f:')) {
      if (!isObject(value) || value[k.slice(2)] === undefined) return false;
      next = value[k.slice(2)];
    } else if (k.startsWith('k:')) {
      if (!Array.isArray(value)) return false;
      let key: Record<string, Json>;
      try {
        key = JSON.parse(k.slice(2)) as Record<string, Json>;
      } catch {
        return false;
      }
      next = value.find((item) => matchesKey(item, key));
      if (next === undefined) return false;
    } else if (k.startsWith('v:')) {
      if (!Array.isArray(value)) return false;
      let v: Json;
      try {
        v = JSON.parse(k.slice(2));
      } catch {
        return false;
      }
      if (!value.some((item) => deepEqual(v, item))) return false;
      continue;
    } else if (k.startsWith('i:')) {
      if (!Array.isArray(value)) return false;
      next = value[Number(k.slice(2))];
      if (next === undefined) return false;
    } else {
      return false;
    }
    if (isObject(child) && Object.keys(child).length > 0 && !fieldsCovered(child, next)) return false;
  }
  return true;
}

/** Annotation holding a digest of the configuration aglais last applied. */
export const appliedAnnotation = 'aglais.dev/applied';

function stable(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A digest of a configuration, independent of key order. */
export function configDigest(o: Record<string, unknown>): string {
  return createHash('sha256').update(stable(o)).digest('hex').slice(0, 20);
}

/** `o` carrying the digest of itself, as aglais applies it. */
export function withDigest<
  T extends { metadata: { annotations?: Record<string, string>; [k: string]: unknown } },
>(o: T): T {
  const digest = configDigest(o as unknown as Record<string, unknown>);
  return {
    ...o,
    metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [appliedAnnotation]: digest } },
  };
}

/**
 * True when applying `desired` as `manager` would change `live` (or its field
 * ownership); false only when it provably would not. With the digest
 * annotation the set of fields sent is known to be the same as last time
 * (fields a mutating webhook added during that apply are also ours, so the
 * managed-fields walk alone would see them as "no longer sent"); without it,
 * every field our manager owns must still be sent.
 */
export function applyChanges(
  desired: Record<string, unknown>,
  live: Record<string, unknown>,
  manager: string,
): boolean {
  const meta = live['metadata'] as
    { managedFields?: readonly ManagedEntry[]; annotations?: Record<string, string> } | undefined;
  const mine = (meta?.managedFields ?? []).filter((m) => m.manager === manager && m.operation === 'Apply');
  if (mine.length !== 1) return true;
  if (!isSubset(desired, live)) return true;
  const want = (desired['metadata'] as { annotations?: Record<string, string> } | undefined)?.annotations?.[
    appliedAnnotation
  ];
  if (want !== undefined) return meta?.annotations?.[appliedAnnotation] !== want;
  return !fieldsCovered(mine[0]?.fieldsV1 ?? {}, desired);
}
