import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forDiff } from './diff.js';
import { redact, toWire } from './secrets.js';

const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'cloud', namespace: 'p' },
  type: 'Opaque',
  stringData: { 'clouds.yaml': 'password: hunter2\n', b: 'x' },
};

test('toWire folds stringData into sorted base64 data', () => {
  const w = toWire(secret) as unknown as { data: Record<string, string>; stringData?: unknown };
  assert.equal(w.stringData, undefined);
  assert.deepEqual(Object.keys(w.data), ['b', 'clouds.yaml']);
  assert.equal(Buffer.from(w.data['clouds.yaml'] ?? '', 'base64').toString(), 'password: hunter2\n');
});

test('redact and forDiff never show a value, in either encoding', () => {
  const wire = toWire(secret) as unknown as Record<string, unknown>;
  for (const text of [JSON.stringify(redact(wire)), forDiff(wire), JSON.stringify(redact(secret))]) {
    assert.doesNotMatch(text, /hunter2/);
    assert.doesNotMatch(text, new RegExp(Buffer.from('password: hunter2\n').toString('base64').slice(0, 16)));
    assert.match(text, /sha256:[0-9a-f]{12}/);
  }
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'visible' } };
  assert.equal(redact(cm), cm);
});
