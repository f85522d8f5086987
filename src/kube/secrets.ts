/**
 * Secrets on the wire and on screen. Render writes `stringData` (readable in
 * `plan --include-secrets`); the apiserver stores only `data`, so aglais sends
 * `data` to make "is it unchanged?" a plain comparison. Anything shown to a
 * person has Secret values replaced by a digest: equal values show equal
 * digests, so a diff still says which key changed, never what it holds.
 */
import { createHash } from 'node:crypto';
import type { KubernetesObject } from '../render/types.js';

const isSecret = (o: { apiVersion?: unknown; kind?: unknown }): boolean =>
  o.kind === 'Secret' && o.apiVersion === 'v1';

/** The object as aglais sends it: a Secret's stringData folded into base64 data. */
export function toWire(o: KubernetesObject): KubernetesObject {
  if (!isSecret(o) || o['stringData'] === undefined) return o;
  const { stringData, ...rest } = o as KubernetesObject & { stringData?: Record<string, string> };
  const data: Record<string, string> = { ...((rest['data'] as Record<string, string> | undefined) ?? {}) };
  for (const [k, v] of Object.entries(stringData ?? {})) data[k] = Buffer.from(v, 'utf8').toString('base64');
  const sorted = Object.fromEntries(
    Object.keys(data)
      .sort()
      .map((k) => [k, data[k]]),
  );
  return { ...rest, data: sorted };
}

function digest(v: unknown): string {
  return `(secret, sha256:${createHash('sha256').update(String(v)).digest('hex').slice(0, 12)})`;
}

/** A copy safe to print: Secret values replaced by digests; other objects unchanged. */
export function redact<T extends Record<string, unknown>>(o: T): T {
  if (!isSecret(o)) return o;
  const out: Record<string, unknown> = { ...o };
  for (const field of ['data', 'stringData']) {
    const values = o[field] as Record<string, unknown> | undefined;
    if (values && typeof values === 'object') {
      out[field] = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, digest(v)]));
    }
  }
  return out as T;
}
