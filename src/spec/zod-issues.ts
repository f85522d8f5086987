/**
 * Turns zod's issues into our wording: the field, what was expected and what
 * was found. zod's own messages say "Invalid input"; users need more.
 */
import type { z } from 'zod';
import type { PathSegment } from './issues.js';

export interface RawIssue {
  path: PathSegment[];
  message: string;
  /** Point at the key rather than the value (unknown keys). */
  key?: boolean;
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `"${v.length > 60 ? `${v.slice(0, 57)}...` : v}"`;
  return `${typeof v} ${String(v)}`;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a map',
  array: 'a list',
  literal: 'a fixed value',
};

type Def = Record<string, unknown>;
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/**
 * The schema at `path`, past defaults, optionals and pipes; undefined when the
 * path leaves it. In a discriminated union the branch is chosen by the data.
 */
function schemaAt(schema: unknown, path: readonly PathSegment[], data: unknown): Def | undefined {
  let s: unknown = schema;
  let d: unknown = data;
  const unwrap = () => {
    for (let def = defOf(s); def; def = defOf(s)) {
      if (['default', 'optional', 'nullable', 'prefault'].includes(def['type'] as string))
        s = def['innerType'];
      else if (def['type'] === 'pipe') s = def['in'];
      else if (def['type'] === 'union' && typeof def['discriminator'] === 'string') {
        const disc = def['discriminator'];
        const want = (d as Record<string, unknown> | undefined)?.[disc];
        const branch = (def['options'] as unknown[]).find((opt) => {
          const field = (defOf(opt)?.['shape'] as Record<string, unknown>)[disc];
          return ((defOf(field)?.['values'] as unknown[] | undefined) ?? []).includes(want);
        });
        if (branch === undefined) return;
        s = branch;
      } else return;
    }
  };
  for (const seg of path) {
    unwrap();
    const def = defOf(s);
    if (def?.['type'] === 'object') s = (def['shape'] as Record<string, unknown>)[String(seg)];
    else if (def?.['type'] === 'array') s = def['element'];
    else if (def?.['type'] === 'record') s = def['valueType'];
    else return undefined;
    d = (d as Record<string | number, unknown> | undefined)?.[seg];
  }
  // Stop at a discriminated union itself: callers ask for its options.
  for (
    let def = defOf(s);
    def && ['default', 'optional', 'nullable', 'prefault', 'pipe'].includes(def['type'] as string);
    def = defOf(s)
  ) {
    s = def['type'] === 'pipe' ? def['in'] : def['innerType'];
  }
  return defOf(s);
}

/** The option values of a discriminated union at `path`. */
export function discriminatorOptions(
  schema: z.ZodType,
  path: readonly PathSegment[],
  data: unknown,
): string[] {
  const def = schemaAt(schema, path, data);
  const disc = def?.['discriminator'];
  if (def?.['type'] !== 'union' || typeof disc !== 'string') return [];
  return (def['options'] as unknown[]).flatMap((opt) => {
    const field = (defOf(opt)?.['shape'] as Record<string, unknown>)[disc];
    return ((defOf(field)?.['values'] as unknown[] | undefined) ?? []).map(String);
  });
}

/** The accepted forms of a plain union of maps at `path`, such as `{existing: …}`, `{create: …}`. */
function unionForms(schema: z.ZodType, path: readonly PathSegment[], data: unknown): string[] {
  const def = schemaAt(schema, path, data);
  if (def?.['type'] !== 'union') return [];
  return (def['options'] as unknown[]).map((opt) => {
    const shape = defOf(opt)?.['shape'] as Record<string, unknown> | undefined;
    return shape ? `{${Object.keys(shape).join(', ')}}` : String(defOf(opt)?.['type']);
  });
}

export function fromZod(error: z.ZodError, data: unknown, schema: z.ZodType): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const got = valueAt(data, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const k of issue.keys)
          out.push({ path: [...path, k], message: `unknown field "${k}"`, key: true });
        break;
      case 'invalid_type': {
        const expected = typeNames[issue.expected] ?? issue.expected;
        out.push({
          path,
          message:
            got === undefined
              ? `required field is missing (expected ${expected})`
              : `expected ${expected}, got ${describeValue(got)}`,
        });
        break;
      }
      case 'invalid_value':
        out.push({
          path,
          message:
            issue.values.length === 1
              ? `expected ${JSON.stringify(issue.values[0])}, got ${describeValue(got)}`
              : `expected one of ${issue.values.map((v) => String(v)).join(', ')}, got ${describeValue(got)}`,
        });
        break;
      case 'invalid_union': {
        const disc = (issue as { discriminator?: string }).discriminator;
        if (disc !== undefined) {
          // zod reports the discriminator's own path; the union is its parent.
          const at = path[path.length - 1] === disc ? path.slice(0, -1) : path;
          const options = discriminatorOptions(schema, at, data);
          const v = valueAt(data, [...at, disc]);
          out.push({
            path: [...at, disc],
            message:
              v === undefined
                ? `required field is missing (expected one of ${options.join(', ')})`
                : `expected one of ${options.join(', ')}, got ${describeValue(v)}`,
          });
        } else {
          // A plain union (e.g. network: existing | create): name the accepted forms.
          const forms = unionForms(schema, path, data);
          out.push({
            path,
            message: `expected one of the forms ${forms.join(' or ')}, got ${describeValue(got)}`,
          });
        }
        break;
      }
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small';
        const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
        const what =
          issue.origin === 'array'
            ? `${small ? 'at least' : 'at most'} ${bound} item(s)`
            : issue.origin === 'string'
              ? `${small ? 'at least' : 'at most'} ${bound} character(s)`
              : `${small ? '≥' : '≤'} ${bound}`;
        const custom = issue.message.startsWith('Too ') ? undefined : issue.message;
        out.push({
          path,
          message:
            custom ??
            `expected ${what}, got ${Array.isArray(got) ? `${got.length} item(s)` : describeValue(got)}`,
        });
        break;
      }
      default: {
        const generic = issue.message.startsWith('Invalid');
        out.push({
          path,
          message: generic
            ? `${issue.message.toLowerCase()}, got ${describeValue(got)}`
            : `${issue.message}, got ${describeValue(got)}`,
        });
      }
    }
  }
  return out;
}
