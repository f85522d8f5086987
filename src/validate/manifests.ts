/**
 * Reads Kubernetes manifests (multi-document YAML files) as validation inputs that
 * know where each field is: `locate(path)` gives the file:line:column of the
 * deepest existing node on the path, or of the document itself.
 *
 * Manifests are parsed as YAML 1.1, like the API machinery's YAML reader, so
 * that `on`/`yes` mean what kubectl would make of them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Position, ValidationInput } from './index.js';

/** A file that cannot be read as YAML; the message names file:line:column. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** `*.yaml` / `*.yml` under `dir`, recursively, in sorted order. */
export function listManifestFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (/\.ya?ml$/.test(name)) out.push(p);
    }
  };
  visit(dir);
  return out;
}

type Node = unknown;

/** Offset of the node at `segments` (as deep as it exists); map fields point at their key. */
function offsetOf(doc: Document, segments: readonly (string | number)[]): number {
  let node: Node = doc.contents;
  let offset = (node as { range?: [number] } | null)?.range?.[0] ?? 0;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair === undefined) break;
      offset = (pair.key as { range?: [number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as { range?: [number] } | undefined;
      if (item === undefined) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

/**
 * Reads every document of `file` as an input. `target` names the cluster; `display`
 * is how the file is named in positions.
 */
export function readManifestFile(file: string, target: string, display: string = file): ValidationInput[] {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, version: '1.1', prettyErrors: false });
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: display, line, column: col };
  };
  const inputs: ValidationInput[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const err = doc.errors[0];
    if (err !== undefined) {
      const at = pos(err.pos[0]);
      throw new ManifestError(`${at.file}:${at.line}:${at.column}: manifest: ${err.message.split('\n')[0]}`);
    }
    if (doc.contents === null) continue; // an empty document (e.g. after a trailing ---)
    const object: unknown = doc.toJS({ maxAliasCount: 100 });
    inputs.push({ target, object, locate: (segments) => pos(offsetOf(doc, segments)) });
  }
  return inputs;
}

/**
 * Reads a directory as `aglais plan -o DIR` writes it (`<dir>/<target>/<NN>-<stage>.yaml`):
 * the first folder under `dir` names the target cluster; files elsewhere use their own path.
 */
export function readManifestDir(
  dir: string,
  cwdRelative: (p: string) => string = (p) => p,
): ValidationInput[] {
  const inputs: ValidationInput[] = [];
  for (const file of listManifestFiles(dir)) {
    const rel = relative(dir, file);
    const first = rel.split(sep)[0] as string;
    const target = rel.includes(sep) ? first : rel;
    inputs.push(...readManifestFile(file, target, cwdRelative(file)));
  }
  return inputs;
}
