/**
 * Turns a CRD version's structural openAPIV3Schema into a JSON Schema ajv can run
 * with the same meaning the API server gives it:
 *
 * - where an object schema has no `x-kubernetes-preserve-unknown-fields`, fields it
 *   does not declare become errors (`additionalProperties: false`): the API server
 *   would prune them silently, which hides bugs in what we render;
 * - `x-kubernetes-int-or-string` → integer or string;
 * - `x-kubernetes-embedded-resource` → apiVersion, kind and metadata are allowed,
 *   apiVersion and kind required;
 * - `x-kubernetes-list-type: set` → unique items; `map` with `x-kubernetes-list-map-keys`
 *   → unique key tuples (a custom keyword, see ./ajv.ts);
 * - OpenAPI 3.0 `nullable` and boolean `exclusiveMinimum/Maximum` → their JSON Schema forms;
 * - `default` values are kept where the API server applies them (structural
 *   properties, not inside allOf/anyOf/oneOf/not) so ajv's useDefaults fills them in;
 * - only formats we can check are kept; unknown formats are dropped (the API server
 *   ignores them too);
 * - `x-kubernetes-validations` (CEL) are counted and kept as a no-op keyword that
 *   counts the rules reached by the data.
 *
 * The root's `metadata` is checked by ./metadata.ts, as the API server does.
 */

/** Formats the validator checks (see ./ajv.ts); any other `format` is ignored. */
export const checkedFormats: ReadonlySet<string> = new Set([
  'int32',
  'int64',
  'float',
  'double',
  'byte',
  'date-time',
  'date',
  'duration',
  'uuid',
  'ipv4',
  'ipv6',
  'cidr',
  'mac',
  'hostname',
  'uri',
  'email',
  'quantity',
]);

/** Keywords copied as they are (value validation shared by OpenAPI 3.0 and JSON Schema draft-07). */
const copied = [
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
] as const;

type Schema = Record<string, unknown>;

export interface ConvertedSchema {
  readonly schema: Schema;
  /** CEL rules in the whole schema (x-kubernetes-validations), none of which ajv runs. */
  readonly celRules: number;
}

function isSchema(v: unknown): v is Schema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Is `branches` just the [{type: integer}, {type: string}] controller-gen writes next to int-or-string? */
function isIntOrStringBranches(branches: unknown): boolean {
  return (
    Array.isArray(branches) &&
    branches.every(
      (b) =>
        isSchema(b) && Object.keys(b).length === 1 && (b['type'] === 'integer' || b['type'] === 'string'),
    )
  );
}

interface Ctx {
  celRules: number;
}

/**
 * @param structural true for the schema's own structure (properties, items,
 *   additionalProperties), false inside allOf/anyOf/oneOf/not, where Kubernetes only
 *   allows value validation (no new fields, no defaults, no pruning).
 */
function convert(node: Schema, structural: boolean, ctx: Ctx): Schema {
  const out: Schema = {};
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const embedded = node['x-kubernetes-embedded-resource'] === true;
  const nullable = node['nullable'] === true;

  let type = node['type'];
  if (intOrString) type = ['integer', 'string'];
  if (type !== undefined) {
    const types = Array.isArray(type) ? [...(type as string[])] : [type as string];
    if (nullable && !types.includes('null')) types.push('null');
    out['type'] = types.length === 1 ? types[0] : types;
  }
  for (const k of copied) if (node[k] !== undefined) out[k] = node[k];
  if (nullable && Array.isArray(out['enum']) && !(out['enum'] as unknown[]).includes(null))
    out['enum'] = [...(out['enum'] as unknown[]), null];
  // OpenAPI 3.0 spells exclusive bounds as booleans next to minimum/maximum.
  if (node['exclusiveMinimum'] === true && typeof node['minimum'] === 'number') {
    out['exclusiveMinimum'] = node['minimum'];
    delete out['minimum'];
  }
  if (node['exclusiveMaximum'] === true && typeof node['maximum'] === 'number') {
    out['exclusiveMaximum'] = node['maximum'];
    delete out['maximum'];
  }
  if (typeof node['format'] === 'string' && checkedFormats.has(node['format']))
    out['format'] = node['format'];
  if (structural && node['default'] !== undefined) out['default'] = node['default'];

  const props = isSchema(node['properties']) ? node['properties'] : undefined;
  if (props !== undefined) {
    const converted: Schema = {};
    for (const [name, sub] of Object.entries(props))
      if (isSchema(sub)) converted[name] = convert(sub, structural, ctx);
    out['properties'] = converted;
  }
  if (structural && embedded) {
    const p = (out['properties'] ?? {}) as Schema;
    p['apiVersion'] ??= { type: 'string' };
    p['kind'] ??= { type: 'string' };
    p['metadata'] ??= { type: 'object' };
    out['properties'] = p;
    // The API server insists on the embedded object's apiVersion and kind.
    const required = Array.isArray(out['required']) ? (out['required'] as string[]) : [];
    out['required'] = [...new Set([...required, 'apiVersion', 'kind'])];
  }
  const additional = node['additionalProperties'];
  if (isSchema(additional)) out['additionalProperties'] = convert(additional, structural, ctx);
  else if (typeof additional === 'boolean') out['additionalProperties'] = additional;
  else if (structural && !preserve && (props !== undefined || node['type'] === 'object'))
    // Undeclared fields would be pruned by the API server: make them errors here.
    out['additionalProperties'] = false;

  if (isSchema(node['items'])) out['items'] = convert(node['items'], structural, ctx);
  if (node['x-kubernetes-list-type'] === 'set') out['uniqueItems'] = true;
  if (node['x-kubernetes-list-type'] === 'map' && Array.isArray(node['x-kubernetes-list-map-keys']))
    out['x-kubernetes-list-map-keys'] = node['x-kubernetes-list-map-keys'];

  for (const comb of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = node[comb];
    if (!Array.isArray(branches)) continue;
    if (intOrString && isIntOrStringBranches(branches)) continue;
    out[comb] = branches.filter(isSchema).map((b) => convert(b, false, ctx));
  }
  if (isSchema(node['not'])) out['not'] = convert(node['not'], false, ctx);

  const rules = node['x-kubernetes-validations'];
  if (Array.isArray(rules) && rules.length > 0) {
    ctx.celRules += rules.length;
    out['x-kubernetes-validations'] = rules.length;
  }
  return out;
}

/** Converts a CRD version's openAPIV3Schema (see the module comment). */
export function convertCrdSchema(openAPIV3Schema: Record<string, unknown>): ConvertedSchema {
  const ctx: Ctx = { celRules: 0 };
  const schema = convert(openAPIV3Schema, true, ctx);
  const props = (schema['properties'] ?? {}) as Schema;
  // ObjectMeta is validated by ./metadata.ts, like the API server does for every kind.
  props['metadata'] = { type: 'object' };
  props['apiVersion'] ??= { type: 'string' };
  props['kind'] ??= { type: 'string' };
  schema['properties'] = props;
  schema['type'] ??= 'object';
  if (
    schema['additionalProperties'] === undefined &&
    openAPIV3Schema['x-kubernetes-preserve-unknown-fields'] !== true
  )
    schema['additionalProperties'] = false;
  return { schema, celRules: ctx.celRules };
}

/**
 * The fields an object uses, merged over array items and map values: what part of
 * a schema its validation can reach. `true` marks a leaf (scalar or empty).
 */
export type Shape = true | { readonly [key: string]: Shape };

/** The union of two shapes. */
export function mergeShapes(a: Shape, b: Shape): Shape {
  if (a === true) return b;
  if (b === true) return a;
  const out: Record<string, Shape> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? mergeShapes(out[k] as Shape, v) : v;
  return out;
}

/**
 * The shape of a value. Array items are merged under the key '[]' and object
 * values also under their own names, so one shape serves both `items` and
 * `additionalProperties` lookups ('{}' holds the merge of all values).
 */
export function shapeOf(value: unknown): Shape {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    let items: Shape = true;
    for (const v of value) items = mergeShapes(items, shapeOf(v));
    return { '[]': items };
  }
  const out: Record<string, Shape> = {};
  let values: Shape = true;
  for (const [k, v] of Object.entries(value)) {
    const s = shapeOf(v);
    out[k] = s;
    values = mergeShapes(values, s);
  }
  out['{}'] = values;
  return out;
}

function child(shape: Shape, key: string): Shape | undefined {
  return shape === true ? undefined : shape[key];
}

/**
 * Cuts a converted schema down to the parts `shape` can reach: a property the data
 * does not have keeps only its name (so unknown-field checks and hints still see
 * it), unless it has a default, which the API server would insert — then its
 * schema is kept as far as the default's own shape reaches. Absent properties
 * are never validated, so the verdict is the same; compiling is far cheaper
 * (a SparkApplication's full schema is ~800 KB of YAML).
 */
export function pruneSchema(schema: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = { ...schema };
  const props = schema['properties'];
  if (isSchema(props)) {
    const kept: Schema = {};
    for (const [name, sub] of Object.entries(props)) {
      if (!isSchema(sub)) continue;
      const s = child(shape, name);
      if (s !== undefined) kept[name] = pruneSchema(sub, s);
      else if (sub['default'] !== undefined) kept[name] = pruneSchema(sub, shapeOf(sub['default']));
      else kept[name] = {};
    }
    out['properties'] = kept;
  }
  const additional = schema['additionalProperties'];
  if (isSchema(additional)) out['additionalProperties'] = pruneSchema(additional, child(shape, '{}') ?? true);
  const items = schema['items'];
  if (isSchema(items)) out['items'] = pruneSchema(items, child(shape, '[]') ?? true);
  for (const comb of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = schema[comb];
    if (Array.isArray(branches)) out[comb] = branches.map((b: Schema) => pruneSchema(b, shape));
  }
  if (isSchema(schema['not'])) out['not'] = pruneSchema(schema['not'], shape);
  return out;
}
