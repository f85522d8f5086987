/**
 * Test support (not used by aglais itself): reading the rendered platform
 * objects in the platform-*.test.ts files.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { KubernetesObject, RenderedObject } from '../render/types.js';
import { parseSpec } from '../spec/load.js';
import type { Platform } from '../spec/schema.js';

/** An example spec, edited as a YAML document before it is validated. */
export function load(path: string, edit?: (doc: Record<string, unknown>) => void): Platform {
  const doc = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit?.(doc);
  return parseSpec(JSON.stringify(doc), path).platform;
}

export type Obj = KubernetesObject & Record<string, unknown>;
export const get = (objs: readonly RenderedObject[], kind: string, name: string, ns?: string): Obj => {
  const o = objs.find(
    (r) => r.object.kind === kind && r.object.metadata.name === name && r.object.metadata.namespace === ns,
  );
  assert.ok(o, `no ${kind} ${ns ?? ''}/${name}`);
  return o.object as Obj;
};
export const all = (objs: readonly RenderedObject[], kind: string) =>
  objs.filter((r) => r.object.kind === kind).map((r) => r.object as Obj);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const at = (o: unknown, ...path: (string | number)[]): any =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  path.reduce((v: any, k) => (v === undefined || v === null ? undefined : v[k]), o);

export function sparkDefaultsOf(objs: readonly RenderedObject[], ns: string): Map<string, string> {
  const text = at(get(objs, 'ConfigMap', 'spark-conf', ns), 'data', 'spark-defaults.conf') as string;
  return new Map(
    text
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)] as [string, string]),
  );
}

/** Every pod template of the platform's workloads. */
export function podSpecs(objs: readonly RenderedObject[]): { name: string; spec: Record<string, unknown> }[] {
  return all(objs, 'Deployment').map((d) => ({
    name: `${d.metadata.namespace}/${d.metadata.name}`,
    spec: at(d, 'spec', 'template', 'spec'),
  }));
}
