/**
 * Unknown-field detection for core kinds. kubernetes-models' validators check types
 * but accept any extra field, which the API server would drop silently. The field
 * lists come from @kubernetes/client-node's generated models (one small module per
 * type, each with an `attributeTypeMap`), imported one by one as the walk needs them
 * so that the package's heavy index is never loaded.
 */
import { type Issue, unknownFieldMessage } from './finding.js';

interface Attribute {
  readonly baseName: string;
  readonly type: string;
}

const models = new Map<string, readonly Attribute[] | null>();

/** Types that are not models: nothing to walk below them. */
const leaf = new Set(['string', 'number', 'boolean', 'Date', 'any', 'object', 'IntOrString']);

async function model(name: string): Promise<readonly Attribute[] | null> {
  const hit = models.get(name);
  if (hit !== undefined) return hit;
  let attrs: readonly Attribute[] | null = null;
  if (/^[A-Za-z0-9]+$/.test(name)) {
    try {
      const mod = (await import(`@kubernetes/client-node/dist/gen/models/${name}.js`)) as Record<
        string,
        { attributeTypeMap?: readonly Attribute[] }
      >;
      attrs = mod[name]?.attributeTypeMap ?? null;
    } catch {
      attrs = null;
    }
  }
  models.set(name, attrs);
  return attrs;
}

const arrayOf = /^Array<(.+)>$/;
const mapOf = /^\{ \[key: string\]: (.+); \}$/;

/** Walks `value` as the client-node model type `type`, reporting fields the type does not have. */
async function walk(
  value: unknown,
  type: string,
  segments: (string | number)[],
  issues: Issue[],
): Promise<void> {
  if (value === null || typeof value !== 'object' || leaf.has(type)) return;
  const arr = arrayOf.exec(type);
  if (arr !== null) {
    if (Array.isArray(value))
      for (let i = 0; i < value.length; i++) await walk(value[i], arr[1] as string, [...segments, i], issues);
    return;
  }
  const map = mapOf.exec(type);
  if (map !== null) {
    if (!Array.isArray(value))
      for (const [k, v] of Object.entries(value)) await walk(v, map[1] as string, [...segments, k], issues);
    return;
  }
  if (Array.isArray(value)) return; // a type error, reported by kubernetes-models
  const attrs = await model(type);
  if (attrs === null) return;
  const known = attrs.map((a) => a.baseName);
  for (const [k, v] of Object.entries(value)) {
    const attr = attrs.find((a) => a.baseName === k);
    if (attr === undefined)
      issues.push({ segments: [...segments, k], message: unknownFieldMessage(k, known) });
    else await walk(v, attr.type, [...segments, k], issues);
  }
}

/**
 * Unknown fields in `object` read as client-node model `modelName` (e.g. `V1Deployment`).
 * `metadata` is left to ./metadata.ts.
 */
export async function unknownCoreFields(
  object: Record<string, unknown>,
  modelName: string,
): Promise<Issue[]> {
  const issues: Issue[] = [];
  const attrs = await model(modelName);
  if (attrs === null) return issues;
  const known = attrs.map((a) => a.baseName);
  for (const [k, v] of Object.entries(object)) {
    if (k === 'metadata') continue;
    const attr = attrs.find((a) => a.baseName === k);
    if (attr === undefined) issues.push({ segments: [k], message: unknownFieldMessage(k, known) });
    else await walk(v, attr.type, [k], issues);
  }
  return issues;
}
