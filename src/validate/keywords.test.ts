/**
 * Each Kubernetes structural-schema keyword, on a small CRD written here for the
 * purpose (every keyword in one place, exact paths and messages), plus metadata
 * rules and the "no schema" error. shared-crds.test.ts covers the real CRDs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { KubernetesObject } from '../render/types.js';
import {
  crdValidatorFor,
  formatFinding,
  validateObjects,
  validateReport,
  type CrdValidator,
} from './index.js';

const crdYaml = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.test.example.org
spec:
  group: test.example.org
  names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          apiVersion: {type: string}
          kind: {type: string}
          metadata: {type: object}
          spec:
            type: object
            required: [size]
            x-kubernetes-validations:
            - rule: self.minReplicas <= self.maxReplicas
              message: minReplicas above maxReplicas
            properties:
              size:
                x-kubernetes-int-or-string: true
                anyOf: [{type: integer}, {type: string}]
                pattern: '^[0-9]+(Mi|Gi)$'
              replicas: {type: integer, format: int32, default: 1}
              minReplicas: {type: integer}
              maxReplicas: {type: integer}
              mode: {type: string, enum: [fast, slow], default: fast}
              note: {type: string, nullable: true}
              data: {type: string, format: byte}
              since: {type: string, format: date-time}
              fancy: {type: string, format: made-up-by-someone}
              ratio: {type: number, minimum: 0, exclusiveMinimum: true}
              tags:
                type: array
                items: {type: string}
                x-kubernetes-list-type: set
              ports:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [port, protocol]
                items:
                  type: object
                  required: [port]
                  properties:
                    port: {type: integer}
                    protocol: {type: string, default: TCP}
              values:
                type: object
                x-kubernetes-preserve-unknown-fields: true
              partlyFree:
                type: object
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  known:
                    type: object
                    properties:
                      a: {type: string}
              template:
                type: object
                x-kubernetes-embedded-resource: true
                x-kubernetes-preserve-unknown-fields: true
              strictTemplate:
                type: object
                x-kubernetes-embedded-resource: true
                properties:
                  spec:
                    type: object
                    properties:
                      x: {type: string}
              labels:
                type: object
                additionalProperties: {type: string}
              options:
                type: object
                properties:
                  retries: {type: integer, default: 3}
                  backoff: {type: string, default: 10s}
              choice:
                type: object
                anyOf: [{required: [a]}, {required: [b]}]
                properties:
                  a: {type: string}
                  b: {type: string}
  - name: v1beta1
    served: false
    storage: false
    schema:
      openAPIV3Schema: {type: object}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.test.example.org
spec:
  group: test.example.org
  names: {kind: Gadget, plural: gadgets}
  scope: Cluster
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {colour: {type: string}}}
`;

const dir = mkdtempSync(join(tmpdir(), 'aglais-validate-'));
writeFileSync(join(dir, 'widgets.yaml'), crdYaml);
after(() => rmSync(dir, { recursive: true, force: true }));
let validator: CrdValidator | undefined;
const crds = (): CrdValidator => (validator ??= crdValidatorFor([dir], { cacheDir: undefined }));

function widget(
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = { name: 'w1', namespace: 'ns1' },
) {
  return { apiVersion: 'test.example.org/v1', kind: 'Widget', metadata, spec } as unknown as KubernetesObject;
}

/** Findings for one object, formatted. */
async function check(object: unknown): Promise<string[]> {
  return (await validateObjects([{ target: 'management', object }], { crds: crds() })).map(formatFinding);
}

const id = 'management/Widget/ns1/w1';

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

test('a version that is not served is an error', async () => {
  assert.deepEqual(await check({ ...widget({ size: 1 }), apiVersion: 'test.example.org/v1beta1' }), [
    `${id}: apiVersion: "test.example.org/v1beta1" is no longer served by Widget.test.example.org; expected one of test.example.org/v1`,
  ]);
});

test('metadata: DNS subdomain names, namespace required when namespaced and refused when cluster-scoped', async () => {
  assert.deepEqual(await check(widget({ size: 1 }, { name: 'Gaia_1', namespace: 'ns1' })), [
    "management/Widget/ns1/Gaia_1: metadata.name: expected a DNS subdomain (lower-case letters, digits, '-' and '.', starting and ending alphanumeric), got \"Gaia_1\"",
  ]);
  assert.deepEqual(await check(widget({ size: 1 }, { name: `${'a'.repeat(250)}.bcd` })), [
    `management/Widget/-/${'a'.repeat(250)}.bcd: metadata.name: expected a DNS subdomain of at most 253 characters, got 254`,
    `management/Widget/-/${'a'.repeat(250)}.bcd: metadata.namespace: missing (required): the kind is namespaced, and the namespace must not depend on kubectl defaults`,
  ]);
  const gadget = {
    apiVersion: 'test.example.org/v1',
    kind: 'Gadget',
    metadata: { name: 'g', namespace: 'ns1' },
    spec: {},
  };
  assert.deepEqual(await check(gadget), [
    'management/Gadget/ns1/g: metadata.namespace: expected no namespace on a cluster-scoped kind, got "ns1" (the API server ignores it)',
  ]);
  const { namespace: _, ...clusterMeta } = gadget.metadata;
  assert.deepEqual(await check({ ...gadget, metadata: clusterMeta }), []);
});

test('metadata: label keys and values, unknown metadata fields', async () => {
  const object = widget(
    { size: 1 },
    { name: 'w1', namespace: 'ns1', labels: { 'bad key!': 'v', ok: 'no spaces' }, lables: {} },
  );
  assert.deepEqual(await check(object), [
    // Sorted by path: '.' sorts before '['.
    `${id}: metadata.labels.ok: expected a label value of at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric, got "no spaces"`,
    `${id}: metadata.labels["bad key!"]: expected a key name of at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric, got "bad key!"`,
    `${id}: metadata.lables: unknown field "lables" (did you mean "labels"?); the API server would drop it`,
  ]);
});

test('no schema at all (neither a CRD nor a core kind) is an error', async () => {
  const object = {
    apiVersion: 'example.org/v1',
    kind: 'Frobnicator',
    metadata: { name: 'f', namespace: 'ns1' },
  };
  assert.deepEqual(await check(object), [
    'management/Frobnicator/ns1/f: no schema for example.org/v1 Frobnicator (neither a CRD nor a core kind)',
  ]);
  // A kind missing from a group the catalog knows says what the group has.
  assert.deepEqual(await check({ ...object, apiVersion: 'test.example.org/v1' }), [
    'management/Frobnicator/ns1/f: no schema for test.example.org/v1 Frobnicator (neither a CRD nor a core kind; group test.example.org has: Gadget, Widget)',
  ]);
});

test('not an object, or no apiVersion/kind', async () => {
  assert.deepEqual(await check('text'), [
    'management/?/-/?: expected a Kubernetes object (a mapping), got string',
  ]);
  assert.deepEqual(await check({ kind: 'Widget', metadata: { name: 'w' } }), [
    'management/Widget/-/w: apiVersion: missing (required): every object needs apiVersion and kind',
  ]);
});

test('findings are sorted by object, then path', async () => {
  const findings = await validateObjects(
    [
      { target: 'workload', object: widget({ size: true }, { name: 'b', namespace: 'ns1' }) },
      { target: 'management', object: widget({ size: true, mode: 'x' }, { name: 'b', namespace: 'ns1' }) },
      { target: 'management', object: widget({ size: true }, { name: 'a', namespace: 'ns1' }) },
    ],
    { crds: crds() },
  );
  assert.deepEqual(
    findings.map((f) => `${f.target} ${f.name} ${f.path}`),
    ['management a spec.size', 'management b spec.mode', 'management b spec.size', 'workload b spec.size'],
  );
});

test('schemas are pruned to the objects in hand, yet a later object with other fields is fully checked', async () => {
  const v = crdValidatorFor([dir], { cacheDir: undefined });
  v.prepare([widget({ size: 1 })]);
  assert.deepEqual((await v.validate(widget({ size: 1 })))?.issues, []);
  const later = await v.validate(widget({ size: 1, options: { retries: 'x' }, tags: ['a', 'a'] }));
  assert.ok(later);
  assert.deepEqual(later.issues.map((i) => `${i.segments.join('.')}: ${i.message}`).sort(), [
    'spec.options.retries: expected integer, got string "x"',
    'spec.tags.1: duplicate item "a": already at [0] (the list is a set)',
  ]);
  assert.deepEqual((later.defaulted.spec as { options: unknown }).options, { retries: 'x', backoff: '10s' });
});

test('the JSON cache: a second catalog reads parsed CRDs from it; a changed file is a miss', async () => {
  const cacheDir = join(dir, 'cache');
  const crdDir = join(dir, 'cached-crds');
  mkdirSync(crdDir);
  writeFileSync(join(crdDir, 'widgets.yaml'), crdYaml);
  const first = crdValidatorFor([crdDir], { cacheDir });
  assert.deepEqual(await check2(first, widget({ size: 1 })), []);
  const files = readdirSync(cacheDir).sort();
  assert.equal(files.filter((f) => f.startsWith('index-')).length, 1);
  assert.equal(files.filter((f) => f.startsWith('crd-')).length, 1);
  // Same files, same stamps: served from the cache, same verdicts.
  const second = crdValidatorFor([crdDir], { cacheDir });
  assert.deepEqual(await check2(second, widget({ size: true })), [
    `${id}: spec.size: expected integer or string, got boolean true`,
  ]);
  // The CRD changes (size becomes a plain string): the cache must not answer with the old schema.
  writeFileSync(
    join(crdDir, 'widgets.yaml'),
    crdYaml.replace('x-kubernetes-int-or-string: true', 'type: string'),
  );
  utimesSync(join(crdDir, 'widgets.yaml'), new Date(), new Date(Date.now() + 5000));
  const third = crdValidatorFor([crdDir], { cacheDir });
  assert.deepEqual(await check2(third, widget({ size: 1 })), [
    `${id}: spec.size: expected string, got integer 1`,
  ]);
});

async function check2(v: CrdValidator, object: unknown): Promise<string[]> {
  return (await validateObjects([{ target: 'management', object }], { crds: v })).map(formatFinding);
}
