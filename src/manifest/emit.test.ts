/**
 * The manifest emitter against the `yaml` library as the reader: everything it
 * writes must read back as the same data under YAML 1.1 and 1.2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { render } from '../render/index.js';
import { loadSpec } from '../spec/load.js';
import { emitYAML } from './emit.js';

function roundTrip(v: unknown): void {
  const text = emitYAML(v);
  for (const version of ['1.1', '1.2'] as const) {
    assert.deepEqual(parse(text, { version }), v, `YAML ${version} reading of:\n${text}`);
  }
}

const tricky = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'N',
  'true',
  'False',
  'null',
  '~',
  '',
  ' ',
  '=',
  '<<',
  '0',
  '010',
  '0x1F',
  '0o17',
  '1e3',
  '.5',
  '-1',
  '+1',
  '1:20',
  '1_000',
  '.inf',
  '-.Inf',
  '.NaN',
  '2026-11-21',
  '2026-11-21T03:00:00Z',
  '12:30:00',
  ' leading',
  'trailing ',
  '#comment',
  'a #b',
  'a: b',
  'a:b',
  '- x',
  '-x',
  '? x',
  '?x',
  ': x',
  '@x',
  '`x',
  '%x',
  '!x',
  '&x',
  '*x',
  '|',
  '>',
  '[x]',
  '{x}',
  ',x',
  '"x"',
  "'x'",
  'key=value',
  'a\tb',
  'tab\t',
  '\u0085',
  'é',
  '日本',
  'x\u2028y',
  '{{ .Cluster.metadata.name }}',
  '{{ local_hostname }}',
  'line one\nline two\n',
  'no final newline\nsecond',
  '  indented first\nsecond\n',
  'two\n\n',
  '\n',
  'a\n\n\nb\n',
  'trailing space \nx\n',
  'windows\r\nline\r\n',
  'tab\n\tindented\n',
  'nodefs.available<0%,imagefs.available<0%',
  '172.16.0.0/13',
  'v1.34.2',
  'app.kubernetes.io/managed-by',
];

test('tricky strings read back as themselves, as values and as keys', () => {
  for (const s of tricky) {
    roundTrip({ v: s });
    roundTrip({ [s]: 1 });
    roundTrip([s]);
  }
});

test('numbers, booleans, null, empty and nested collections', () => {
  roundTrip({
    a: 0,
    b: -1.5,
    c: 1e21,
    d: true,
    e: false,
    f: null,
    g: [],
    h: {},
    i: [[], {}, [1, [2, { x: [] }]]],
  });
  roundTrip([{ a: 1, b: { c: [{ d: 'x' }, 'y'] } }, [{ z: 1 }], 'end']);
});

test('every object rendered from every example reads back unchanged', async () => {
  let n = 0;
  for (const f of readdirSync('examples').filter((x) => x.endsWith('.yaml'))) {
    const { platform } = await loadSpec(`examples/${f}`);
    for (const o of render(platform)) {
      roundTrip(o.object);
      n++;
    }
  }
  assert.ok(n > 100, `only ${n} objects`);
});

test('multi-line configuration is written as a block literal', () => {
  assert.equal(
    emitYAML({ conf: '[Global]\nuse-clouds = true\n' }),
    'conf: |\n  [Global]\n  use-clouds = true\n',
  );
  assert.equal(emitYAML({ a: [{ b: 'x\ny' }] }), 'a:\n  - b: |-\n      x\n      y\n');
});
