/**
 * A small on-disk JSON cache for CRD parsing. Parsing a big CRD's YAML takes
 * 50–450 ms; reading the same data as JSON takes a few. Entries are keyed by a
 * hash of what they were made from (paths, sizes, modification times), so a
 * changed file is simply a miss. Every failure to read or write is ignored:
 * the cache only ever saves time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the cache lives: `$AGLAIS_CACHE_DIR`, else `$XDG_CACHE_HOME/aglais/crd-json`,
 * else `~/.cache/aglais/crd-json`; `AGLAIS_CACHE_DIR=off` turns it off (undefined).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['AGLAIS_CACHE_DIR'];
  if (explicit === 'off') return undefined;
  if (explicit !== undefined && explicit !== '') return explicit;
  const xdg = env['XDG_CACHE_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'aglais', 'crd-json');
}

/** A stable key for `parts` (start them with a format version, bumped when what is cached changes). */
export function cacheKey(...parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

export interface JsonCache {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** A cache in `dir`, or one that remembers nothing when dir is undefined. */
export function jsonCache(dir: string | undefined): JsonCache {
  if (dir === undefined) return { get: () => undefined, set: () => undefined };
  return {
    get(key) {
      try {
        return JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as unknown;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      try {
        mkdirSync(dir, { recursive: true });
        // Write then rename: a concurrent reader never sees half a file.
        const tmp = join(dir, `${key}.${process.pid}.tmp`);
        writeFileSync(tmp, JSON.stringify(value));
        renameSync(tmp, join(dir, `${key}.json`));
      } catch {
        // A read-only home or a full disk only costs time.
      }
    },
  };
}
