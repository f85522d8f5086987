/**
 * HTTP(S) targets against a real local HTTP server that honours Range (node:http serving the
 * corpus files), including one that fails twice with 503 before answering: retried with backoff,
 * counted, and the result equals the local file's. The CLI runs as a child process without blocking
 * this one (runCliAsync), where the server lives.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { corpus, parseExact, runCli, runCliAsync, type Corpus } from './testkit.js';

const setup = corpus(true);
const skip = typeof setup === 'string' ? setup : false;

describe('data commands over HTTP range requests', { skip }, () => {
  const c = setup as Corpus;
  let server: Server;
  let base = '';
  let flaky = 0;
  const ranges: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      const name = (req.url ?? '/').split('/').pop() as string;
      if (name.startsWith('flaky-') && flaky++ < 2) {
        res.writeHead(503).end('busy');
        return;
      }
      let data: Buffer;
      try {
        data = readFileSync(join(c.dir, name.replace(/^flaky-/, '')));
      } catch {
        res.writeHead(404).end();
        return;
      }
      const range = req.headers.range ?? '';
      ranges.push(range);
      const m = /^bytes=(\d*)-(\d*)$/.exec(range);
      if (!m) {
        res.writeHead(200, { 'content-length': data.length }).end(data);
        return;
      }
      const start = m[1] === '' ? Math.max(0, data.length - Number(m[2])) : Number(m[1]);
      const end = m[1] === '' || m[2] === '' ? data.length - 1 : Math.min(Number(m[2]), data.length - 1);
      res.writeHead(206, {
        'content-range': `bytes ${start}-${end}/${data.length}`,
        'content-length': end - start + 1,
      });
      res.end(data.subarray(start, end + 1));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('reads the footer with one suffix range request and agrees with the local file', async () => {
    ranges.length = 0;
    const r = await runCliAsync(['data', 'meta', '--json', '--requests', `${base}/pa_gzip.parquet`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /requests: list=0 get=1 /);
    assert.deepEqual(ranges, ['bytes=-65536']);
    const local = parseExact(
      runCli(['data', 'meta', '--json', join(c.dir, 'pa_gzip.parquet')]).stdout,
    ) as Record<string, unknown>;
    const remote = parseExact(r.stdout) as Record<string, unknown>;
    delete local['file'];
    delete remote['file'];
    assert.deepEqual(remote, local);
  });

  it('retries 503 with backoff and counts the retries', async () => {
    flaky = 0;
    const r = await runCliAsync([
      'data',
      'schema',
      '--json',
      '--requests',
      `${base}/flaky-duck_gzip.parquet`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /requests: list=0 get=3 bytes=\d+ retries=2/);
  });

  it('scan goes on past a failing URL and exits 3 for it', async () => {
    const r = await runCliAsync([
      'data',
      'scan',
      '--json',
      `${base}/duck_zstd.parquet`,
      `${base}/gone.parquet`,
    ]);
    assert.equal(r.code, 3, r.stderr);
    const report = parseExact(r.stdout) as {
      readable: number;
      errors: Array<{ file: string; error: string; remote?: boolean }>;
    };
    assert.equal(report.readable, 1);
    assert.deepEqual(
      report.errors.map((e) => [e.file.split('/').pop(), e.remote]),
      [['gone.parquet', true]],
    );
    assert.match(report.errors[0]?.error ?? '', /HTTP 404/);
  });

  it('exits 3 on a missing file, naming the status and URL', async () => {
    const r = await runCliAsync(['data', 'schema', `${base}/nope.parquet`]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /data: HTTP 404 for http:\/\/127\.0\.0\.1:\d+\/nope\.parquet/);
  });
});
