/**
 * The TLS smoke check against a real TLS server (node:tls) with certificates made
 * by the real openssl CLI: valid, near expiry, expired, and not trusted.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer, type Server } from 'node:tls';
import { reachable, tlsCertificate } from './smoke.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const opts =
  hasOpenssl() || process.env['CI'] === 'true' ? {} : { skip: 'openssl missing: apt-get install openssl' };

function makeCert(dir: string, name: string, days: number): { key: string; cert: string } {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, `${name}.key`),
      '-out',
      join(dir, `${name}.pem`),
      '-days',
      String(days),
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(join(dir, `${name}.key`), 'utf8'),
    cert: readFileSync(join(dir, `${name}.pem`), 'utf8'),
  };
}

async function listen(server: Server | HttpServer): Promise<number> {
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return (server.address() as AddressInfo).port;
}

describe('TLS smoke check against a real TLS server', opts, () => {
  const dir = mkdtempSync(join(tmpdir(), 'aglais-tls-'));
  const servers: Server[] = [];
  let longCert: { key: string; cert: string };
  let longPort = 0;
  let shortPort = 0;

  before(async () => {
    longCert = makeCert(dir, 'long', 400);
    const short = makeCert(dir, 'short', 3);
    for (const c of [longCert, short]) {
      const s = createServer({ key: c.key, cert: c.cert }, (sock) => sock.end());
      servers.push(s);
    }
    longPort = await listen(servers[0]!);
    shortPort = await listen(servers[1]!);
  });
  after(() => {
    for (const s of servers) s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a trusted certificate far from expiry passes, with the days left', async () => {
    const r = await tlsCertificate(`https://127.0.0.1:${longPort}/`, { ca: longCert.cert });
    assert.equal(r.status, 'PASS', r.detail);
    assert.match(r.detail, /^valid until \d{4}-\d\d-\d\d, (399|400) days left$/);
  });

  it('a self-signed certificate does not verify, unless --insecure', async () => {
    const r = await tlsCertificate(`https://127.0.0.1:${longPort}/`);
    assert.equal(r.status, 'ERROR');
    assert.match(r.detail, /does not verify: .*SELF_SIGNED.*--insecure/);
    const i = await tlsCertificate(`https://127.0.0.1:${longPort}/`, { insecure: true });
    assert.equal(i.status, 'PASS', i.detail);
    assert.match(i.detail, /not verified/);
  });

  it('a certificate near expiry fails, with the limit named', async () => {
    const r = await tlsCertificate(`https://127.0.0.1:${shortPort}/`, { insecure: true });
    assert.equal(r.status, 'ERROR');
    assert.match(r.detail, /expires in 2 days \(valid until .*; limit 14 days\)/);
    const ok = await tlsCertificate(`https://127.0.0.1:${shortPort}/`, { insecure: true, certDays: 1 });
    assert.equal(ok.status, 'PASS', ok.detail);
  });

  it('an expired certificate fails', async () => {
    const later = new Date(Date.now() + 10 * 86_400_000);
    const r = await tlsCertificate(`https://127.0.0.1:${shortPort}/`, { insecure: true }, later);
    assert.equal(r.status, 'ERROR');
    assert.match(r.detail, /expired on \d{4}-\d\d-\d\d/);
  });

  it('no TLS listener: an error, not a hang', async () => {
    const r = await tlsCertificate('https://127.0.0.1:9/', { timeoutMs: 3000 });
    assert.equal(r.status, 'ERROR');
    assert.match(r.detail, /TLS connection to 127\.0\.0\.1:9 failed/);
  });

  it('plain http is skipped', async () => {
    const r = await tlsCertificate('http://127.0.0.1:9/');
    assert.equal(r.status, 'SKIP');
  });
});

describe('reachable smoke check against a real HTTP server', () => {
  it('any HTTP answer (even a redirect) means reachable', async () => {
    const server = createHttpServer((_req, res) => {
      res.writeHead(302, { Location: '/elsewhere' });
      res.end();
    });
    const port = await listen(server);
    try {
      const r = await reachable(`http://127.0.0.1:${port}/`);
      assert.equal(r.status, 'PASS');
      assert.match(r.detail, /^HTTP 302 from/);
    } finally {
      server.close();
    }
  });
});
