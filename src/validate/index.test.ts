/**
 * validateObjects as a whole: metadata rules, versions, objects with no schema,
 * malformed inputs and the order of findings (on the Widget CRD, ./widget-crd.ts).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { validateObjects, type CrdValidator } from './index.js';
import { findingsFor, widget, widgetCrdDir, widgetId, widgetValidator } from './widget-crd.js';

const { dir, dispose } = widgetCrdDir();
after(dispose);
const validator = widgetValidator(dir);
const crds = (): CrdValidator => validator;
const check = (object: unknown): Promise<string[]> => findingsFor(validator, object);
const id = widgetId;

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

test('the default CRD directory: $AGLAIS_SHARED/crds, else <repo>/../shared/crds', async () => {
  const { defaultCrdDir } = await import('./crds.js');
  const { join } = await import('node:path');
  assert.equal(defaultCrdDir({ AGLAIS_SHARED: '/srv/shared' }), join('/srv/shared', 'crds'));
  // From dist/validate/crds.js: the repository is two levels up, shared/ beside it.
  assert.equal(defaultCrdDir({}), join(process.cwd(), '..', 'shared', 'crds'));
});
