/**
 * The one HTTP client aglais talks to clusters with. It speaks the REST API
 * directly (client-node's generated clients cannot set every query parameter
 * server-side apply needs) but takes TLS material and credentials from
 * client-node's KubeConfig, so kubeconfigs work exactly as with kubectl.
 * Every request is counted by verb: `up` reports them and tests assert on them.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, isTransient } from './errors.js';

/** Requests sent, by HTTP method plus `WATCH` for watches. */
export type RequestCounts = Record<string, number>;

export interface RequestInit {
  readonly method?: string;
  /** Query parameters; undefined values are left out. */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
  /** Override of the client's retry budget for connection failures, in ms. */
  readonly retryMs?: number;
}

export interface KubeClient {
  /** API server URL, for messages. */
  readonly server: string;
  /** Name of the cluster (kubeconfig context or a given label), for messages. */
  readonly name: string;
  readonly counts: RequestCounts;
  /** Sends a request; resolves with the parsed JSON body or throws {@link KubeApiError}. */
  request<T = unknown>(path: string, init?: RequestInit): Promise<T>;
  /** Opens a watch; calls `onEvent` per event until the server ends it or `signal` aborts. */
  watch(
    path: string,
    query: RequestInit['query'],
    onEvent: (e: WatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void>;
  close(): void;
}

export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: Record<string, unknown>;
}

export interface ClientOptions {
  /** Label for messages. Default: the kubeconfig's current context. */
  readonly name?: string;
  /**
   * How long to keep retrying a request whose connection failed (apiserver
   * restarting). Default 30 000 ms. Writes are retried too: server-side apply
   * and delete are idempotent.
   */
  readonly retryMs?: number;
}

function queryString(q: RequestInit['query']): string {
  if (!q) return '';
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Makes a client for the current context of `kc`. */
export function makeClient(kc: KubeConfig, opts: ClientOptions = {}): KubeClient {
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server)
    throw new KubeApiError(0, 'NoServer', 'the kubeconfig names no current cluster server');
  const base = new URL(cluster.server);
  const tls = base.protocol === 'https:';
  // One keep-alive agent per client: client-node makes a new agent per request.
  let agent: HttpAgent | undefined;
  const counts: RequestCounts = {};
  const retryMs = opts.retryMs ?? 30_000;

  async function options(
    method: string,
    path: string,
    headers: Record<string, string>,
  ): Promise<RequestOptions> {
    const o: RequestOptions = {
      method,
      hostname: base.hostname.replace(/^\[|\]$/g, ''),
      port: base.port || (tls ? 443 : 80),
      path: `${base.pathname.replace(/\/$/, '')}${path}`,
      headers: { ...headers },
    };
    await kc.applyToHTTPSOptions(o);
    if (!agent) {
      const a = o as RequestOptions & Record<string, unknown>;
      agent = tls
        ? new HttpsAgent({
            keepAlive: true,
            maxSockets: 8,
            ca: a.ca,
            cert: a.cert,
            key: a.key,
            pfx: a.pfx,
            passphrase: a.passphrase as string | undefined,
            servername: a.servername as string | undefined,
            ...(a.rejectUnauthorized === undefined
              ? {}
              : { rejectUnauthorized: Boolean(a.rejectUnauthorized) }),
          })
        : new HttpAgent({ keepAlive: true, maxSockets: 8 });
    }
    o.agent = agent;
    return o;
  }

  function send(o: RequestOptions, body: string | undefined): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = (tls ? httpsRequest : httpRequest)(o, resolve);
      req.on('error', reject);
      req.end(body);
    });
  }

  function readAll(res: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
  }

  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const method = init.method ?? 'GET';
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = init.contentType ?? 'application/json';
      // An explicit length: a chunked DELETE body desynchronises keep-alive connections to Go servers.
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const full = `${path}${queryString(init.query)}`;
    const deadline = Date.now() + (init.retryMs ?? retryMs);
    for (let attempt = 0; ; attempt++) {
      counts[method] = (counts[method] ?? 0) + 1;
      try {
        const res = await send(await options(method, full, headers), body);
        const text = await readAll(res);
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return (text ? JSON.parse(text) : {}) as T;
        const err = KubeApiError.fromResponse(status, text, `${method} ${path}`);
        // 429 and 5xx from an apiserver that is starting are worth another try.
        if (!(status === 429 || status === 503 || status === 504) || Date.now() > deadline) throw err;
      } catch (e) {
        if (e instanceof KubeApiError) {
          if (e.status !== 429 && e.status !== 503 && e.status !== 504) throw e;
          if (Date.now() > deadline) throw e;
        } else if (!isTransient(e) || Date.now() > deadline) {
          throw KubeApiError.unreachable(base.href, e);
        }
      }
      await sleep(Math.min(200 * 2 ** attempt, 2000));
    }
  }

  async function watch(
    path: string,
    query: RequestInit['query'],
    onEvent: (e: WatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    counts['WATCH'] = (counts['WATCH'] ?? 0) + 1;
    const o = await options('GET', `${path}${queryString({ ...query, watch: true })}`, {
      accept: 'application/json',
    });
    o.signal = signal;
    let res: IncomingMessage;
    try {
      res = await send(o, undefined);
    } catch (e) {
      if (signal.aborted) return;
      throw KubeApiError.unreachable(base.href, e);
    }
    if ((res.statusCode ?? 0) >= 300) {
      throw KubeApiError.fromResponse(res.statusCode ?? 0, await readAll(res), `WATCH ${path}`);
    }
    await new Promise<void>((resolve) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) onEvent(JSON.parse(line) as WatchEvent);
        }
      });
      // A watch ends when the server closes it, the connection drops, or we abort: all mean "look again".
      res.on('end', () => resolve());
      res.on('error', () => resolve());
      res.on('close', () => resolve());
    });
  }

  return {
    server: base.href.replace(/\/$/, ''),
    name: opts.name ?? kc.getCurrentContext() ?? base.host,
    counts,
    request,
    watch,
    close: () => agent?.destroy(),
  };
}

/** Writes among the counted requests (everything that is not a read or a watch). */
export function writeCount(c: RequestCounts): number {
  return Object.entries(c)
    .filter(([m]) => m !== 'GET' && m !== 'WATCH')
    .reduce((n, [, v]) => n + v, 0);
}

/** Sum of two request tallies. */
export function addCounts(a: RequestCounts, b: RequestCounts): RequestCounts {
  const out: RequestCounts = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}
