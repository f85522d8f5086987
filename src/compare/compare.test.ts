import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from '../spec/load.js';
import { providers } from '../spec/cloud.js';
import { compare, formatComparison, matchSize, parseClouds } from './compare.js';

test('matchSize picks the smallest size with enough CPU and memory', () => {
  const sizes = {
    small: { cpu: 2, memoryGiB: 4 },
    wide: { cpu: 16, memoryGiB: 32 },
    tall: { cpu: 4, memoryGiB: 64 },
    mid: { cpu: 8, memoryGiB: 32 },
  };
  // Needs 6 CPU, 20 GiB: small (2) and tall (4) lack CPU; mid and wide both have 32 GiB; mid has fewer CPUs.
  assert.equal(matchSize(sizes, { cpu: 6, memoryGiB: 20 }), 'mid');
  // 40 GiB: only tall has it.
  assert.equal(matchSize(sizes, { cpu: 1, memoryGiB: 40 }), 'tall');
  assert.equal(matchSize(sizes, { cpu: 32, memoryGiB: 1 }), undefined);
});

test('compare shows the OpenStack platform on every cloud and names what cannot be ported as written', async () => {
  const { platform } = await loadSpec('examples/openstack.yaml');
  const cols = compare(platform, [...providers]);
  assert.deepEqual(
    cols.map((c) => c.cloud),
    [...providers],
  );
  const own = cols[0];
  assert.equal(own?.sizes['workers'], 'gaia.vm.cclake.26vcpu');
  assert.deepEqual(own?.problems, []);
  for (const c of cols.slice(1)) {
    // The Gaia shares are Manila shares: no other cloud has Manila.
    assert.ok(
      c.problems.some((p) => p.startsWith('spec.datasets[0].source.type: a Manila share needs OpenStack')),
      `${c.cloud}: ${c.problems.join('; ')}`,
    );
  }
  const text = formatComparison(platform, cols);
  assert.match(text, /^Platform gaia-dmp on \d+ clouds/);
  assert.match(text, /shared storage \(RWX\)\s+cephfs\.manila\.csi\.openstack\.org/);
});

test('compare --clouds with an unknown cloud is a usage error', () => {
  assert.throws(
    () => parseClouds('openstack,gcp', providers),
    /compare: unknown cloud "gcp": expected some of openstack/,
  );
});
