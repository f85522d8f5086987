/**
 * `aglais check` end to end against a REAL Zeppelin server (0.10.0 server, 0.10.1
 * python interpreter, PySpark 3.5 from the venv; see scripts/setup/40-zeppelin.sh)
 * on a small synthetic Gaia-like data set generated here with PySpark and
 * registered as external tables, as an aglais platform registers its data sets.
 * Expected values come from an independent oracle: pyarrow + numpy reading the
 * same Parquet files.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createClient } from '../zeppelin/client.js';
import { resultText } from '../zeppelin/types.js';
import { repoRoot, startZeppelin, zeppelinSuiteOptions, type LocalZeppelin } from '../zeppelin/testenv.js';
import { runCheck } from './cli.js';

const run = promisify(execFile);
const ROWS = 20_000;

/** Writes gaia_source and astrophysical_parameters as Parquet and registers them in gaiadr3. */
function setupCode(root: string): string {
  return `%python
from pyspark.sql import SparkSession, functions as F
spark = (SparkSession.builder.master("local[2]").appName("aglais-check-test")
         .config("spark.sql.shuffle.partitions", "4").config("spark.ui.enabled", "false").getOrCreate())
root = ${JSON.stringify(root)}
n = ${ROWS}
src = spark.range(n).select(
    F.col("id").alias("source_id"),
    (F.rand(1) * 360).alias("ra"),
    F.degrees(F.asin(F.rand(2) * 2 - 1)).alias("dec"),
    (F.rand(3) * 10 - 1).alias("parallax"),
    F.when(F.col("id") % 100 == 0, F.lit(None)).otherwise(F.rand(4) * 9 + 12).cast("float").alias("phot_g_mean_mag"),
    (F.rand(5) * 3).cast("float").alias("bp_rp"))
src.repartition(4).write.mode("overwrite").parquet(root + "/gaia_source")
ap = spark.range(0, n, 4).select(F.col("id").alias("source_id"), (F.rand(6) * 3000 + 3000).cast("float").alias("teff_gspphot"))
ap.write.mode("overwrite").parquet(root + "/astrophysical_parameters")
spark.sql("CREATE DATABASE IF NOT EXISTS gaiadr3")
for t in ["gaia_source", "astrophysical_parameters"]:
    spark.sql(f"DROP TABLE IF EXISTS gaiadr3.{t}")
    spark.catalog.createTable(f"gaiadr3.{t}", path=root + "/" + t, source="parquet")
print("registered", sorted(t.name for t in spark.catalog.listTables("gaiadr3")))
`;
}

/** The oracle: the same answers computed by pyarrow + numpy from the Parquet files. */
async function oracle(python: string, root: string): Promise<Record<string, unknown>> {
  const code = `
import json, sys, numpy as np, pyarrow.parquet as pq
root = sys.argv[1]
g = pq.read_table(root + "/gaia_source")
ap = pq.read_table(root + "/astrophysical_parameters")
ra = g.column("ra").to_numpy(); dec = g.column("dec").to_numpy()
ra0, dec0, r = 45.0, 30.0, 5.0
c = np.sin(np.radians(dec)) * np.sin(np.radians(dec0)) + np.cos(np.radians(dec)) * np.cos(np.radians(dec0)) * np.cos(np.radians(ra - ra0))
dist = np.degrees(np.arccos(np.minimum(1.0, c)))
band = (dec >= dec0 - r) & (dec <= dec0 + r)
mag = g.column("phot_g_mean_mag").to_numpy(zero_copy_only=False).astype("float64")
mag = mag[~np.isnan(mag)]
bins = np.unique(np.floor(mag).astype(int))
ids = set(g.column("source_id").to_pylist())
print(json.dumps({
  "rows": g.num_rows, "ap_rows": ap.num_rows,
  "cone": int(np.sum(band & (dist <= r))),
  "hist_total": int(mag.size), "hist_bins": int(bins.size),
  "join": sum(1 for s in ap.column("source_id").to_pylist() if s in ids),
}))
`;
  const { stdout } = await run(python, ['-c', code, root]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

interface JsonReport {
  ok: boolean;
  smoke: Array<{ check: string; status: string; detail: string }>;
  results: Array<{
    user: string;
    loop: number;
    test: string;
    status: string;
    output: string;
    message?: string;
  }>;
  summary: Record<string, number>;
}

describe('aglais check against a real Zeppelin server with PySpark', zeppelinSuiteOptions(), () => {
  let z: LocalZeppelin;
  let dir: string;
  let usersFile: string;
  let expected: Record<string, unknown>;

  before(async () => {
    z = await startZeppelin();
    dir = mkdtempSync(join(tmpdir(), 'aglais-check-'));
    usersFile = join(dir, 'users');
    writeFileSync(usersFile, z.users.map((u) => `${u.name}:${u.password}\n`).join(''), { mode: 0o600 });
    const client = createClient({ url: z.url });
    await client.login(z.users[0]!.name, z.users[0]!.password);
    const note = await client.createNote('setup-data', [{ text: setupCode(join(dir, 'data')) }]);
    const pid = (await client.getNote(note)).paragraphs[0]!.id;
    const result = await client.runParagraph(note, pid, { timeoutMs: 240_000 });
    assert.equal(result.code, 'SUCCESS', resultText(result));
    expected = await oracle(z.python, join(dir, 'data'));
    assert.equal(expected['rows'], ROWS);
  });
  after(async () => {
    await z?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the default suite passes for 3 concurrent users, with the right answers', async () => {
    let out = '';
    const junit = join(dir, 'junit.xml');
    const code = await runCheck(
      z.url,
      { users: '3', usersFile, interpreter: 'python', json: true, junit, quiet: true },
      (s) => (out += s),
      () => undefined,
    );
    const report = JSON.parse(out) as JsonReport;
    const errors = report.results.filter((r) => r.status === 'ERROR');
    assert.deepEqual(errors, [], 'no test in ERROR');
    assert.equal(code, 0);
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.smoke.map((c) => `${c.check}:${c.status}`),
      ['reachable:PASS', 'tls:SKIP', 'version:PASS', ...z.users.map((u) => `login:${u.name}:PASS`)],
    );
    const tests = ['setup', 'row-counts', 'cone-search', 'magnitude-histogram', 'join', 'ml-fit'];
    assert.deepEqual(
      report.results.map((r) => `${r.user}/${r.test}`),
      [...z.users.map((u) => u.name)].sort().flatMap((u) => tests.map((t) => `${u}/${t}`)),
    );
    for (const r of report.results) {
      assert.ok(['PASS', 'SLOW', 'SUSPECT'].includes(r.status), `${r.user}/${r.test}: ${r.status}`);
      const out = r.output;
      if (r.test === 'row-counts') {
        assert.match(out, new RegExp(`table=gaia_source rows=${String(expected['rows'])}\\b`));
        assert.match(
          out,
          new RegExp(`table=astrophysical_parameters rows=${String(expected['ap_rows'])}\\b`),
        );
        assert.match(out, /tables=2\b/);
      }
      if (r.test === 'cone-search')
        assert.match(out, new RegExp(`cone_count=${String(expected['cone'])}\\b`));
      if (r.test === 'magnitude-histogram') {
        assert.match(
          out,
          new RegExp(
            `histogram_bins=${String(expected['hist_bins'])} histogram_total=${String(expected['hist_total'])}\\b`,
          ),
        );
      }
      if (r.test === 'join') assert.match(out, new RegExp(`join_count=${String(expected['join'])}\\b`));
      if (r.test === 'ml-fit') assert.match(out, /ml_rows=[1-9]\d* ml_r2=/);
    }
    // JUnit XML read back by a real XML parser (Python's), not by our own code.
    const { stdout } = await run(z.python, [
      '-c',
      'import sys, xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); print(r.get("tests"), r.get("errors"), len(r.findall("testsuite")), len(r.findall(".//testcase")))',
      junit,
    ]);
    assert.equal(stdout.trim(), `${6 + 18} 0 4 24`);
  });

  it('judges real runs: errors, slow, suspect, timeout, imported notes run asynchronously; exit code 1', async () => {
    const suite = join(dir, 'judged.yaml');
    writeFileSync(
      suite,
      [
        'interpreter: python',
        'tests:',
        '  - { name: fails, expected: 60s, code: "raise RuntimeError(\'boom-42\')" }',
        '  - { name: slow, expected: 100ms, code: "import time; time.sleep(1)" }',
        '  - { name: suspect, expected: 1h, code: "print(1)" }',
        '  - { name: wrong-output, expected: 60s, expect: "answer=42", code: "print(\'answer=41\')" }',
        '  - { name: timed-out, expected: 1s, timeout: 2s, code: "import time; time.sleep(6)" }',
        '  - { name: imported, expected: 60s, note: good.json, expect: "^y=63$" }',
        '  - { name: imported-fails, expected: 60s, note: bad.json }',
        '',
      ].join('\n'),
    );
    // Zeppelin notes as a person exports them; the suite names them relative to itself.
    const note = (texts: string[]) =>
      JSON.stringify({ name: 'exported', paragraphs: texts.map((text) => ({ text })) });
    writeFileSync(
      join(dir, 'good.json'),
      note(['%python\ny = 60', '%python\ny += 3', '%python\nprint(f"y={y}")']),
    );
    writeFileSync(join(dir, 'bad.json'), note(['%python\nprint("first")', '%python\n{}["missing-key-7"]']));
    let out = '';
    const code = await runCheck(
      z.url,
      { suite, usersFile, json: true, quiet: true },
      (s) => (out += s),
      () => undefined,
    );
    assert.equal(code, 1);
    const report = JSON.parse(out) as JsonReport;
    const by = Object.fromEntries(report.results.map((r) => [r.test, r]));
    assert.equal(by['fails']?.status, 'ERROR');
    assert.match(by['fails']?.message ?? '', /RuntimeError: boom-42/);
    assert.equal(by['slow']?.status, 'SLOW');
    assert.equal(by['suspect']?.status, 'SUSPECT');
    assert.equal(by['wrong-output']?.status, 'ERROR');
    assert.match(by['wrong-output']?.message ?? '', /does not match \/answer=42\/.*answer=41/);
    assert.equal(by['timed-out']?.status, 'ERROR');
    assert.match(by['timed-out']?.message ?? '', /still running after 2 s/);
    assert.ok(['PASS', 'SUSPECT'].includes(by['imported']?.status ?? ''), JSON.stringify(by['imported']));
    assert.equal(by['imported']?.output, 'y=63\n');
    assert.equal(by['imported-fails']?.status, 'ERROR');
    assert.match(by['imported-fails']?.message ?? '', /note paragraph 2 ERROR: .*KeyError: 'missing-key-7'/);
    assert.equal(report.summary['ERROR'], 4);
    assert.equal(report.summary['SLOW'], 1);
    assert.equal(report.summary['SUSPECT']! + report.summary['PASS']!, 2);
  });

  it('CLI: a wrong password fails that login and that user in every loop, exit 1, password never printed', async () => {
    const bad = join(dir, 'bad-users');
    const wrong = 'not-the-password-93';
    writeFileSync(bad, `${z.users[0]!.name}:${z.users[0]!.password}\n${z.users[1]!.name}:${wrong}\n`, {
      mode: 0o600,
    });
    const r = await run(
      process.execPath,
      [
        join(repoRoot, 'dist/cli/main.js'),
        'check',
        z.url,
        '--users',
        '2',
        '--users-file',
        bad,
        '--interpreter',
        'python',
        '--only',
        'setup',
        '--loops',
        '2',
      ],
      { env: { ...process.env, AGLAIS_CHECK_USERS_FILE: '' } },
    ).then(
      (x) => ({ code: 0, stdout: x.stdout, stderr: x.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    assert.equal(r.code, 1, r.stderr);
    assert.ok(!`${r.stdout}${r.stderr}`.includes(wrong), 'the password is not printed');
    assert.match(r.stdout, new RegExp(`login:${z.users[1]!.name}\\s+ERROR .*wrong user name or password`));
    for (const loop of [1, 2]) {
      assert.match(r.stdout, new RegExp(`${z.users[0]!.name}\\s+${loop}\\s+setup\\s+(PASS|SUSPECT|SLOW)`));
      assert.match(r.stdout, new RegExp(`${z.users[1]!.name}\\s+${loop}\\s+setup\\s+ERROR\\s.*login failed`));
    }
    assert.match(r.stdout, /check: 4 runs \(2 users × 2 loops\): 2 errors/);
  });

  it('CLI over HTTPS (a real TLS proxy in front of Zeppelin): --insecure accepts a self-signed platform', async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'tls.key'),
        '-out',
        join(dir, 'tls.pem'),
        '-days',
        '90',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const upstream = new URL(z.url);
    const proxy = createHttpsServer(
      { key: readFileSync(join(dir, 'tls.key')), cert: readFileSync(join(dir, 'tls.pem')) },
      (req, res) => {
        const fwd = httpRequest(
          {
            host: upstream.hostname,
            port: upstream.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        fwd.on('error', () => res.destroy());
        req.pipe(fwd);
      },
    );
    await new Promise<void>((res) => proxy.listen(0, '127.0.0.1', res));
    const url = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const cli = (extra: string[]) =>
      run(process.execPath, [
        join(repoRoot, 'dist/cli/main.js'),
        'check',
        url,
        '--users-file',
        usersFile,
        '--json',
        ...extra,
      ]).then(
        (x) => ({ code: 0, stdout: x.stdout }),
        (e: { code: number; stdout: string }) => e,
      );
    try {
      const strict = await cli(['--smoke-only']);
      assert.equal(strict.code, 1);
      const s1 = (JSON.parse(strict.stdout) as JsonReport).smoke;
      assert.match(s1.find((c) => c.check === 'tls')?.detail ?? '', /does not verify: .*SELF_SIGNED/);
      const loose = await cli(['--insecure', '--interpreter', 'python', '--only', 'setup']);
      const report = JSON.parse(loose.stdout) as JsonReport;
      assert.equal(loose.code, 0, loose.stdout);
      assert.deepEqual(
        report.smoke.map((c) => `${c.check}:${c.status}`),
        ['reachable:PASS', 'tls:PASS', 'version:PASS', `login:${z.users[0]!.name}:PASS`],
      );
      assert.match(report.smoke[1]!.detail, /89 days left \(not verified: .*--insecure\)/);
      assert.equal(report.results.length, 1);
      assert.notEqual(report.results[0]!.status, 'ERROR');
    } finally {
      proxy.close();
    }
  });

  it('CLI: a server that does not answer is an ERROR in the smoke checks, exit 1', async () => {
    const r = await run(process.execPath, [
      join(repoRoot, 'dist/cli/main.js'),
      'check',
      'http://127.0.0.1:9',
      '--users-file',
      usersFile,
      '--json',
    ]).then(
      (x) => ({ code: 0, stdout: x.stdout }),
      (e: { code: number; stdout: string }) => e,
    );
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.smoke.find((c) => c.check === 'reachable')?.status, 'ERROR');
    assert.match(
      report.smoke.find((c) => c.check === 'reachable')?.detail ?? '',
      /cannot reach http:\/\/127\.0\.0\.1:9/,
    );
    assert.deepEqual(report.results, []);
  });
});
