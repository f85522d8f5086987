/** The pure parts of `aglais check`: judging, durations, suites, credentials, targets. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UserError } from '../cli/errors.js';
import { repoRoot } from '../zeppelin/testenv.js';
import { parseCredentials, readCredentialsFile, simulatedUsers } from './credentials.js';
import { defaultSuiteYaml } from './default-suite.js';
import { formatDuration, parseDuration } from './duration.js';
import { judge } from './judge.js';
import { loadSuite, paragraphText, parseSuite } from './suite.js';
import { resolveTarget } from './target.js';

function userError(f: () => unknown, message: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof UserError, String(e));
    assert.match(e.message, message);
    return true;
  });
}

describe('judge', () => {
  it('SLOW above the expected time, SUSPECT below half, ERROR on failure, else PASS', () => {
    assert.equal(judge(true, 100_001, 100_000), 'SLOW');
    assert.equal(judge(true, 100_000, 100_000), 'PASS');
    assert.equal(judge(true, 50_000, 100_000), 'PASS');
    assert.equal(judge(true, 49_999, 100_000), 'SUSPECT');
    assert.equal(judge(false, 60_000, 100_000), 'ERROR');
    assert.equal(judge(false, 1, 100_000), 'ERROR');
  });
});

describe('durations', () => {
  it('parses seconds, units and combinations', () => {
    assert.equal(parseDuration(90), 90_000);
    assert.equal(parseDuration('90'), 90_000);
    assert.equal(parseDuration('90s'), 90_000);
    assert.equal(parseDuration('1m30s'), 90_000);
    assert.equal(parseDuration('2h'), 7_200_000);
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('1.5s'), 1500);
    for (const bad of ['', 'soon', '5 minutes', '-3s', '0s', 0, -1])
      assert.equal(parseDuration(bad), undefined, String(bad));
  });
  it('formats for people', () => {
    assert.equal(formatDuration(850), '850 ms');
    assert.equal(formatDuration(12_345), '12.3 s');
    assert.equal(formatDuration(245_000), '4m05s');
  });
});

describe('suite', () => {
  it('the default suite loads: six tests, params filled in, interpreter overridable', async () => {
    const s = await loadSuite(undefined);
    assert.deepEqual(
      s.tests.map((t) => [t.name, t.expectedMs]),
      [
        ['setup', 45_000],
        ['row-counts', 55_000],
        ['cone-search', 60_000],
        ['magnitude-histogram', 60_000],
        ['join', 125_000],
        ['ml-fit', 650_000],
      ],
    );
    const cone = s.tests.find((t) => t.name === 'cone-search')!;
    assert.match(cone.code, /FROM gaiadr3\.gaia_source/);
    assert.match(cone.code, /BETWEEN 30 - 5 AND 30 \+ 5/);
    assert.ok(!/\{\{/.test(s.tests.map((t) => t.code).join('')), 'no placeholder left');
    assert.equal(paragraphText(cone).split('\n')[0], '%spark.pyspark');
    const o = await loadSuite(undefined, {
      interpreter: 'python',
      set: { database: 'gaiaedr3' },
      only: ['join'],
    });
    assert.deepEqual(
      o.tests.map((t) => t.name),
      ['join'],
    );
    assert.equal(o.tests[0]!.interpreter, 'python');
    assert.match(o.tests[0]!.code, /gaiaedr3\.gaia_source s JOIN gaiaedr3\.astrophysical_parameters/);
    assert.equal(o.tests[0]!.timeoutMs, 375_000);
  });

  it('bad suites: file:line:column, field path and what was expected', () => {
    const text = [
      'interpreter: python',
      'tests:',
      '  - name: Bad Name',
      '    expected: soon',
      '    code: print(1)',
      '    extra: 1',
      '',
    ].join('\n');
    userError(() => parseSuite(text, 's.yaml'), /s\.yaml:3:11: tests\.0\.name: expected lower-case/);
    userError(
      () => parseSuite(text, 's.yaml'),
      /s\.yaml:4:15: tests\.0\.expected: expected a duration such as 90, "90s"/,
    );
    userError(() => parseSuite(text, 's.yaml'), /s\.yaml:3:5: tests\.0: Unrecognized key: "extra"/);
    userError(
      () => parseSuite('interpreter: python\ntests: []\n', 't.yaml'),
      /t\.yaml:2:8: tests: expected at least one test/,
    );
    userError(() => parseSuite('tests: [\n', 'y.yaml'), /y\.yaml:\d+:\d+: YAML: /);
    userError(
      () =>
        parseSuite('interpreter: python\ntests:\n  - {name: a, expected: 1, code: "{{nope}}"}\n', 'p.yaml'),
      /p\.yaml:3:\d+: tests\.0\.code: unknown param \{\{nope\}\}/,
    );
    userError(
      () =>
        parseSuite(
          'interpreter: python\ntests:\n  - {name: a, expected: 1, code: x}\n  - {name: a, expected: 1, code: y}\n',
          'd.yaml',
        ),
      /d\.yaml:4:\d+: tests\.1\.name: 'a' is used twice/,
    );
    userError(
      () =>
        parseSuite(
          'interpreter: python\ntests:\n  - {name: a, expected: 1, code: x, note: n.json}\n',
          'b.yaml',
        ),
      /b\.yaml:3:5: tests\.0: expected either code \(one paragraph\) or note/,
    );
    userError(
      () =>
        parseSuite(
          'interpreter: python\ntests:\n  - {name: a, expected: 1, note: missing.json}\n',
          '/nonexistent/s.yaml',
        ),
      /s\.yaml:3:\d+: note \/nonexistent\/missing\.json: no such file/,
    );
    userError(
      () => parseSuite(defaultSuiteYaml, 'x', { set: { nope: '1' } }),
      /--set nope: the suite x has no param 'nope'/,
    );
    userError(() => parseSuite(defaultSuiteYaml, 'x', { only: ['nope'] }), /--only nope: no such test/);
  });
});

describe('credentials', () => {
  it('parses name:password lines; passwords may hold colons', () => {
    const c = parseCredentials('# users\nalice:pw:with:colons\n\nbob:secret\r\n', 'u');
    assert.deepEqual(c, [
      { name: 'alice', password: 'pw:with:colons' },
      { name: 'bob', password: 'secret' },
    ]);
  });
  it('bad lines name file:line and never echo the line', () => {
    userError(
      () => parseCredentials('alice:ok\njustapassword\n', 'u.txt'),
      /^u\.txt:2:1: expected name:password$/,
    );
    userError(() => parseCredentials('a:1\na:2\n', 'u.txt'), /u\.txt:2:1: user 'a' is listed twice/);
    userError(() => parseCredentials('# nobody\n', 'u.txt'), /no users/);
  });
  it('a users file readable by others is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aglais-cred-'));
    try {
      const f = join(dir, 'users');
      writeFileSync(f, 'alice:pw\n', { mode: 0o644 });
      await assert.rejects(readCredentialsFile(f), /readable by others \(mode 644\): chmod 600/);
      writeFileSync(join(dir, 'ok'), 'alice:pw\n', { mode: 0o600 });
      assert.equal((await readCredentialsFile(join(dir, 'ok')))[0]!.name, 'alice');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('simulated users take the accounts in turn', () => {
    const users = simulatedUsers(
      [
        { name: 'a', password: '1' },
        { name: 'b', password: '2' },
      ],
      5,
    );
    assert.deepEqual(
      users.map((u) => u.label),
      ['a', 'b', 'a#2', 'b#2', 'a#3'],
    );
  });
});

describe('target', () => {
  it('a URL is used as is, without a trailing slash', async () => {
    assert.deepEqual(await resolveTarget('https://zeppelin.example.org/'), {
      url: 'https://zeppelin.example.org',
      from: 'URL',
    });
  });
  it('a spec gives https://<spec.platform.domain>', async () => {
    const file = join(repoRoot, 'examples/dev.yaml');
    const domain = /^\s+domain:\s*(\S+)/m.exec(readFileSync(file, 'utf8'))?.[1];
    assert.ok(domain);
    assert.deepEqual(await resolveTarget(file), { url: `https://${domain}`, from: `spec ${file}` });
  });
  it('another scheme is refused; a missing spec file is a clear error', async () => {
    await assert.rejects(resolveTarget('ftp://example.org'), /expected an http:\/\/ or https:\/\/ URL/);
    await assert.rejects(
      resolveTarget('/nonexistent/platform.yaml'),
      /platform\.yaml: cannot read the spec: no such file/,
    );
  });
});
