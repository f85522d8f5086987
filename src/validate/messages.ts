/**
 * Turns ajv errors (from our CRD validators and from kubernetes-models' precompiled
 * ones, which have the same shape) into readable issues: the path of the offending
 * field, what was expected and the value found. Branch errors of a failed
 * anyOf/oneOf are folded into one message for the combinator.
 */
import type { ErrorObject } from 'ajv';
import { describeValue, type Issue, pointerToSegments, typeName, unknownFieldMessage } from './finding.js';

type Err = Pick<ErrorObject, 'instancePath' | 'schemaPath' | 'keyword' | 'params'> & {
  message?: string;
  parentSchema?: unknown;
};

/** The value at `segments` inside `root`, or undefined. */
export function valueAt(root: unknown, segments: readonly (string | number)[]): unknown {
  let cur = root;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}

/** `1 item`, `2 items`. */
function count(n: unknown, noun: string): string {
  return `${String(n)} ${noun}${n === 1 ? '' : 's'}`;
}

function list(values: readonly unknown[]): string {
  return values.map((v) => describeValue(v)).join(', ');
}

/** What the failing keyword wanted, as a phrase that follows "expected". */
function expectation(e: Err): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return String(p['type']).replace(/,/g, ' or ');
    case 'enum':
      return `one of ${list((p['allowedValues'] as unknown[]) ?? [])}`;
    case 'const':
      return describeValue(p['allowedValue']);
    case 'pattern':
      return `a string matching /${String(p['pattern'])}/`;
    case 'format':
      return `format "${String(p['format'])}"`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `a number ${String(p['comparison'])} ${String(p['limit'])}`;
    case 'multipleOf':
      return `a multiple of ${String(p['multipleOf'])}`;
    case 'minLength':
      return `at least ${count(p['limit'], 'character')}`;
    case 'maxLength':
      return `at most ${count(p['limit'], 'character')}`;
    case 'minItems':
      return `at least ${count(p['limit'], 'item')}`;
    case 'maxItems':
      return `at most ${count(p['limit'], 'item')}`;
    case 'minProperties':
      return `at least ${count(p['limit'], 'field')}`;
    case 'maxProperties':
      return `at most ${count(p['limit'], 'field')}`;
    case 'required':
      return `field "${String(p['missingProperty'])}" to be set`;
    case 'additionalProperties':
      return `no field "${String(p['additionalProperty'])}"`;
    case 'not':
      return 'a value that does not match the forbidden (not) schema';
    default:
      return e.message ?? `to pass "${e.keyword}"`;
  }
}

/** "got <type> <value>" or "got <value>" when the type is implied. */
function got(value: unknown, withType: boolean): string {
  if (value === undefined) return 'got nothing';
  if (value === null) return 'got null';
  return withType ? `got ${typeName(value)} ${describeValue(value)}` : `got ${describeValue(value)}`;
}

function isBranchOf(e: Err, c: Err): boolean {
  if (e.instancePath !== c.instancePath && !e.instancePath.startsWith(`${c.instancePath}/`)) return false;
  // Our CRD validators have absolute schema paths; kubernetes-models' split into
  // functions with relative ones (#/type), where only position and path tell.
  const absolute = c.schemaPath !== `#/${c.keyword}`;
  return absolute ? e.schemaPath.startsWith(`${c.schemaPath}/`) : true;
}

function combinatorMessage(c: Err, branches: readonly Err[], value: unknown): string {
  const passing = (c.params as { passingSchemas?: unknown }).passingSchemas;
  const onlyRequired =
    branches.length > 0 &&
    branches.every((b) => b.keyword === 'required' && b.instancePath === c.instancePath);
  if (onlyRequired) {
    const fields = [
      ...new Set(branches.map((b) => String((b.params as { missingProperty: string }).missingProperty))),
    ];
    return c.keyword === 'oneOf'
      ? `expected exactly one of the fields ${fields.join(', ')} to be set`
      : `expected at least one of the fields ${fields.join(', ')} to be set`;
  }
  if (c.keyword === 'oneOf' && Array.isArray(passing))
    return `expected exactly one alternative (oneOf) to match, but alternatives ${passing.join(' and ')} match; ${got(value, true)}`;
  const wanted = [...new Set(branches.map((b) => expectation(b)))];
  const phrase = wanted.length > 0 ? wanted.join(' or ') : `one of the ${c.keyword} alternatives`;
  return `expected ${phrase}, ${got(value, true)}`;
}

/** The issue for a single (non-combinator) error. */
function single(e: Err, root: unknown): Issue {
  const segments = pointerToSegments(e.instancePath);
  const p = e.params as Record<string, unknown>;
  const value = valueAt(root, segments);
  switch (e.keyword) {
    case 'required':
      return { segments: [...segments, String(p['missingProperty'])], message: 'missing (required)' };
    case 'additionalProperties': {
      const field = String(p['additionalProperty']);
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      return {
        segments: [...segments, field],
        message: unknownFieldMessage(field, Object.keys(props ?? {})),
      };
    }
    case 'uniqueItems': {
      const i = Number(p['i']);
      const j = Number(p['j']);
      const [first, dup] = i < j ? [i, j] : [j, i];
      return {
        segments: [...segments, dup],
        message: `duplicate item ${describeValue(valueAt(value, [dup]))}: already at [${first}] (the list is a set)`,
      };
    }
    case 'x-kubernetes-list-map-keys':
      return { segments, message: e.message ?? 'duplicate entry in a list-type map' };
    case 'type':
      if (value === null)
        return { segments, message: `expected ${expectation(e)}, got null (the field is not nullable)` };
      return { segments, message: `expected ${expectation(e)}, ${got(value, true)}` };
    case 'minLength':
    case 'maxLength':
      return {
        segments,
        message: `expected ${expectation(e)}, got ${typeof value === 'string' ? value.length : '?'} (${describeValue(value)})`,
      };
    case 'minItems':
    case 'maxItems':
      return {
        segments,
        message: `expected ${expectation(e)}, got ${Array.isArray(value) ? value.length : '?'}`,
      };
    case 'minProperties':
    case 'maxProperties':
      return {
        segments,
        message: `expected ${expectation(e)}, got ${value !== null && typeof value === 'object' ? Object.keys(value).length : '?'}`,
      };
    default:
      return { segments, message: `expected ${expectation(e)}, ${got(value, false)}` };
  }
}

/** Converts ajv errors to issues; `root` is the validated data (used to quote offending values). */
export function errorsToIssues(errors: readonly Err[], root: unknown): Issue[] {
  const consumed = new Set<number>();
  const out: { index: number; issue: Issue }[] = [];
  for (let k = 0; k < errors.length; k++) {
    const c = errors[k] as Err;
    if (c.keyword !== 'anyOf' && c.keyword !== 'oneOf') continue;
    const branches: Err[] = [];
    for (let i = k - 1; i >= 0; i--) {
      const e = errors[i] as Err;
      if (!isBranchOf(e, c)) break;
      if (consumed.has(i)) continue; // a nested combinator, already folded
      consumed.add(i);
      branches.unshift(e);
    }
    consumed.add(k);
    const segments = pointerToSegments(c.instancePath);
    out.push({
      index: k,
      issue: { segments, message: combinatorMessage(c, branches, valueAt(root, segments)) },
    });
  }
  // A null where a typed value belongs fails its type and every other keyword
  // (enum, pattern, ...): the type error alone says it.
  const nullTyped = new Set(
    errors
      .filter((e) => e.keyword === 'type' && valueAt(root, pointerToSegments(e.instancePath)) === null)
      .map((e) => e.instancePath),
  );
  errors.forEach((e, i) => {
    if (consumed.has(i)) return;
    if (e.keyword !== 'type' && nullTyped.has(e.instancePath)) return;
    out.push({ index: i, issue: single(e, root) });
  });
  return out.sort((a, b) => a.index - b.index).map((o) => o.issue);
}
