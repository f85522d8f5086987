/**
 * The data commands against a real S3-protocol server (MinIO from scripts/setup/25-s3.sh) on
 * 127.0.0.1 with path-style addressing, and over plain HTTP range requests: same answers as on
 * disk, footer reads only (request counts), clear exit 3 on S3 failures.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { minioBinary, startS3, upload, type S3Server } from './s3-server.js';
import { corpus, missing, parseExact, runCli, type Corpus } from './testkit.js';

type Json = Record<string, unknown>;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const setup = corpus(true);
const skip =
  typeof setup === 'string'
    ? setup
    : minioBinary()
      ? false
      : missing('MinIO', "run 'bash scripts/setup/25-s3.sh'");

describe('data commands on S3 (MinIO, path-style) and HTTP', { skip }, () => {
  const c = setup as Corpus;
  let s3: S3Server;
  const s3cli = (args: string[]) => runCli([...args, '--endpoint', s3.endpoint, '--requests'], s3.env);
  const requests = (stderr: string) => {
    const m = /requests: list=(\d+) get=(\d+) bytes=(\d+) retries=(\d+)/.exec(stderr);
    assert.ok(m, `no request counts in: ${stderr}`);
    return { list: Number(m[1]), get: Number(m[2]), bytes: Number(m[3]), retries: Number(m[4]) };
  };
  const withoutFile = (j: Json) => {
    const o = { ...j };
    delete o['file'];
    return o;
  };

  before(async () => {
    s3 = await startS3();
    await upload(
      s3,
      'gaia',
      'corpus',
      c.dir,
      walk(c.dir).filter((f) => !f.includes('/warehouse/') && !f.endsWith('.done')),
    );
    if (c.spark)
      await upload(s3, 'gaia', 'dr3', join(c.dir, 'warehouse'), walk(join(c.dir, 'warehouse/gaia_mini')));
    // anonymous read on one prefix, for the HTTP(S) target test
    const sdk = await import('@aws-sdk/client-s3');
    const client = new sdk.S3Client({
      endpoint: s3.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: {
        accessKeyId: s3.env['AWS_ACCESS_KEY_ID'] as string,
        secretAccessKey: s3.env['AWS_SECRET_ACCESS_KEY'] as string,
      },
    });
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['*'] },
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::gaia/corpus/*'],
        },
      ],
    };
    await client.send(new sdk.PutBucketPolicyCommand({ Bucket: 'gaia', Policy: JSON.stringify(policy) }));
    client.destroy();
  });
  after(async () => {
    await s3?.stop();
  });

  it('schema, meta and head of an S3 object equal the local answers, with one footer read', () => {
    const local = join(c.dir, 'pa_zstd.parquet');
    const url = 's3://gaia/corpus/pa_zstd.parquet';
    const schema = s3cli(['data', 'schema', '--json', url]);
    assert.equal(schema.code, 0, schema.stderr);
    assert.deepEqual(requests(schema.stderr), { ...requests(schema.stderr), list: 1, get: 1, retries: 0 });
    assert.deepEqual(
      withoutFile(parseExact(schema.stdout) as Json),
      withoutFile(parseExact(runCli(['data', 'schema', '--json', local]).stdout) as Json),
    );
    const meta = s3cli(['data', 'meta', '--json', url]);
    assert.equal(meta.code, 0, meta.stderr);
    assert.equal(requests(meta.stderr).get, 1, 'meta reads the footer only');
    assert.deepEqual(
      withoutFile(parseExact(meta.stdout) as Json),
      withoutFile(parseExact(runCli(['data', 'meta', '--json', local]).stdout) as Json),
    );
    const head = s3cli(['data', 'head', '-n', '250', '--json', url]);
    assert.equal(head.code, 0, head.stderr);
    assert.deepEqual(
      parseExact(head.stdout),
      parseExact(runCli(['data', 'head', '-n', '250', '--json', local]).stdout),
    );
    const stats = s3cli(['data', 'stats', '--json', 's3://gaia/corpus/duck_*.parquet']);
    assert.equal(stats.code, 0, stats.stderr);
    assert.equal(requests(stats.stderr).get, 4, 'one footer read per duck_* file');
  });

  it(
    'scans a bucketed table with one list call and one ranged GET per file',
    { skip: !c.spark && 'needs the Spark corpus' },
    () => {
      const r = s3cli(['data', 'scan', '--json', 's3://gaia/dr3/gaia_mini']);
      assert.equal(r.code, 0, r.stderr);
      const remote = parseExact(r.stdout) as Json;
      const local = parseExact(
        runCli(['data', 'scan', '--json', join(c.dir, 'warehouse/gaia_mini')]).stdout,
      ) as Json;
      const files = local['files'] as number;
      assert.equal(remote['files'], files);
      const req = remote['requests'] as Json;
      assert.equal(req['list'], 1);
      assert.equal(req['get'], files, 'footer reads only');
      assert.ok((req['bytes'] as number) <= (local['bytes'] as number), 'never more than the files');
      for (const k of [
        'rows',
        'rowGroups',
        'compressed',
        'uncompressed',
        'buckets',
        'columns',
        'partitions',
      ]) {
        assert.deepEqual(remote[k], local[k], k);
      }
      // the same when the footers fetched here are decoded on worker threads
      const threaded = s3cli(['data', 'scan', '--json', '--workers', '2', 's3://gaia/dr3/gaia_mini']);
      assert.equal(threaded.code, 0, threaded.stderr);
      const t = parseExact(threaded.stdout) as Json;
      for (const k of [
        'rows',
        'rowGroups',
        'compressed',
        'uncompressed',
        'buckets',
        'columns',
        'schemas',
        'requests',
      ]) {
        assert.deepEqual(t[k], remote[k], `workers: ${k}`);
      }
      const ddl = s3cli(['data', 'ddl', 's3://gaia/dr3/gaia_mini']);
      assert.equal(ddl.code, 0, ddl.stderr);
      assert.match(ddl.stdout, /INTO 16 BUCKETS\nLOCATION 's3a:\/\/gaia\/dr3\/gaia_mini';/);
    },
  );

  it('partitions and broken objects over S3', () => {
    const p = s3cli(['data', 'scan', '--json', 's3://gaia/corpus/partitioned/']);
    assert.equal(p.code, 0, p.stderr);
    assert.deepEqual((parseExact(p.stdout) as Json)['partitions'], [
      { name: 'year', type: 'int', values: 3 },
      { name: 'band', type: 'string', values: 3 },
    ]);
    const b = s3cli(['data', 'scan', '--json', 's3://gaia/corpus/broken']);
    assert.equal(b.code, 1);
    const errs = (parseExact(b.stdout) as Json)['errors'] as Json[];
    assert.deepEqual(
      errs.map((e) => [e['file'], String(e['error']).split(' (')[0]]),
      [
        ['s3://gaia/corpus/broken/not_parquet.parquet', 'not a Parquet file'],
        [
          's3://gaia/corpus/broken/truncated.parquet',
          'truncated Parquet file: starts with PAR1 but does not end with it',
        ],
      ],
    );
  });

  it('exits 3 with the S3 error for a missing bucket and bad credentials', () => {
    const nb = s3cli(['data', 'scan', 's3://no-such-bucket/x']);
    assert.equal(nb.code, 3);
    assert.match(nb.stderr, /data: list s3:\/\/no-such-bucket\/x failed: HTTP 404 NoSuchBucket/);
    const bad = runCli(['data', 'schema', 's3://gaia/corpus/pa_zstd.parquet', '--endpoint', s3.endpoint], {
      ...s3.env,
      AWS_SECRET_ACCESS_KEY: 'wrong',
    });
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /HTTP 403/);
  });

  it('retries a refused endpoint with backoff, then exits 3', () => {
    const r = runCli(
      ['data', 'schema', 's3://gaia/x.parquet', '--endpoint', 'http://127.0.0.1:9', '--requests'],
      s3.env,
    );
    assert.equal(r.code, 3);
    assert.deepEqual(requests(r.stderr), { list: 4, get: 0, bytes: 0, retries: 3 });
  });

  it('reads HTTP(S) URLs with range requests only', () => {
    const url = `${s3.endpoint}/gaia/corpus/duck_zstd.parquet`;
    const local = join(c.dir, 'duck_zstd.parquet');
    const r = runCli(['data', 'meta', '--json', '--requests', url]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(requests(r.stderr).get, 1);
    assert.deepEqual(
      withoutFile(parseExact(r.stdout) as Json),
      withoutFile(parseExact(runCli(['data', 'meta', '--json', local]).stdout) as Json),
    );
    const h = runCli(['data', 'head', '-n', '3', '--json', url]);
    assert.deepEqual(
      parseExact(h.stdout),
      parseExact(runCli(['data', 'head', '-n', '3', '--json', local]).stdout),
    );
    const nf = runCli(['data', 'schema', `${s3.endpoint}/gaia/corpus/missing.parquet`]);
    assert.equal(nf.code, 3);
    assert.match(nf.stderr, /HTTP 40[34]/);
  });
});
