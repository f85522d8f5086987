/**
 * A catalog of CustomResourceDefinitions read from a directory tree.
 *
 * Parsing YAML is the expensive part (a big CRD takes 50–450 ms), so the scan only
 * reads each document's header — the part of `spec` before `versions:`, where
 * controller-gen puts `group`, `names` and `scope` — with regular expressions, and
 * parses a whole CRD the first time an object of its kind is validated.
 * Documents whose header does not match are parsed at once (correct, only slower).
 * Both the index and parsed CRDs are kept in a JSON cache (./crd-cache.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { cacheKey, defaultCacheDir, jsonCache } from './crd-cache.js';

export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  /** The version's openAPIV3Schema; undefined when the CRD has none. */
  readonly schema: Record<string, unknown> | undefined;
}

export interface Crd {
  readonly group: string;
  readonly kind: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly versions: readonly CrdVersion[];
  /** The file it came from, relative to the catalog directory it was found in. */
  readonly source: string;
}

export interface CrdCatalog {
  readonly dirs: readonly string[];
  /** How many CRDs the scan found. */
  readonly size: number;
  /** The CRD for group+kind (parsed on first use), or undefined. */
  lookup(group: string, kind: string): Crd | undefined;
  /** Every group/kind known, sorted (`Kind.group`). */
  kinds(): string[];
}

export interface CatalogOptions {
  /** JSON cache directory; default: defaultCacheDir() (`~/.cache/aglais/crd-json`); undefined: no cache. */
  readonly cacheDir?: string | undefined;
}

/** Where one CRD document is: enough to find and parse it later. */
interface Entry {
  readonly group: string;
  readonly kind: string;
  readonly file: string;
  readonly source: string;
  readonly start: number;
  readonly end: number;
  /** Identifies the file's content (size and modification time) for the cache. */
  readonly stamp: string;
}

const crdKind = /^kind:\s*["']?CustomResourceDefinition["']?\s*$/m;
const versionsKey = /^\s+versions:\s*$/m;
const groupLine = /^\s+group:\s*["']?([^\s"']+)["']?\s*$/m;
const namesLine = /^\s+names:\s*$/m;
const namesKindLine = /^\s+kind:\s*["']?([^\s"']+)["']?\s*$/m;
const separator = /^---[ \t]*(?:#.*)?$/gm;

function key(group: string, kind: string): string {
  return `${kind}.${group}`;
}

function listYamlFiles(dir: string, out: string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      continue;
    }
    if (isDir) listYamlFiles(p, out);
    else if (/\.(ya?ml|json)$/.test(name)) out.push(p);
  }
  return out;
}

/** The documents of a multi-document YAML text, as [start, end) offsets. */
export function documentRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  separator.lastIndex = 0;
  for (let m = separator.exec(text); m !== null; m = separator.exec(text)) {
    out.push([start, m.index]);
    start = m.index + m[0].length;
  }
  out.push([start, text.length]);
  return out.filter(([s, e]) => /\S/.test(text.slice(s, e).replace(/^#.*$/gm, '')));
}

function toCrd(doc: unknown, source: string): Crd | undefined {
  const d = doc as {
    kind?: unknown;
    spec?: { group?: unknown; names?: { kind?: unknown }; scope?: unknown; versions?: unknown };
  };
  if (d?.kind !== 'CustomResourceDefinition') return undefined;
  const group = d.spec?.group;
  const kind = d.spec?.names?.kind;
  if (typeof group !== 'string' || typeof kind !== 'string') return undefined;
  const versions: CrdVersion[] = [];
  for (const v of Array.isArray(d.spec?.versions) ? (d.spec.versions as unknown[]) : []) {
    const ver = v as {
      name?: unknown;
      served?: unknown;
      storage?: unknown;
      schema?: { openAPIV3Schema?: unknown };
    };
    if (typeof ver?.name !== 'string') continue;
    const schema = ver.schema?.openAPIV3Schema;
    versions.push({
      name: ver.name,
      served: ver.served === true,
      storage: ver.storage === true,
      schema: schema !== null && typeof schema === 'object' ? (schema as Record<string, unknown>) : undefined,
    });
  }
  return { group, kind, scope: d.spec?.scope === 'Cluster' ? 'Cluster' : 'Namespaced', versions, source };
}

function parseCrd(text: string, source: string): Crd | undefined {
  try {
    return toCrd(parse(text), source);
  } catch {
    return undefined;
  }
}

/** Scans files for CRD documents; headers by regex, odd layouts by a full parse. */
function scan(files: readonly { file: string; source: string; stamp: string }[]): Entry[] {
  const entries: Entry[] = [];
  for (const { file, source, stamp } of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (!text.includes('CustomResourceDefinition')) continue;
    for (const [start, end] of documentRanges(text)) {
      const doc = text.slice(start, end);
      if (!doc.includes('CustomResourceDefinition')) continue;
      let group: string | undefined;
      let kind: string | undefined;
      if (crdKind.test(doc)) {
        const cut = doc.search(versionsKey);
        const header = cut < 0 ? doc : doc.slice(0, cut);
        group = groupLine.exec(header)?.[1];
        const namesAt = header.search(namesLine);
        kind = namesAt < 0 ? undefined : namesKindLine.exec(header.slice(namesAt))?.[1];
      }
      if (group === undefined || kind === undefined) {
        // An unusual layout: parse it now rather than guess.
        const crd = parseCrd(doc, source);
        group = crd?.group;
        kind = crd?.kind;
      }
      if (group !== undefined && kind !== undefined)
        entries.push({ group, kind, file, source, start, end, stamp });
    }
  }
  return entries;
}

/**
 * Scans `dirs` (recursively, in sorted order) for CRDs. When two files define the
 * same group/kind, the first one found wins.
 */
export function loadCrdCatalog(
  dirs: readonly string[],
  options: CatalogOptions = { cacheDir: defaultCacheDir() },
): CrdCatalog {
  const cache = jsonCache(options.cacheDir);
  const files: { file: string; source: string; stamp: string }[] = [];
  for (const dir of dirs) {
    for (const file of listYamlFiles(dir, [])) {
      try {
        const st = statSync(file);
        files.push({ file, source: relative(dir, file), stamp: `${st.size}:${st.mtimeMs}` });
      } catch {
        continue;
      }
    }
  }
  const indexKey = `index-${cacheKey(2, files)}`;
  let entries = cache.get(indexKey) as Entry[] | undefined;
  if (!Array.isArray(entries)) {
    entries = scan(files);
    cache.set(indexKey, entries);
  }
  const byKey = new Map<string, Entry>();
  for (const e of entries) if (!byKey.has(key(e.group, e.kind))) byKey.set(key(e.group, e.kind), e);
  const loaded = new Map<string, Crd | undefined>();

  function load(e: Entry): Crd | undefined {
    const crdKey = `crd-${cacheKey(2, e.file, e.stamp, e.start, e.end)}`;
    const cached = cache.get(crdKey) as Crd | undefined;
    if (cached !== undefined && cached.group === e.group && cached.kind === e.kind) return cached;
    let text: string;
    try {
      text = readFileSync(e.file, 'utf8').slice(e.start, e.end);
    } catch {
      return undefined;
    }
    const crd = parseCrd(text, e.source);
    // The header said group/kind; trust only what the full parse confirms.
    if (crd === undefined || crd.group !== e.group || crd.kind !== e.kind) return undefined;
    cache.set(crdKey, crd);
    return crd;
  }

  return {
    dirs,
    size: byKey.size,
    lookup(group, kind) {
      const k = key(group, kind);
      if (loaded.has(k)) return loaded.get(k);
      const e = byKey.get(k);
      const crd = e === undefined ? undefined : load(e);
      loaded.set(k, crd);
      return crd;
    },
    kinds() {
      return [...byKey.keys()].sort();
    },
  };
}
