/**
 * Manifests on disk: one multi-document YAML file per target cluster and apply
 * stage, `<dir>/<target>/<NN>-<stage>.yaml`, NN being the stage's place in the
 * apply order. Strings such as `yes` and `on` are quoted so that YAML 1.1
 * readers (Go's YAML libraries among them) read what we meant.
 */
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emitYAML } from './emit.js';
import {
  stages,
  type KubernetesObject,
  type RenderedObject,
  type Stage,
  type Target,
} from '../render/types.js';

export function fileName(stage: Stage): string {
  return `${String(stages.indexOf(stage) + 1).padStart(2, '0')}-${stage}.yaml`;
}

/** One object as a YAML 1.1 document. */
export function toYAML(o: KubernetesObject): string {
  return emitYAML(o);
}

/** Groups objects into files: path relative to the output directory → YAML text. */
export function manifestFiles(objects: readonly RenderedObject[]): Map<string, string> {
  const groups = new Map<string, KubernetesObject[]>();
  for (const o of objects) {
    const path = `${o.target}/${fileName(o.stage)}`;
    const list = groups.get(path) ?? [];
    list.push(o.object);
    groups.set(path, list);
  }
  const out = new Map<string, string>();
  for (const path of [...groups.keys()].sort()) {
    out.set(path, (groups.get(path) ?? []).map((o) => `---\n${toYAML(o)}`).join(''));
  }
  return out;
}

/**
 * Writes the manifests, replacing earlier ones of aglais in `dir` (only its own
 * `<target>/NN-<stage>.yaml` files). Files holding Secrets are made 0600.
 */
export async function writeManifests(dir: string, objects: readonly RenderedObject[]): Promise<string[]> {
  const files = manifestFiles(objects);
  const targets: Target[] = ['management', 'workload'];
  for (const t of targets) {
    const sub = join(dir, t);
    const existing = await readdir(sub).catch(() => [] as string[]);
    for (const f of existing) if (/^\d\d-[a-z-]+\.yaml$/.test(f)) await rm(join(sub, f));
  }
  const written: string[] = [];
  for (const [rel, text] of files) {
    const path = join(dir, rel);
    await mkdir(join(path, '..'), { recursive: true });
    const secret = /\nkind: Secret\n/.test(text);
    await writeFile(path, text, { mode: secret ? 0o600 : 0o644 });
    if (secret) await chmod(path, 0o600);
    written.push(path);
  }
  return written;
}

/**
 * Writes host artefacts (see CloudModule.hostArtefacts) under `dir`, replacing
 * what an earlier plan wrote in `dir/hosts`: a VM that left the spec must not
 * leave its files behind. Scripts (`.sh`) are made executable.
 */
export async function writeHostFiles(
  dir: string,
  files: ReadonlyMap<string, string | Uint8Array>,
): Promise<string[]> {
  await rm(join(dir, 'hosts'), { recursive: true, force: true });
  const written: string[] = [];
  for (const rel of [...files.keys()].sort()) {
    if (!rel.startsWith('hosts/') || rel.includes('..'))
      throw new Error(`manifest: host artefact outside hosts/: ${rel}`);
    const path = join(dir, rel);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, files.get(rel) as string | Uint8Array, {
      mode: rel.endsWith('.sh') ? 0o755 : 0o644,
    });
    written.push(path);
  }
  return written;
}
