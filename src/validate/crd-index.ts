/**
 * A catalog of CustomResourceDefinitions read from a directory tree.
 *
 * Parsing YAML is the expensive part (a big CRD takes 50–300 ms), so the scan only
 * reads each document's header — the part of `spec` before `versions:`, where
 * controller-gen puts `group`, `names` and `scope` — with regular expressions, and
 * parses a whole CRD the first time an object of its kind is validated.
 * Documents whose header does not match are parsed at once (correct, only slower).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

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
  /** How many CRD documents the scan found. */
  readonly size: number;
  /** The CRD for group+kind (parsed on first use), or undefined. */
  lookup(group: string, kind: string): Crd | undefined;
  /** Every group/kind known, sorted (`kind.group`). */
  kinds(): string[];
}

interface Pending {
  readonly text: string;
  readonly source: string;
}

const crdKind = /^kind:\s*["']?CustomResourceDefinition["']?\s*$/m;
const versionsKey = /^\s+versions:\s*$/m;
const groupLine = /^\s+group:\s*["']?([^\s"']+)["']?\s*$/m;
const namesKindLine = /^\s+kind:\s*["']?([^\s"']+)["']?\s*$/m;

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
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) listYamlFiles(p, out);
    else if (/\.(ya?ml|json)$/.test(name)) out.push(p);
  }
  return out;
}

/** Splits a multi-document YAML text at `---` lines (the CRD files are plain block YAML). */
export function splitDocuments(text: string): string[] {
  return text.split(/^---[ \t]*(?:#.*)?$/m).filter((d) => /\S/.test(d.replace(/^#.*$/gm, '')));
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

/**
 * Scans `dirs` (recursively, in sorted order) for CRDs. When two files define the
 * same group/kind, the first one found wins.
 */
export function loadCrdCatalog(dirs: readonly string[]): CrdCatalog {
  const pending = new Map<string, Pending>();
  const loaded = new Map<string, Crd | undefined>();
  for (const dir of dirs) {
    for (const file of listYamlFiles(dir, [])) {
      const source = relative(dir, file);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      if (!text.includes('CustomResourceDefinition')) continue;
      for (const doc of splitDocuments(text)) {
        if (!crdKind.test(doc)) continue;
        const cut = doc.search(versionsKey);
        const header = cut < 0 ? doc : doc.slice(0, cut);
        const group = groupLine.exec(header)?.[1];
        const namesAt = header.search(/^\s+names:\s*$/m);
        const kind = namesAt < 0 ? undefined : namesKindLine.exec(header.slice(namesAt))?.[1];
        if (group !== undefined && kind !== undefined) {
          const k = key(group, kind);
          if (!pending.has(k) && !loaded.has(k)) pending.set(k, { text: doc, source });
          continue;
        }
        // An unusual layout: parse it now rather than guess.
        let crd: Crd | undefined;
        try {
          crd = toCrd(parse(doc), source);
        } catch {
          crd = undefined;
        }
        if (
          crd !== undefined &&
          !pending.has(key(crd.group, crd.kind)) &&
          !loaded.has(key(crd.group, crd.kind))
        )
          loaded.set(key(crd.group, crd.kind), crd);
      }
    }
  }
  const size = pending.size + loaded.size;
  return {
    dirs,
    size,
    lookup(group, kind) {
      const k = key(group, kind);
      if (loaded.has(k)) return loaded.get(k);
      const p = pending.get(k);
      if (p === undefined) return undefined;
      pending.delete(k);
      let crd: Crd | undefined;
      try {
        crd = toCrd(parse(p.text), p.source);
      } catch {
        crd = undefined;
      }
      // The header said group/kind; trust only what the full parse confirms.
      if (crd !== undefined && (crd.group !== group || crd.kind !== kind)) crd = undefined;
      loaded.set(k, crd);
      return crd;
    },
    kinds() {
      return [...new Set([...pending.keys(), ...loaded.keys()])].sort();
    },
  };
}
