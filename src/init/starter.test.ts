import { test } from 'node:test';
import assert from 'node:assert/strict';
import { providers } from '../spec/cloud.js';
import { parseSpec } from '../spec/load.js';
import { render } from '../render/index.js';
import { starterSpec } from './starter.js';

for (const cloud of providers) {
  test(`init --cloud ${cloud}: the starter spec is valid as written and renders`, () => {
    const text = starterSpec(cloud);
    assert.match(text, /^# An aglais platform spec/);
    const { platform } = parseSpec(text, `${cloud}.yaml`);
    assert.equal(platform.spec.cloud.provider, cloud);
    assert.ok(render(platform).length > 0);
  });
}
