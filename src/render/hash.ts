/** Stable content hashes for naming immutable objects (machine templates). */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function stableJSON(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJSON).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJSON(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** First 8 hex digits of the SHA-256 of the value's stable JSON. */
export function shortHash(value: unknown): string {
  return createHash('sha256').update(stableJSON(value)).digest('hex').slice(0, 8);
}
