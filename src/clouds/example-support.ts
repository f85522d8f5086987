/**
 * Test support for the cloud modules: load an example (or a variant of it),
 * render it, and find objects and the references between them.
 */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { render } from '../render/index.js';
import type { SecretValues } from '../render/secrets.js';
import type { KubernetesObject, RenderedObject } from '../render/types.js';
import { parseSpec } from '../spec/load.js';
import type { Platform } from '../spec/schema.js';

/** The example spec, optionally edited as plain data before it is parsed and checked. */
export function loadExample(file: string, edit?: (doc: Record<string, unknown>) => void): Platform {
  const text = readFileSync(file, 'utf8');
  if (!edit) return parseSpec(text, file).platform;
  const doc = parse(text) as Record<string, unknown>;
  edit(doc);
  return parseSpec(stringify(doc), file).platform;
}

/** Problems the spec loader reports for an edited example ('' when it loads). */
export function specErrors(file: string, edit: (doc: Record<string, unknown>) => void): string {
  try {
    loadExample(file, edit);
    return '';
  } catch (err) {
    return String((err as Error).message);
  }
}

export function renderExample(platform: Platform, secrets?: SecretValues): RenderedObject[] {
  return render(platform, secrets ? { secrets } : {});
}

export function ofKind(objs: readonly RenderedObject[], kind: string): KubernetesObject[] {
  return objs.filter((o) => o.object.kind === kind).map((o) => o.object);
}

export function one(objs: readonly RenderedObject[], kind: string, name?: string): KubernetesObject {
  const found = ofKind(objs, kind).filter((o) => name === undefined || o.metadata.name === name);
  if (found.length !== 1)
    throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0] as KubernetesObject;
}

/** The object a CAPI v1beta2 `{apiGroup, kind, name}` reference points at (throws if none). */
export function resolve(objs: readonly RenderedObject[], ref: unknown): KubernetesObject {
  const r = ref as { apiGroup: string; kind: string; name: string };
  const hit = objs.find(
    (o) =>
      o.object.kind === r.kind &&
      o.object.metadata.name === r.name &&
      o.object.apiVersion.split('/')[0] === r.apiGroup,
  );
  if (!hit) throw new Error(`reference ${JSON.stringify(ref)} does not resolve`);
  return hit.object;
}

/** The HelmChartProxy of an addon, and its values parsed back from the template. */
export function addon(
  objs: readonly RenderedObject[],
  platform: string,
  name: string,
): {
  proxy: KubernetesObject;
  stage: string;
  spec: Record<string, unknown>;
  values: Record<string, unknown>;
} {
  const hit = objs.find(
    (o) => o.object.kind === 'HelmChartProxy' && o.object.metadata.name === `${platform}-${name}`,
  );
  if (!hit) throw new Error(`no HelmChartProxy ${platform}-${name}`);
  const spec = hit.object['spec'] as Record<string, unknown>;
  return {
    proxy: hit.object,
    stage: hit.stage,
    spec,
    values: parse(String(spec['valuesTemplate'])) as Record<string, unknown>,
  };
}

/** A nested value by path, for reading deep fields in assertions. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let v: unknown = value;
  for (const k of path) v = (v as Record<string | number, unknown> | undefined)?.[k];
  return v;
}

export function templateSpec(o: KubernetesObject): Record<string, unknown> {
  return at(o, 'spec', 'template', 'spec') as Record<string, unknown>;
}

/** Names of the infra machine templates used by the control plane and by each pool. */
export function templateNames(objs: readonly RenderedObject[]): Record<string, string> {
  const out: Record<string, string> = {};
  const kcp = one(objs, 'KubeadmControlPlane');
  out['control-plane'] = resolve(
    objs,
    at(kcp, 'spec', 'machineTemplate', 'spec', 'infrastructureRef'),
  ).metadata.name;
  for (const md of ofKind(objs, 'MachineDeployment')) {
    const pool = md.metadata.name.slice(String(at(md, 'spec', 'clusterName')).length + 1);
    out[pool] = resolve(objs, at(md, 'spec', 'template', 'spec', 'infrastructureRef')).metadata.name;
  }
  return out;
}
