/**
 * `data scan` and `data ddl` on the test corpus: totals against pyarrow, Spark bucket and
 * partition detection, schema differences, broken files, request counts (footer reads only),
 * workers vs main thread, and the DDL run in Spark itself.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { corpus, oracle, parseExact, python, repoRoot, runCli, type Corpus } from './testkit.js';

type Json = Record<string, unknown>;
const setup = corpus(true);
const skip = typeof setup === 'string' ? setup : false;

function scan(args: string[]): { code: number; report: Json; stderr: string } {
  const r = runCli(['data', 'scan', '--json', ...args]);
  return { code: r.code, report: r.stdout ? (parseExact(r.stdout) as Json) : {}, stderr: r.stderr };
}

describe('data scan', { skip }, () => {
  const c = setup as Corpus;

  it('reports broken files clearly, keeps going, exits 1, and reads footers only', () => {
    const { code, report } = scan([c.dir, '--workers', '0']);
    // the same on worker threads (they read local files themselves)
    const threaded = scan([c.dir, '--workers', '2']);
    assert.equal(threaded.code, 1);
    const { seconds: _a, ...threadedRest } = threaded.report;
    const { seconds: _b, ...inlineRest } = report;
    assert.deepEqual(threadedRest, inlineRest);
    assert.equal(code, 1);
    const errors = report['errors'] as Json[];
    const byName = Object.fromEntries(errors.map((e) => [String(e['file']).split('/').pop(), e['error']]));
    assert.match(String(byName['not_parquet.parquet']), /not a Parquet file/);
    assert.match(String(byName['truncated.parquet']), /truncated Parquet file/);
    assert.equal(errors.length, 2, JSON.stringify(errors));
    const files = report['files'] as number;
    assert.equal(report['readable'], files - 2);
    // one suffix read per file; the two broken ones get one more (their first 4 bytes)
    const req = report['requests'] as Json;
    assert.equal(req['get'], files + 2);
    assert.ok((req['bytes'] as number) <= files * 65536 + 8, `bytes read ${String(req['bytes'])}`);
  });

  it(
    'totals per table and per column agree with pyarrow',
    { skip: !c.spark && 'needs the Spark corpus' },
    () => {
      const dir = join(c.dir, 'warehouse/gaia_mini');
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.parquet'))
        .map((f) => join(dir, f));
      const expected = oracle('file', files) as Record<string, Json>;
      const { code, report } = scan([dir]);
      assert.equal(code, 0);
      assert.equal(report['files'], files.length);
      let rows = 0;
      let rowGroups = 0;
      const cols = new Map<
        string,
        { compressed: number; uncompressed: number; values: number; nulls: number }
      >();
      for (const e of Object.values(expected)) {
        rows += e['numRows'] as number;
        for (const rg of e['rowGroups'] as Json[]) {
          rowGroups++;
          for (const col of rg['columns'] as Json[]) {
            const t = cols.get(col['path'] as string) ?? {
              compressed: 0,
              uncompressed: 0,
              values: 0,
              nulls: 0,
            };
            t.compressed += col['compressed'] as number;
            t.uncompressed += col['uncompressed'] as number;
            t.values += col['numValues'] as number;
            t.nulls += col['nullCount'] as number;
            cols.set(col['path'] as string, t);
          }
        }
      }
      assert.equal(report['rows'], rows);
      assert.equal(report['rowGroups'], rowGroups);
      assert.ok(rowGroups > files.length, 'several row groups per file');
      for (const oc of report['columns'] as Json[]) {
        const t = cols.get(oc['path'] as string);
        assert.ok(t, `column ${String(oc['path'])}`);
        assert.deepEqual(
          {
            compressed: oc['compressed'],
            uncompressed: oc['uncompressed'],
            values: oc['values'],
            nulls: oc['nulls'],
          },
          t,
          String(oc['path']),
        );
      }
      assert.deepEqual(report['buckets'], { count: 16, files: 32, distinct: 16 });
      assert.equal((report['schemas'] as Json[]).length, 1);
      const sorted = (report['columns'] as Json[]).find((x) => x['path'] === 'source_id') as Json;
      assert.ok(
        (sorted['sortedFiles'] as number) > 0 && sorted['unsortedFiles'] === 0,
        'source_id sorted within files',
      );
    },
  );

  it(
    'gives the same answer on worker threads and on the main thread',
    { skip: !c.spark && 'needs the Spark corpus' },
    () => {
      const dir = join(c.dir, 'warehouse/gaia_mini');
      const a = scan([dir, '--workers', '2']).report;
      const b = scan([dir, '--workers', '0']).report;
      delete a['seconds'];
      delete b['seconds'];
      assert.deepEqual(a, b);
    },
  );

  it('scans hundreds of files the same on workers (pulling batches) and on the main thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aglais-many-'));
    const src = join(c.dir, 'duck_zstd.parquet');
    for (let b = 0; b < 400; b++) {
      linkSync(
        src,
        join(
          dir,
          `part-00000-0a1b2c3d-0000-4000-8000-000000000000_${String(b).padStart(5, '0')}.c000.zstd.parquet`,
        ),
      );
    }
    const a = scan([dir, '--workers', '2']);
    const b = scan([dir, '--workers', '0']);
    assert.equal(a.code, 0, a.stderr);
    const { seconds: _a, ...ra } = a.report;
    const { seconds: _b, ...rb } = b.report;
    assert.deepEqual(ra, rb);
    assert.equal(ra['files'], 400);
    assert.equal(ra['rows'], 400 * 2500);
    assert.deepEqual(ra['buckets'], { count: 400, files: 400, distinct: 400 });
    assert.equal((ra['requests'] as Json)['get'], 400);
  });

  it('detects k=v partition directories with Spark-inferred types', () => {
    const { code, report } = scan([join(c.dir, 'partitioned')]);
    assert.equal(code, 0);
    assert.deepEqual(report['partitions'], [
      { name: 'year', type: 'int', values: 3 },
      { name: 'band', type: 'string', values: 3 },
    ]);
    assert.equal(report['rows'], 60);
  });

  it('shows schema differences between files and exits 1', () => {
    const { code, report } = scan([join(c.dir, 'pa_snappy.parquet'), join(c.dir, 'duck_snappy.parquet')]);
    assert.equal(code, 1);
    assert.equal((report['schemas'] as Json[]).length, 2);
    const diffs = report['differences'] as Json[];
    assert.ok(diffs.some((d) => d['column'] === 'dec_big' && d['change'] === 'missing'));
    assert.ok(diffs.some((d) => d['column'] === 'd38' && d['change'] === 'extra'));
  });

  it('says what is wrong with a bad target', () => {
    const r = runCli(['data', 'scan', join(c.dir, 'no-such-dir')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such file or directory: '.*no-such-dir'/);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/); // no stack trace
  });
});

describe('data ddl', { skip }, () => {
  const c = setup as Corpus;

  it(
    'emits partitioned and bucketed CREATE TABLE statements that Spark accepts and reads',
    { skip: !c.spark && 'needs Spark' },
    () => {
      const gaia = runCli(['data', 'ddl', '--table', 'gaia_check', join(c.dir, 'warehouse/gaia_mini')]);
      assert.equal(gaia.code, 0, gaia.stderr);
      assert.match(gaia.stdout, /CLUSTERED BY \(`source_id`\) SORTED BY \(`source_id`\) INTO 16 BUCKETS/);
      assert.match(gaia.stdout, /`dec20` decimal\(20,6\)/);
      assert.match(gaia.stdout, /`ts` timestamp/);
      assert.match(gaia.stdout, /`phot` struct<`band`:string,`flux`:decimal\(23,1\)>/);
      const part = runCli(['data', 'ddl', '--table', 'band_check', join(c.dir, 'warehouse/by_band')]);
      assert.equal(part.code, 0, part.stderr);
      assert.match(part.stdout, /PARTITIONED BY \(`band`\)\nLOCATION '.*';\nMSCK REPAIR TABLE `band_check`;/);
      const work = mkdtempSync(join(tmpdir(), 'aglais-ddl-'));
      writeFileSync(join(work, 'gaia.sql'), gaia.stdout);
      writeFileSync(join(work, 'band.sql'), part.stdout);
      const out = execFileSync(
        python() as string,
        [
          join(repoRoot, 'src/data/testdata/spark_ddl_check.py'),
          join(work, 'gaia.sql'),
          join(work, 'band.sql'),
        ],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      const res = JSON.parse(out) as Record<string, Json>;
      const g = res[join(work, 'gaia.sql')] as Json;
      assert.equal(g['count'], 3000);
      assert.equal(g['numBuckets'], '16');
      assert.equal(g['bucketColumns'], '[`source_id`]');
      assert.equal(g['sortColumns'], '[`source_id`]');
      assert.equal(g['schema'], g['directSchema'], 'table schema = what Spark reads from the files');
      const b = res[join(work, 'band.sql')] as Json;
      assert.equal(b['count'], 3000);
      assert.deepEqual(b['partitionColumns'], ['band']);
      assert.equal(b['schema'], b['directSchema']);
    },
  );

  it('asks for --clustered-by when bucket files exist but no column is ordered', () => {
    // pyarrow's single-row-group files carry no ordering evidence; fake Spark bucket names on them
    const dir = mkdtempSync(join(tmpdir(), 'aglais-buckets-'));
    for (let b = 0; b < 3; b++) {
      execFileSync('cp', [
        join(c.dir, 'pa_nostats.parquet'),
        join(dir, `part-00000-0a1b2c3d-0000-4000-8000-000000000000_0000${b}.c000.snappy.parquet`),
      ]);
    }
    const r = runCli(['data', 'ddl', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /3 Spark bucket files .* pass --clustered-by COLUMN/);
    const ok = runCli([
      'data',
      'ddl',
      dir,
      '--clustered-by',
      'id',
      '--buckets',
      '8',
      '--table',
      'db.t',
      '--location',
      "s3a://b/it's",
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /'ts_ns' is TIMESTAMP\(NANOS\).*nanosAsLong/);
    assert.match(ok.stdout, /`ts_ns` bigint/);
    assert.match(ok.stdout, /CREATE TABLE `db`.`t`/);
    assert.match(ok.stdout, /CLUSTERED BY \(`id`\) INTO 8 BUCKETS\nLOCATION 's3a:\/\/b\/it\\'s';/);
  });
});
