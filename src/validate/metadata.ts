/**
 * Checks on `metadata` that the API server makes for every kind (apimachinery's
 * ObjectMeta validation): name and namespace syntax, namespace against scope,
 * label and annotation keys and values, and no unknown metadata fields.
 */
import { describeValue, type Issue, typeName, unknownFieldMessage } from './finding.js';

/** Which name syntax a kind uses (most kinds: DNS subdomain). */
export type NameRule = 'subdomain' | 'label' | 'label1035' | 'segment';
export type Scope = 'Namespaced' | 'Cluster';

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const qualifiedNamePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** The fields of ObjectMeta (apimachinery meta/v1); anything else is dropped by the API server. */
export const objectMetaFields: readonly string[] = [
  'annotations',
  'creationTimestamp',
  'deletionGracePeriodSeconds',
  'deletionTimestamp',
  'finalizers',
  'generateName',
  'generation',
  'labels',
  'managedFields',
  'name',
  'namespace',
  'ownerReferences',
  'resourceVersion',
  'selfLink',
  'uid',
];

/** Problem with `value` as a name of the given rule, or undefined when it is fine. */
export function checkName(value: string, rule: NameRule): string | undefined {
  switch (rule) {
    case 'subdomain':
      if (value.length > 253)
        return `expected a DNS subdomain of at most 253 characters, got ${value.length}`;
      if (!dnsSubdomain.test(value))
        return `expected a DNS subdomain (lower-case letters, digits, '-' and '.', starting and ending alphanumeric), got ${describeValue(value)}`;
      return undefined;
    case 'label':
      if (value.length > 63) return `expected a DNS label of at most 63 characters, got ${value.length}`;
      if (!dnsLabel.test(value))
        return `expected a DNS label (lower-case letters, digits and '-', starting and ending alphanumeric), got ${describeValue(value)}`;
      return undefined;
    case 'label1035':
      if (value.length > 63) return `expected a DNS-1035 label of at most 63 characters, got ${value.length}`;
      if (!dns1035Label.test(value))
        return `expected a DNS-1035 label (lower-case letters, digits and '-', starting with a letter), got ${describeValue(value)}`;
      return undefined;
    case 'segment':
      if (value === '.' || value === '..' || /[/%]/.test(value))
        return `expected a name usable as a path segment (not "." or "..", no '/' or '%'), got ${describeValue(value)}`;
      return undefined;
  }
}

/** Problem with a label or annotation key (`[prefix/]name`), or undefined. */
export function checkQualifiedName(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `expected a key of the form [prefix/]name, got ${describeValue(key)}`;
  const name = parts[parts.length - 1] as string;
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    if (prefix.length > 253 || !dnsSubdomain.test(prefix))
      return `expected the key prefix to be a DNS subdomain, got ${describeValue(prefix)}`;
  }
  if (name.length > 63 || !qualifiedNamePart.test(name))
    return `expected a key name of at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric, got ${describeValue(name)}`;
  return undefined;
}

function checkLabelValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !qualifiedNamePart.test(value))
    return `expected a label value of at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric, got ${describeValue(value)}`;
  return undefined;
}

function checkStringMap(map: unknown, field: 'labels' | 'annotations', issues: Issue[]): void {
  if (map === undefined || map === null) return;
  if (typeof map !== 'object' || Array.isArray(map)) {
    issues.push({ segments: ['metadata', field], message: `expected object, got ${typeName(map)}` });
    return;
  }
  let size = 0;
  for (const [k, v] of Object.entries(map as Record<string, unknown>)) {
    const segments = ['metadata', field, k];
    const keyProblem = checkQualifiedName(k);
    if (keyProblem !== undefined) issues.push({ segments, message: keyProblem });
    if (typeof v !== 'string') {
      issues.push({ segments, message: `expected string, got ${typeName(v)} ${describeValue(v)}` });
      continue;
    }
    size += k.length + v.length;
    if (field === 'labels') {
      const valueProblem = checkLabelValue(v);
      if (valueProblem !== undefined) issues.push({ segments, message: valueProblem });
    }
  }
  if (field === 'annotations' && size > 256 * 1024)
    issues.push({
      segments: ['metadata', field],
      message: `expected annotations of at most 262144 bytes in total, got ${size}`,
    });
}

/**
 * Checks an object's metadata. `scope` undefined means the kind's scope is not known
 * (then the namespace is only checked for syntax).
 */
export function checkMetadata(
  metadata: unknown,
  scope: Scope | undefined,
  nameRule: NameRule = 'subdomain',
): Issue[] {
  const issues: Issue[] = [];
  if (
    metadata === undefined ||
    metadata === null ||
    typeof metadata !== 'object' ||
    Array.isArray(metadata)
  ) {
    issues.push({
      segments: ['metadata'],
      message: `expected object with a name, got ${describeValue(metadata)}`,
    });
    return issues;
  }
  const m = metadata as Record<string, unknown>;
  for (const key of Object.keys(m)) {
    if (!objectMetaFields.includes(key))
      issues.push({ segments: ['metadata', key], message: unknownFieldMessage(key, objectMetaFields) });
  }
  if (m['name'] === undefined || m['name'] === '') {
    issues.push({
      segments: ['metadata', 'name'],
      message: 'missing (required): every rendered object needs a name',
    });
  } else if (typeof m['name'] !== 'string') {
    issues.push({ segments: ['metadata', 'name'], message: `expected string, got ${typeName(m['name'])}` });
  } else {
    const problem = checkName(m['name'], nameRule);
    if (problem !== undefined) issues.push({ segments: ['metadata', 'name'], message: problem });
  }
  const ns = m['namespace'];
  if (scope === 'Cluster' && ns !== undefined && ns !== '') {
    issues.push({
      segments: ['metadata', 'namespace'],
      message: `expected no namespace on a cluster-scoped kind, got ${describeValue(ns)} (the API server ignores it)`,
    });
  } else if (scope === 'Namespaced' && (ns === undefined || ns === '')) {
    issues.push({
      segments: ['metadata', 'namespace'],
      message:
        'missing (required): the kind is namespaced, and the namespace must not depend on kubectl defaults',
    });
  } else if (ns !== undefined && ns !== '') {
    if (typeof ns !== 'string')
      issues.push({ segments: ['metadata', 'namespace'], message: `expected string, got ${typeName(ns)}` });
    else {
      const problem = checkName(ns, 'label');
      if (problem !== undefined) issues.push({ segments: ['metadata', 'namespace'], message: problem });
    }
  }
  checkStringMap(m['labels'], 'labels', issues);
  checkStringMap(m['annotations'], 'annotations', issues);
  return issues;
}
