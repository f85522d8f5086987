import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { forDiff, unifiedDiff } from './diff.js';

test('a one-line change: exact hunk, hand-checked', () => {
  const a = 'a\nb\nc\nd\ne\nf\ng\nh\n';
  const b = 'a\nb\nc\nd\nE\nf\ng\nh\n';
  assert.equal(
    unifiedDiff(a, b, 'live', 'aglais', { color: false }),
    ['--- live', '+++ aglais', '@@ -2,7 +2,7 @@', ' b', ' c', ' d', '-e', '+E', ' f', ' g', ' h', ''].join(
      '\n',
    ),
  );
  assert.equal(unifiedDiff(a, a, 'x', 'y', { color: false }), '');
});

test('creation diffs from nothing; colour only when asked', () => {
  const d = unifiedDiff('', 'x\ny\n', '/dev/null', 'new', { color: false });
  assert.equal(d, '--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+x\n+y\n');
  const esc = String.fromCharCode(27);
  const coloured = unifiedDiff('a\n', 'b\n', 'x', 'y', { color: true });
  assert.ok(coloured.includes(`${esc}[31m-a${esc}[0m\n${esc}[32m+b${esc}[0m`), coloured);
  assert.ok(!unifiedDiff('a\n', 'b\n', 'x', 'y', { color: false }).includes(esc));
});

test('patch(1) applies our diffs: the output is a valid unified diff (real patch as the oracle)', (t) => {
  if (spawnSync('patch', ['--version']).status !== 0) {
    t.skip('patch(1) is not installed (Debian: apt-get install patch)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'aglais-diff-'));
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let round = 0; round < 40; round++) {
    const a = Array.from({ length: 5 + rnd(40) }, () => `line ${rnd(12)}`);
    const b = a.flatMap((l) =>
      rnd(6) === 0 ? [] : rnd(7) === 0 ? [l, `new ${rnd(9)}`] : rnd(8) === 0 ? [`changed ${rnd(5)}`] : [l],
    );
    const from = `${a.join('\n')}\n`;
    const to = `${b.join('\n')}\n`;
    writeFileSync(join(dir, 'f'), from);
    writeFileSync(join(dir, 'p'), unifiedDiff(from, to, 'f', 'f', { color: false }));
    if (from === to) continue;
    const r = spawnSync('patch', ['-s', '-F0', join(dir, 'f'), join(dir, 'p')], { encoding: 'utf8' });
    assert.equal(r.status, 0, `patch failed on round ${round}: ${r.stdout}${r.stderr}`);
    assert.equal(readFileSync(join(dir, 'f'), 'utf8'), to, `round ${round}`);
  }
});

test('forDiff drops what the server alone keeps', () => {
  const text = forDiff({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'x',
      resourceVersion: '5',
      uid: 'u',
      managedFields: [{}],
      creationTimestamp: 't',
      labels: { a: 'b' },
    },
    data: { k: 'v' },
    status: { whatever: 1 },
  });
  assert.equal(
    text,
    'apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  labels:\n    a: b\n  name: x\n',
  );
});
