// The lifecycle commands' input errors and an unreachable cluster, through the
// built CLI: exit codes and messages, no stack traces. No cluster needed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'aglais-lifecycle-cli-'));
// A kubeconfig whose server refuses connections (port 1 on loopback).
const dead = join(dir, 'dead.kubeconfig');
writeFileSync(
  dead,
  `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: 'https://127.0.0.1:1' } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: here, context: { cluster: c, user: u } }]
current-context: here
`,
);

function aglais(...args: string[]) {
  return spawnSync(process.execPath, ['dist/cli/main.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: dead },
  });
}

test('up against a cluster that does not answer: exit 3, says where', () => {
  const r = aglais('up', 'examples/dev.yaml', '--kubeconfig', dead);
  assert.equal(r.status, 3, r.stderr);
  assert.match(
    r.stderr,
    /preflight: cannot reach cluster here at https:\/\/127\.0\.0\.1:1: cannot reach the API server at https:\/\/127\.0\.0\.1:1\/: ECONNREFUSED/,
  );
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('bad kubeconfig, context, timeout and output: exit 2 with the offending value', () => {
  const cases: [string[], RegExp][] = [
    [['up', 'examples/dev.yaml', '--kubeconfig', join(dir, 'nope')], /kubeconfig: .*nope: no such file/],
    [
      ['diff', 'examples/dev.yaml', '--context', 'elsewhere'],
      /no context named "elsewhere" \(it has: here\)/,
    ],
    [
      ['up', 'examples/dev.yaml', '--timeout', 'forever'],
      /--timeout: expected a duration such as 90s, 30m or 1h, got "forever"/,
    ],
    [['up', 'examples/dev.yaml', '-o', 'yaml'], /up: -o: expected json, got "yaml"/],
    [['status', 'Not_A-Name'], /status: Not_A-Name: no such spec file, and not a platform name either/],
    [['down', join(dir, 'missing.yaml')], /missing\.yaml: cannot read the spec: no such file/],
  ];
  for (const [args, re] of cases) {
    const r = aglais(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
  }
});

test('help of each lifecycle command names its key flags', () => {
  for (const [cmd, flags] of [
    ['up', ['--kubeconfig', '--context', '--timeout', '--wait-lock', '--force-conflicts', '--delete-data']],
    ['diff', ['--kubeconfig', '--context']],
    ['status', ['--output', '--watch']],
    ['down', ['--delete-data', '--wait-lock', '--timeout']],
  ] as const) {
    const r = aglais(cmd, '--help');
    assert.equal(r.status, 0);
    for (const f of flags) assert.ok(r.stdout.includes(f), `${cmd} --help lacks ${f}`);
  }
});
