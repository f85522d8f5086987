/**
 * The ajv instance CRD schemas (converted by ./crd-schema.ts) are compiled with:
 * all errors, defaults applied as the API server does, the formats Kubernetes uses,
 * and two keywords of our own — list-map key uniqueness and a CEL rule counter.
 */
import { Ajv, type ErrorObject, type FormatDefinition, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import { describeValue } from './finding.js';

type FormatsPlugin = (ajv: Ajv, formats: string[]) => Ajv;
// ajv-formats is CommonJS: its plugin is module.exports (and, for bundlers, .default).
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

/** Counts the CEL rules the data reached during one validation (see countCelRules). */
const cel = { reached: 0 };

/** Go-style durations as metav1.Duration parses them ("90s", "1h30m", "-1.5h"). */
const goDuration =
  /^[-+]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))*$|^0$/;
const quantity = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const mac = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{2}[:-]){19}[0-9A-Fa-f]{2}$/;

function isCidr(s: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  if (m === null) return false;
  const bits = Number(m[2]);
  const ip = m[1] as string;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return bits <= 32 && ip.split('.').every((o) => Number(o) <= 255);
  return ip.includes(':') && /^[0-9A-Fa-f:.]+$/.test(ip) && bits <= 128;
}

/** RFC 3339, and the variants Go's strfmt also accepts (no colon in the offset, no offset). */
const dateTime = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$/;
/** Go's url.Parse takes almost anything; only whitespace and control characters are sure mistakes. */
const uri = {
  test: (s: string): boolean =>
    s !== '' && ![...s].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f),
};

// Kubernetes checks formats with Go's strfmt, which is more lenient than ajv-formats
// for these two: follow Go, so that what the API server accepts passes here.
const ownFormats: Record<string, FormatDefinition<string>> = {
  'date-time': { type: 'string', validate: (s) => dateTime.test(s) },
  uri: { type: 'string', validate: (s) => uri.test(s) },
  duration: { type: 'string', validate: (s) => goDuration.test(s) },
  quantity: { type: 'string', validate: (s) => quantity.test(s) },
  mac: { type: 'string', validate: (s) => mac.test(s) },
  cidr: { type: 'string', validate: isCidr },
};

/** Renders a list-map key tuple: `name="eth0", protocol="TCP"`. */
function keyTuple(keys: readonly string[], item: Record<string, unknown>): string {
  return keys.map((k) => `${k}=${describeValue(item[k])}`).join(', ');
}

/**
 * `x-kubernetes-list-map-keys`: in a list-type map, no two items may have the same
 * values for all the keys (the API server rejects such lists as duplicates).
 */
function validateListMapKeys(
  keys: string[],
  data: unknown,
  _parent?: unknown,
  cxt?: { instancePath: string },
): boolean {
  if (!Array.isArray(data)) return true;
  const seen = new Map<string, number>();
  const errors: Partial<ErrorObject>[] = [];
  data.forEach((item: unknown, i) => {
    if (item === null || typeof item !== 'object') return;
    const rec = item as Record<string, unknown>;
    const id = JSON.stringify(keys.map((k) => rec[k] ?? null));
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else
      errors.push({
        instancePath: `${cxt?.instancePath ?? ''}/${i}`,
        keyword: 'x-kubernetes-list-map-keys',
        params: { keys, first },
        message: `duplicate entry: ${keyTuple(keys, rec)} is already at [${first}] (list-map keys: ${keys.join(', ')})`,
      });
  });
  (validateListMapKeys as { errors?: Partial<ErrorObject>[] }).errors = errors;
  return errors.length === 0;
}

let instance: Ajv | undefined;

/** The shared ajv instance (created on first use). */
export function crdAjv(): Ajv {
  if (instance !== undefined) return instance;
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    // Converted schemas contain only keywords we know; extension keywords are ours.
    strict: false,
    validateSchema: false,
    messages: false,
    // Errors carry their parent schema: unknown-field messages list the known fields.
    verbose: true,
    // Each schema is compiled once and run a few times: compile speed matters more
    // than the speed of the generated code (no optimisation pass, no source kept).
    code: { source: false, optimize: false },
  });
  addFormats(ajv, [
    'int32',
    'int64',
    'float',
    'double',
    'byte',
    'date',
    'uuid',
    'ipv4',
    'ipv6',
    'hostname',
    'email',
  ]);
  for (const [name, def] of Object.entries(ownFormats)) ajv.addFormat(name, def);
  ajv.addKeyword({
    keyword: 'x-kubernetes-list-map-keys',
    type: 'array',
    schemaType: 'array',
    errors: true,
    validate: validateListMapKeys,
  });
  ajv.addKeyword({
    keyword: 'x-kubernetes-validations',
    schemaType: 'number',
    errors: false,
    validate: (rules: number) => {
      cel.reached += rules;
      return true;
    },
  });
  instance = ajv;
  return ajv;
}

/** Compiles a converted schema. */
export function compileCrdSchema(schema: Record<string, unknown>): ValidateFunction {
  return crdAjv().compile(schema);
}

/** Runs `validate` on `data` and says how many CEL rules the data reached (none of them evaluated). */
export function runCounting(
  validate: ValidateFunction,
  data: unknown,
): { errors: ErrorObject[]; celRules: number } {
  cel.reached = 0;
  const ok = validate(data);
  return { errors: ok ? [] : [...(validate.errors ?? [])], celRules: cel.reached };
}
