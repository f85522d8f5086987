import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { platformJSONSchema } from './json-schema.js';

test('schema/platform.schema.json is the generated schema (run `npm run aglais -- schema > schema/platform.schema.json`)', () => {
  const committed = JSON.parse(readFileSync('schema/platform.schema.json', 'utf8')) as unknown;
  assert.deepEqual(committed, platformJSONSchema());
});

test('the JSON Schema is draft-07 and accepts every example while rejecting unknown keys', () => {
  const schema = platformJSONSchema();
  assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  const example = parse(readFileSync('examples/openstack.yaml', 'utf8')) as Record<string, unknown>;
  assert.equal(validate(example), true, JSON.stringify(validate.errors));
  const bad = structuredClone(example) as { spec: { kubernetes: Record<string, unknown> } };
  bad.spec.kubernetes['verison'] = 'v1.34.2';
  assert.equal(validate(bad), false);
  assert.ok(
    validate.errors?.some(
      (e) => e.keyword === 'additionalProperties' && e.params['additionalProperty'] === 'verison',
    ),
  );
});
