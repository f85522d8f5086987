/**
 * Validation of custom objects against the CRDs of a catalog (./crd-index.ts):
 * the version must exist and be served, metadata must be valid for the CRD's
 * scope, and the object must pass the version's schema as converted by
 * ./crd-schema.ts, after the schema's defaults were applied as the API server does.
 * Validators are compiled on first use, one per group/version/kind, and cached.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import type * as AjvModule from './ajv.js';
import type { KubernetesObject } from '../render/types.js';
import { loadCrdCatalog, type CatalogOptions, type Crd, type CrdCatalog } from './crd-index.js';
import { convertCrdSchema, mergeShapes, pruneSchema, shapeOf, type Shape } from './crd-schema.js';
import { describeValue, type Issue } from './finding.js';
import { errorsToIssues } from './messages.js';
import { checkMetadata } from './metadata.js';

export { loadCrdCatalog, type CatalogOptions, type Crd, type CrdCatalog } from './crd-index.js';

/** This package's root (dist/validate/crds.js → ../..). */
function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/**
 * Where CRDs are read from when no --crds is given: `$AGLAIS_SHARED/crds` if
 * AGLAIS_SHARED is set, else `<package root>/../shared/crds`.
 */
export function defaultCrdDir(env: NodeJS.ProcessEnv = process.env): string {
  const shared = env['AGLAIS_SHARED'];
  if (shared !== undefined && shared !== '') return join(shared, 'crds');
  return join(packageRoot(), '..', 'shared', 'crds');
}

/** Is there a CRD directory at the default place? */
export function hasDefaultCrdDir(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(defaultCrdDir(env));
}

/** `cluster.x-k8s.io/v1beta2` → ['cluster.x-k8s.io', 'v1beta2']; `v1` → ['', 'v1']. */
export function splitApiVersion(apiVersion: string): [group: string, version: string] {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? ['', apiVersion] : [apiVersion.slice(0, i), apiVersion.slice(i + 1)];
}

export interface CustomResult {
  readonly issues: Issue[];
  /** CEL rules (x-kubernetes-validations) the object reached; ajv cannot run them. */
  readonly celRules: number;
  /** The object with the schema's defaults applied (a copy; the input is not changed). */
  readonly defaulted: KubernetesObject;
}

type Ajv = typeof AjvModule;

/** Validates custom objects against one catalog; keeps compiled validators between calls. */
export interface CrdValidator {
  readonly catalog: CrdCatalog;
  /** undefined when the catalog has no CRD for the object's group and kind. */
  validate(object: KubernetesObject): Promise<CustomResult | undefined>;
  /**
   * Announces the objects about to be validated, so that each kind's schema is
   * compiled once for all of them (pruned to their merged shape) rather than once
   * per distinct object shape. Optional: only saves time.
   */
  prepare(objects: readonly unknown[]): void;
}

export function crdValidator(catalog: CrdCatalog): CrdValidator {
  const converted = new Map<string, Record<string, unknown>>();
  const compiled = new Map<string, ValidateFunction>();
  const prepared = new Map<string, Shape>();
  let ajvModule: Ajv | undefined;

  /**
   * A validator for this object's shape: the version's converted schema pruned to
   * the fields the object uses (see pruneSchema), compiled once per distinct shape.
   */
  async function compile(
    crd: Crd,
    version: string,
    schema: Record<string, unknown>,
    object: unknown,
  ): Promise<ValidateFunction> {
    const gvk = `${crd.group}/${version}/${crd.kind}`;
    // The union of this object's shape and its batch mates' (when prepared): the
    // pruned schema must reach every field this object has.
    const before = prepared.get(gvk);
    const shape = before === undefined ? shapeOf(object) : mergeShapes(before, shapeOf(object));
    if (before !== undefined) prepared.set(gvk, shape);
    const key = `${gvk} ${JSON.stringify(shape)}`;
    const hit = compiled.get(key);
    if (hit !== undefined) return hit;
    let full = converted.get(gvk);
    if (full === undefined) {
      full = convertCrdSchema(schema).schema;
      converted.set(gvk, full);
    }
    // ajv costs ~35 ms to import: only pay for it when a custom object is validated.
    ajvModule ??= await import('./ajv.js');
    const validate = ajvModule.compileCrdSchema(pruneSchema(full, shape));
    compiled.set(key, validate);
    return validate;
  }

  return {
    catalog,
    prepare(objects) {
      for (const o of objects) {
        const obj = o as Partial<KubernetesObject> | null;
        if (
          obj === null ||
          typeof obj !== 'object' ||
          typeof obj.apiVersion !== 'string' ||
          typeof obj.kind !== 'string'
        )
          continue;
        const [group, version] = splitApiVersion(obj.apiVersion);
        const gvk = `${group}/${version}/${obj.kind}`;
        const before = prepared.get(gvk);
        prepared.set(gvk, before === undefined ? shapeOf(o) : mergeShapes(before, shapeOf(o)));
      }
    },
    async validate(object) {
      const [group, version] = splitApiVersion(String(object.apiVersion));
      const crd = group === '' ? undefined : catalog.lookup(group, String(object.kind));
      if (crd === undefined) return undefined;
      const defaulted = structuredClone(object);
      const v = crd.versions.find((x) => x.name === version);
      const served = crd.versions.filter((x) => x.served).map((x) => `${crd.group}/${x.name}`);
      const issues: Issue[] = [];
      if (v === undefined || !v.served) {
        const why = v === undefined ? 'is not a version of' : 'is no longer served by';
        issues.push({
          segments: ['apiVersion'],
          message: `${describeValue(object.apiVersion)} ${why} ${crd.kind}.${crd.group}; expected one of ${served.join(', ') || '(none served)'}`,
        });
        return { issues, celRules: 0, defaulted };
      }
      issues.push(...checkMetadata(object.metadata, crd.scope));
      if (v.schema === undefined) return { issues, celRules: 0, defaulted };
      const validate = await compile(crd, v.name, v.schema, object);
      const run = (ajvModule as Ajv).runCounting(validate, defaulted);
      issues.push(...errorsToIssues(run.errors, defaulted));
      return { issues, celRules: run.celRules, defaulted };
    },
  };
}

/** A validator over the CRDs found in `dirs` (options: the JSON cache, default ~/.cache/aglais/crd-json). */
export function crdValidatorFor(dirs: readonly string[], options?: CatalogOptions): CrdValidator {
  return crdValidator(loadCrdCatalog(dirs, options));
}
