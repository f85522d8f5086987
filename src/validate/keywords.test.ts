/**
 * Each Kubernetes structural-schema keyword on the Widget CRD (./widget-crd.ts):
 * a passing case and a failing one with its exact path and message.
 * shared-crds.test.ts covers the real CRDs.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { validateReport, type CrdValidator } from './index.js';
import { findingsFor, widget, widgetCrdDir, widgetId, widgetValidator } from './widget-crd.js';

const { dir, dispose } = widgetCrdDir();
after(dispose);
const validator = widgetValidator(dir);
const crds = (): CrdValidator => validator;
const check = (object: unknown): Promise<string[]> => findingsFor(validator, object);
const id = widgetId;

test('a valid object passes, with every keyword in use', async () => {
  const object = widget({
    size: '10Gi',
    replicas: 3,
    minReplicas: 1,
    maxReplicas: 2,
    note: null,
    data: 'aGVsbG8=',
    since: '2026-11-21T03:00:00Z',
    fancy: 'anything at all',
    ratio: 0.5,
    tags: ['a', 'b'],
    ports: [{ port: 80 }, { port: 80, protocol: 'UDP' }],
    values: { any: { deep: [1, 2] } },
    partlyFree: { other: 1, known: { a: 'x' } },
    template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { k: 'v' } },
    strictTemplate: { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'y' }, spec: { x: 'z' } },
    labels: { a: 'b' },
    choice: { b: 'yes' },
  });
  assert.deepEqual(await check(object), []);
});

test('unknown field: an error with a did-you-mean hint (the API server would prune it)', async () => {
  assert.deepEqual(await check(widget({ size: 1, mdoe: 'fast' })), [
    `${id}: spec.mdoe: unknown field "mdoe" (did you mean "mode"?); the API server would drop it`,
  ]);
});

test('unknown field at the top level and in a nested object without preserve-unknown-fields', async () => {
  const object = { ...widget({ size: 1, partlyFree: { known: { a: 'x', b: 2 } } }), status2: {} };
  assert.deepEqual(await check(object), [
    `${id}: spec.partlyFree.known.b: unknown field "b" (known fields: a); the API server would drop it`,
    `${id}: status2: unknown field "status2" (known fields: apiVersion, kind, metadata, spec); the API server would drop it`,
  ]);
});

test('x-kubernetes-int-or-string: integers and strings pass, other types fail, pattern applies to strings', async () => {
  assert.deepEqual(await check(widget({ size: 10 })), []);
  assert.deepEqual(await check(widget({ size: true })), [
    `${id}: spec.size: expected integer or string, got boolean true`,
  ]);
  assert.deepEqual(await check(widget({ size: '10GB' })), [
    `${id}: spec.size: expected a string matching /^[0-9]+(Mi|Gi)$/, got "10GB"`,
  ]);
});

test('x-kubernetes-list-type map: duplicate key tuples fail (after defaults, like the API server)', async () => {
  // The second item gets protocol: TCP by default, which makes it equal to the first.
  assert.deepEqual(await check(widget({ size: 1, ports: [{ port: 80, protocol: 'TCP' }, { port: 80 }] })), [
    `${id}: spec.ports[1]: duplicate entry: port=80, protocol="TCP" is already at [0] (list-map keys: port, protocol)`,
  ]);
});

test('x-kubernetes-list-type set: duplicate items fail', async () => {
  assert.deepEqual(await check(widget({ size: 1, tags: ['a', 'b', 'a'] })), [
    `${id}: spec.tags[2]: duplicate item "a": already at [0] (the list is a set)`,
  ]);
});

test('nullable: null passes where nullable, fails elsewhere', async () => {
  assert.deepEqual(await check(widget({ size: 1, note: null })), []);
  assert.deepEqual(await check(widget({ size: 1, mode: null })), [
    `${id}: spec.mode: expected string, got null (the field is not nullable)`,
  ]);
});

test('formats: int32 range, byte, date-time; an unknown format is ignored', async () => {
  assert.deepEqual(
    await check(
      widget({ size: 1, replicas: 3000000000, data: 'not base64!', since: 'yesterday', fancy: '?' }),
    ),
    [
      `${id}: spec.data: expected format "byte", got "not base64!"`,
      `${id}: spec.replicas: expected format "int32", got 3000000000`,
      `${id}: spec.since: expected format "date-time", got "yesterday"`,
    ],
  );
});

test('defaults are applied before validation, only where the parent exists', async () => {
  const result = await crds().validate(widget({ size: 1, options: {} }));
  assert.ok(result);
  assert.deepEqual(result.issues, []);
  assert.deepEqual(result.defaulted.spec, {
    size: 1,
    replicas: 1,
    mode: 'fast',
    options: { retries: 3, backoff: '10s' },
  });
  // The input object is not changed.
  const input = widget({ size: 1 });
  await crds().validate(input);
  assert.deepEqual(input.spec, { size: 1 });
});

test('a required field with no default is reported at its own path', async () => {
  assert.deepEqual(await check(widget({})), [`${id}: spec.size: missing (required)`]);
});

test('enum, OpenAPI boolean exclusiveMinimum, anyOf of required fields', async () => {
  assert.deepEqual(await check(widget({ size: 1, mode: 'medium', ratio: 0, choice: {} })), [
    `${id}: spec.choice: expected at least one of the fields a, b to be set`,
    `${id}: spec.mode: expected one of "fast", "slow", got "medium"`,
    `${id}: spec.ratio: expected a number > 0, got 0`,
  ]);
});

test('x-kubernetes-embedded-resource: apiVersion/kind/metadata allowed, other unknown fields are not', async () => {
  const object = widget({
    size: 1,
    strictTemplate: {
      apiVersion: 'v1',
      kind: 'Thing',
      metadata: { name: 'y' },
      spec: { x: 'z', y: 1 },
      extra: true,
    },
  });
  assert.deepEqual(await check(object), [
    `${id}: spec.strictTemplate.extra: unknown field "extra" (known fields: apiVersion, kind, metadata, spec); the API server would drop it`,
    `${id}: spec.strictTemplate.spec.y: unknown field "y" (known fields: x); the API server would drop it`,
  ]);
});

test('x-kubernetes-embedded-resource: apiVersion and kind are required', async () => {
  assert.deepEqual(await check(widget({ size: 1, template: { metadata: { name: 'x' }, data: {} } })), [
    `${id}: spec.template.apiVersion: missing (required)`,
    `${id}: spec.template.kind: missing (required)`,
  ]);
});

test('x-kubernetes-validations (CEL) are counted, not evaluated', async () => {
  const report = await validateReport(
    [
      // minReplicas > maxReplicas breaks the CEL rule: ajv cannot tell, the count says so.
      { target: 'management', object: widget({ size: 1, minReplicas: 5, maxReplicas: 2 }) },
      { target: 'management', object: widget({ size: 2 }, { name: 'w2', namespace: 'ns1' }) },
    ],
    { crds: crds() },
  );
  assert.deepEqual(report.findings, []);
  assert.equal(report.celRulesNotEvaluated, 2);
});
