/**
 * One validation finding and the helpers that make findings readable and stable:
 * JSON paths in Kubernetes style (`spec.template.spec.containers[0].image`),
 * short renderings of offending values, and a total order for output.
 */

/** A problem found in one object. Every finding is an error: it would be rejected or silently changed. */
export interface Finding {
  /** The target cluster (`management`/`workload`), or where the object came from when unknown. */
  readonly target: string;
  readonly apiVersion: string;
  readonly kind: string;
  /** The object's namespace; '' when it has none. */
  readonly namespace: string;
  readonly name: string;
  /** Where in the object, e.g. `spec.replicas`; '' for the object as a whole. */
  readonly path: string;
  /** What is wrong: what was expected and the offending value. */
  readonly message: string;
  /** Set when the object was read from a file: the position of the offending node (or of its document). */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** A finding before it is attached to an object. */
export interface Issue {
  /** Path segments inside the object: property names and array indexes. */
  readonly segments: readonly (string | number)[];
  readonly message: string;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `['spec', 'containers', 0, 'image']` → `spec.containers[0].image`; odd keys are quoted: `labels["a.b/c"]`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (identifier.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** An ajv instancePath (`/spec/containers/0/image`) → path segments; all-digit segments become indexes. */
export function pointerToSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const s = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s;
    });
}

/** A short rendering of a value for messages: JSON, cut to `max` characters. */
export function describeValue(value: unknown, max = 60): string {
  if (value === undefined) return 'nothing';
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The JSON type name Kubernetes schemas speak of. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** `management/Cluster/gaia/gaia`; '-' stands for no namespace so the identity always has four parts. */
export function objectId(f: Pick<Finding, 'target' | 'kind' | 'namespace' | 'name'>): string {
  return `${f.target}/${f.kind}/${f.namespace === '' ? '-' : f.namespace}/${f.name}`;
}

/** `[file:line:column: ]<target>/<kind>/<namespace>/<name>: [<path>: ]<message>` */
export function formatFinding(f: Finding): string {
  const where = f.file === undefined ? '' : `${f.file}:${f.line ?? 1}:${f.column ?? 1}: `;
  const path = f.path === '' ? '' : `${f.path}: `;
  return `${where}${objectId(f)}: ${path}${f.message}`;
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A total order: by object (target, kind, namespace, name), then file position, path and message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.target, b.target) ||
    cmp(a.kind, b.kind) ||
    cmp(a.namespace, b.namespace) ||
    cmp(a.name, b.name) ||
    cmp(a.apiVersion, b.apiVersion) ||
    cmp(a.file ?? '', b.file ?? '') ||
    cmp(a.line ?? 0, b.line ?? 0) ||
    cmp(a.column ?? 0, b.column ?? 0) ||
    cmp(a.path, b.path) ||
    cmp(a.message, b.message)
  );
}

/** Sorted copy without exact duplicates (two schema layers may report the same thing). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort(compareFindings);
  return sorted.filter((f, i) => i === 0 || compareFindings(sorted[i - 1] as Finding, f) !== 0);
}

/**
 * The closest of `candidates` to `word` when it is plausibly a typo: at most 2
 * edits (a swap of neighbours counts as one) and fewer than half the word's length.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.min(3, Math.ceil(word.length / 2));
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => (d[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}

/** `unknown field "replica" (did you mean "replicas"?)`, shared by the CRD and core validators. */
export function unknownFieldMessage(field: string, known: readonly string[]): string {
  const guess = closest(field, known);
  const hint =
    guess !== undefined
      ? ` (did you mean "${guess}"?)`
      : known.length > 0 && known.length <= 12
        ? ` (known fields: ${[...known].sort().join(', ')})`
        : '';
  return `unknown field "${field}"${hint}; the API server would drop it`;
}
