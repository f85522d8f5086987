/**
 * What makes validation fast must not change verdicts: schemas pruned to the
 * objects in hand, and the on-disk JSON cache of parsed CRDs.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crdValidatorFor } from './index.js';
import { crdYaml, findingsFor, widget, widgetCrdDir, widgetId, widgetValidator } from './widget-crd.js';

const { dir, dispose } = widgetCrdDir();
after(dispose);
const id = widgetId;

test('schemas are pruned to the objects in hand, yet a later object with other fields is fully checked', async () => {
  const v = widgetValidator(dir);
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
  assert.deepEqual(await findingsFor(first, widget({ size: 1 })), []);
  const files = readdirSync(cacheDir).sort();
  assert.equal(files.filter((f) => f.startsWith('index-')).length, 1);
  assert.equal(files.filter((f) => f.startsWith('crd-')).length, 1);
  // Same files, same stamps: served from the cache, same verdicts.
  const second = crdValidatorFor([crdDir], { cacheDir });
  assert.deepEqual(await findingsFor(second, widget({ size: true })), [
    `${id}: spec.size: expected integer or string, got boolean true`,
  ]);
  // The CRD changes (size becomes a plain string): the cache must not answer with the old schema.
  writeFileSync(
    join(crdDir, 'widgets.yaml'),
    crdYaml.replace('x-kubernetes-int-or-string: true', 'type: string'),
  );
  utimesSync(join(crdDir, 'widgets.yaml'), new Date(), new Date(Date.now() + 5000));
  const third = crdValidatorFor([crdDir], { cacheDir });
  assert.deepEqual(await findingsFor(third, widget({ size: 1 })), [
    `${id}: spec.size: expected string, got integer 1`,
  ]);
});

test('the catalog: a CRD in an unusual layout (JSON, versions first) is parsed rather than guessed', async () => {
  const crdDir = join(dir, 'json-crds');
  mkdirSync(crdDir);
  const crd = {
    spec: {
      versions: [
        {
          name: 'v2',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { spec: { type: 'object', properties: { n: { type: 'integer' } } } },
            },
          },
        },
      ],
      scope: 'Cluster',
      names: { plural: 'things', kind: 'Thing' },
      group: 'json.example.org',
    },
    metadata: { name: 'things.json.example.org' },
    kind: 'CustomResourceDefinition',
    apiVersion: 'apiextensions.k8s.io/v1',
  };
  writeFileSync(join(crdDir, 'things.json'), JSON.stringify(crd));
  const v = crdValidatorFor([crdDir], { cacheDir: undefined });
  assert.deepEqual(v.catalog.kinds(), ['Thing.json.example.org']);
  const thing = {
    apiVersion: 'json.example.org/v2',
    kind: 'Thing',
    metadata: { name: 't' },
    spec: { n: 'one' },
  };
  assert.deepEqual(await findingsFor(v, thing), [
    'management/Thing/-/t: spec.n: expected integer, got string "one"',
  ]);
});
