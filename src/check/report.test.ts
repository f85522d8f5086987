/** Reports: the table, JSON and JUnit XML (read back by Python's XML parser, a real one). */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import type { TestResult } from './notebooks.js';
import { failed, renderJUnit, renderJson, renderTable, summaryLine, type CheckReport } from './report.js';

const r = (
  user: string,
  test: string,
  status: TestResult['status'],
  elapsedMs: number,
  message?: string,
): TestResult => ({
  user,
  loop: 1,
  test,
  status,
  elapsedMs,
  expectedMs: 10_000,
  output: 'x=1\n',
  ...(message ? { message } : {}),
});

const report: CheckReport = {
  target: 'URL',
  url: 'https://zeppelin.example.org',
  startedAt: '2026-01-01T00:00:00.000Z',
  elapsedMs: 12_000,
  users: 2,
  loops: 1,
  suite: '(default suite)',
  smoke: [
    { check: 'reachable', status: 'PASS', detail: 'HTTP 200', elapsedMs: 10 },
    { check: 'tls', status: 'SKIP', detail: 'http:// has no TLS', elapsedMs: 0 },
    { check: 'login:bob', status: 'ERROR', detail: 'refused <403> & "denied"', elapsedMs: 20 },
  ],
  // Out of order on purpose: reports sort by user, then suite order.
  results: [
    r('bob', 'setup', 'SLOW', 12_000),
    r('alice', 'setup', 'PASS', 6_000),
    r('alice', 'join', 'ERROR', 100, 'Traceback <stdin> & "quotes"\u0007\nline 2'),
    r('bob', 'join', 'SUSPECT', 1_000),
  ],
};

function python(): string {
  for (const p of ['python3', 'python']) {
    try {
      execFileSync(p, ['--version'], { stdio: 'ignore' });
      return p;
    } catch {
      // try the next name
    }
  }
  throw new Error('python3 is needed to read JUnit XML back');
}

describe('check reports', () => {
  it('summary and exit decision', () => {
    assert.equal(
      summaryLine(report),
      'check: 4 runs (2 users × 1 loops): 1 errors, 1 slow, 1 suspect, 1 pass; 1 smoke checks failed',
    );
    assert.equal(failed(report), true);
    assert.equal(
      failed({ ...report, smoke: [], results: [r('a', 't', 'SLOW', 1), r('a', 'u', 'SUSPECT', 1)] }),
      false,
    );
  });

  it('the table lists smoke checks, then results by user in suite order, one line each', () => {
    const t = renderTable(report);
    const lines = t.split('\n');
    const rows = lines
      .filter((l) => /^(alice|bob)\s/.test(l))
      .map((l) => l.split(/\s+/).slice(0, 4).join(' '));
    assert.deepEqual(rows, [
      'alice 1 setup PASS',
      'alice 1 join ERROR',
      'bob 1 setup SLOW',
      'bob 1 join SUSPECT',
    ]);
    assert.match(t, /^login:bob\s+ERROR\s+20 ms\s+refused <403> & "denied"$/m);
    assert.match(t, /alice\s+1\s+join\s+ERROR\s+100 ms\s+10\.0 s\s+Traceback <stdin> & "quotes" line 2$/m);
  });

  it('JSON carries sorted results, the summary and ok', () => {
    const j = JSON.parse(renderJson(report)) as {
      ok: boolean;
      summary: Record<string, number>;
      results: TestResult[];
    };
    assert.equal(j.ok, false);
    assert.deepEqual(j.summary, { ERROR: 1, SLOW: 1, SUSPECT: 1, PASS: 1, smokeErrors: 1 });
    assert.deepEqual(
      j.results.map((x) => `${x.user}/${x.test}`),
      ['alice/setup', 'alice/join', 'bob/setup', 'bob/join'],
    );
  });

  it('JUnit XML parses, with errors, failures and escaped messages', () => {
    const xml = renderJUnit(report);
    const code = `
import sys, json, xml.etree.ElementTree as E
root = E.fromstring(sys.stdin.read())
out = {"root": [root.get("tests"), root.get("failures"), root.get("errors")], "suites": []}
for s in root.findall("testsuite"):
    cases = []
    for c in s.findall("testcase"):
        kinds = [k.tag for k in c]
        msgs = [k.get("message") or k.text for k in c]
        cases.append([c.get("name"), kinds, msgs])
    out["suites"].append([s.get("name"), s.get("tests"), s.get("failures"), s.get("errors"), s.get("skipped"), cases])
print(json.dumps(out))
`;
    const parsed = JSON.parse(execFileSync(python(), ['-c', code], { input: xml, encoding: 'utf8' })) as {
      root: string[];
      suites: Array<[string, string, string, string, string | null, Array<[string, string[], string[]]>]>;
    };
    assert.deepEqual(parsed.root, ['7', '1', '2']);
    assert.deepEqual(
      parsed.suites.map((s) => s.slice(0, 5)),
      [
        ['smoke', '3', '0', '1', '1'],
        ['notebooks.alice', '2', '0', '1', null],
        ['notebooks.bob', '2', '1', '0', null],
      ],
    );
    const alice = parsed.suites[1]![5];
    // The control character is dropped (XML 1.0 forbids it); the newline survives as a character reference.
    assert.deepEqual(alice[1], ['join', ['error'], ['Traceback <stdin> & "quotes"\nline 2']]);
    const bob = parsed.suites[2]![5];
    assert.deepEqual(bob[0], ['setup', ['failure'], ['SLOW: took 12.0 s, expected 10.0 s']]);
    assert.deepEqual(bob[1], [
      'join',
      ['system-out'],
      ['SUSPECT: took 1.0 s, expected 10.0 s (below half the expected time)'],
    ]);
    assert.deepEqual(parsed.suites[0]![5][2], ['login:bob', ['error'], ['refused <403> & "denied"']]);
  });
});
