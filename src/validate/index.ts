/**
 * Validation of rendered Kubernetes objects: custom objects against CRD schemas
 * (./crds.ts), core kinds against the Kubernetes schemas (./core.ts). An object
 * whose apiVersion/kind has no schema at all is an error: nothing would check it.
 *
 * Findings are sorted and formatted by ./finding.ts:
 * `[file:line:column: ]<target>/<kind>/<namespace>/<name>: <path>: <message>`.
 */
import type { KubernetesObject } from '../render/types.js';
import type * as CoreModule from './core.js';
import { crdValidatorFor, defaultCrdDir, type CrdValidator } from './crds.js';
import { type Finding, formatPath, type Issue, sortFindings } from './finding.js';

export { formatFinding, sortFindings, type Finding } from './finding.js';
export { crdValidatorFor, defaultCrdDir, type CrdValidator } from './crds.js';

/** A position in a file. */
export interface Position {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One object to validate: a RenderedObject fits, and so does an object read from a file. */
export interface ValidationInput {
  readonly target: string;
  readonly object: unknown;
  /** For objects read from files: where a path inside the object is (or its document, as a fallback). */
  readonly locate?: (segments: readonly (string | number)[]) => Position;
}

export interface ValidateOptions {
  /** Directories to read CRDs from; default: [defaultCrdDir()] (`$AGLAIS_SHARED/crds` or `<repo>/../shared/crds`). */
  readonly crdDirs?: readonly string[];
  /** A validator to reuse (it keeps parsed CRDs and compiled schemas); overrides crdDirs. */
  readonly crds?: CrdValidator;
}

export interface ValidationReport {
  /** Sorted; empty when every object is valid. */
  readonly findings: Finding[];
  readonly objects: number;
  /** Objects checked against a CRD / against a core schema. */
  readonly custom: number;
  readonly core: number;
  /** CEL rules (x-kubernetes-validations) the objects reached that ajv cannot evaluate; a server dry-run does. */
  readonly celRulesNotEvaluated: number;
  /** The CRD directories used and how many CRDs they hold. */
  readonly crdDirs: readonly string[];
  readonly crdCount: number;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
}

/** Validates objects and says what was checked; see {@link validateObjects} for findings only. */
export async function validateReport(
  inputs: readonly ValidationInput[],
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  const crds = options.crds ?? crdValidatorFor(options.crdDirs ?? [defaultCrdDir()]);
  const findings: Finding[] = [];
  let custom = 0;
  let core = 0;
  let cel = 0;
  let coreModule: typeof CoreModule | undefined;
  crds.prepare(inputs.map((i) => i.object));
  for (const input of inputs) {
    const o = input.object as Partial<KubernetesObject> | null;
    const meta = (o !== null && typeof o === 'object' ? o.metadata : undefined) as
      { name?: unknown; namespace?: unknown } | undefined;
    const base = {
      target: input.target,
      apiVersion: str(o?.apiVersion),
      kind: str(o?.kind) || '?',
      namespace: str(meta?.namespace),
      name: str(meta?.name) || '?',
    };
    const add = (issues: readonly Issue[]): void => {
      for (const issue of issues) {
        const at = input.locate?.(issue.segments);
        findings.push({ ...base, path: formatPath(issue.segments), message: issue.message, ...(at ?? {}) });
      }
    };
    if (o === null || typeof o !== 'object' || Array.isArray(o)) {
      add([
        {
          segments: [],
          message: `expected a Kubernetes object (a mapping), got ${o === null ? 'null' : typeof o}`,
        },
      ]);
      continue;
    }
    if (
      typeof o.apiVersion !== 'string' ||
      typeof o.kind !== 'string' ||
      o.apiVersion === '' ||
      o.kind === ''
    ) {
      const missing = [typeof o.apiVersion !== 'string' || o.apiVersion === '' ? 'apiVersion' : 'kind'];
      add([{ segments: missing, message: 'missing (required): every object needs apiVersion and kind' }]);
      continue;
    }
    const object = o as KubernetesObject;
    const asCustom = await crds.validate(object);
    if (asCustom !== undefined) {
      custom++;
      cel += asCustom.celRules;
      add(asCustom.issues);
      continue;
    }
    coreModule ??= await import('./core.js');
    const asCore = await coreModule.validateCore(object);
    if (asCore !== undefined) {
      core++;
      add(asCore);
      continue;
    }
    add([
      {
        segments: [],
        message: `no schema for ${object.apiVersion} ${object.kind}${noSchemaHint(object, crds)}`,
      },
    ]);
  }
  return {
    findings: sortFindings(findings),
    objects: inputs.length,
    custom,
    core,
    celRulesNotEvaluated: cel,
    crdDirs: crds.catalog.dirs,
    crdCount: crds.catalog.size,
  };
}

function noSchemaHint(object: KubernetesObject, crds: CrdValidator): string {
  if (crds.catalog.size === 0) return ` (no CRDs found in ${crds.catalog.dirs.join(', ') || 'no directory'})`;
  const group = object.apiVersion.includes('/')
    ? object.apiVersion.slice(0, object.apiVersion.lastIndexOf('/'))
    : '';
  const sameGroup = crds.catalog.kinds().filter((k) => group !== '' && k.slice(k.indexOf('.') + 1) === group);
  if (sameGroup.length > 0 && sameGroup.length <= 12)
    return ` (neither a CRD nor a core kind; group ${group} has: ${sameGroup.map((k) => k.slice(0, k.indexOf('.'))).join(', ')})`;
  return ' (neither a CRD nor a core kind)';
}

/**
 * Validates objects; returns the findings, sorted (empty when all are valid).
 * Async because CRDs and kind schemas are loaded on first use.
 */
export async function validateObjects(
  inputs: readonly ValidationInput[],
  options: ValidateOptions = {},
): Promise<Finding[]> {
  return (await validateReport(inputs, options)).findings;
}
