/**
 * Smoke checks: the ingress answers, its TLS certificate is valid and not near
 * expiry, Zeppelin reports its version, and every user can log in.
 */
import { connect, type PeerCertificate } from 'node:tls';
import { createClient } from '../zeppelin/client.js';
import type { Credential } from './credentials.js';

export interface SmokeResult {
  readonly check: string; // reachable, tls, version, login:<user>
  readonly status: 'PASS' | 'ERROR' | 'SKIP';
  readonly detail: string;
  readonly elapsedMs: number;
}

export interface SmokeOptions {
  /** Fail the TLS check when the certificate expires within this many days. Default 14. */
  readonly certDays?: number;
  /** Accept a certificate that does not verify (self-signed platforms); expiry is still checked. */
  readonly insecure?: boolean;
  /** Extra trusted CA certificates (PEM), e.g. a platform's self-signed CA. */
  readonly ca?: string;
  /** Time limit of each check, ms. Default 15 000. */
  readonly timeoutMs?: number;
}

async function timed(
  check: string,
  f: () => Promise<Omit<SmokeResult, 'check' | 'elapsedMs'>>,
): Promise<SmokeResult> {
  const t0 = performance.now();
  try {
    return { check, ...(await f()), elapsedMs: performance.now() - t0 };
  } catch (err) {
    return { check, status: 'ERROR', detail: (err as Error).message, elapsedMs: performance.now() - t0 };
  }
}

export async function reachable(url: string, timeoutMs = 15_000): Promise<SmokeResult> {
  return timed('reachable', async () => {
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      return { status: 'PASS', detail: `HTTP ${res.status} from ${url}` };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const why =
        e.name === 'TimeoutError'
          ? `no answer within ${timeoutMs / 1000} s`
          : (e.cause?.code ?? e.cause?.message ?? e.message);
      return { status: 'ERROR', detail: `cannot reach ${url}: ${why}` };
    }
  });
}

/** Connects with TLS and reads the peer certificate; plain http is a SKIP. */
export async function tlsCertificate(
  url: string,
  opts: SmokeOptions = {},
  now = new Date(),
): Promise<SmokeResult> {
  const u = new URL(url);
  if (u.protocol !== 'https:') {
    return { check: 'tls', status: 'SKIP', detail: `${u.protocol}// has no TLS`, elapsedMs: 0 };
  }
  const days = opts.certDays ?? 14;
  return timed('tls', async () => {
    const { cert, authorized, authError } = await peerCertificate(u, opts);
    if (!authorized && !opts.insecure) {
      return {
        status: 'ERROR',
        detail: `certificate of ${u.host} does not verify: ${authError} (use --insecure for a self-signed platform)`,
      };
    }
    const validTo = new Date(cert.valid_to);
    const validFrom = new Date(cert.valid_from);
    const left = (validTo.getTime() - now.getTime()) / 86_400_000;
    const until = `valid until ${validTo.toISOString().slice(0, 10)}`;
    if (now < validFrom)
      return {
        status: 'ERROR',
        detail: `certificate of ${u.host} is not valid before ${validFrom.toISOString()}`,
      };
    if (left < 0)
      return {
        status: 'ERROR',
        detail: `certificate of ${u.host} expired on ${validTo.toISOString().slice(0, 10)}`,
      };
    if (left < days) {
      return {
        status: 'ERROR',
        detail: `certificate of ${u.host} expires in ${Math.floor(left)} days (${until}; limit ${days} days)`,
      };
    }
    const note = authorized ? '' : ` (not verified: ${authError}; --insecure)`;
    return { status: 'PASS', detail: `${until}, ${Math.floor(left)} days left${note}` };
  });
}

function peerCertificate(
  u: URL,
  opts: SmokeOptions,
): Promise<{ cert: PeerCertificate; authorized: boolean; authError: string }> {
  return new Promise((resolve, reject) => {
    const port = Number(u.port || 443);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const socket = connect({
      host,
      port,
      servername: /^[\d.:]+$/.test(host) ? undefined : host,
      rejectUnauthorized: false, // judged below, so that an expired or self-signed cert is described, not just refused
      ca: opts.ca,
      timeout: opts.timeoutMs ?? 15_000,
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const authError = socket.authorizationError ? String(socket.authorizationError) : '';
      socket.end();
      if (!cert || Object.keys(cert).length === 0) reject(new Error(`${u.host} sent no certificate`));
      else resolve({ cert, authorized: socket.authorized, authError });
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`TLS handshake with ${u.host} timed out`));
    });
    socket.once('error', (err) => reject(new Error(`TLS connection to ${u.host} failed: ${err.message}`)));
  });
}

export async function version(url: string, timeoutMs = 15_000): Promise<SmokeResult> {
  return timed('version', async () => {
    const v = await createClient({ url, requestTimeoutMs: timeoutMs }).version();
    return { status: 'PASS', detail: `Zeppelin ${v}` };
  });
}

export async function login(url: string, user: Credential, timeoutMs = 15_000): Promise<SmokeResult> {
  return timed(`login:${user.name}`, async () => {
    const info = await createClient({ url, requestTimeoutMs: timeoutMs }).login(user.name, user.password);
    return { status: 'PASS', detail: `logged in as ${info.principal}` };
  });
}

/** All smoke checks, in a stable order: reachable, tls, version, then one login per account. */
export async function smokeChecks(
  url: string,
  users: readonly Credential[],
  opts: SmokeOptions = {},
): Promise<SmokeResult[]> {
  const t = opts.timeoutMs ?? 15_000;
  const first = await Promise.all([reachable(url, t), tlsCertificate(url, opts), version(url, t)]);
  const logins = await Promise.all(users.map((u) => login(url, u, t)));
  return [...first, ...logins];
}
