/**
 * One request to a Zeppelin server: JSON in and out, the session cookie, a time
 * limit, and every failure turned into a {@link ZeppelinError}. Uses Node's own
 * fetch (no extra HTTP library).
 */
import { ZeppelinError } from './errors.js';

export interface Session {
  /** Base URL without a trailing slash, e.g. https://zeppelin.example.org */
  readonly baseUrl: string;
  /** Cookies the server set (JSESSIONID once logged in); sent on every request. */
  readonly cookies: Map<string, string>;
  /** Default time limit of one request, in ms. */
  readonly requestTimeoutMs: number;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A JSON body (object) or a form (URLSearchParams). */
  readonly body?: unknown;
  readonly timeoutMs?: number;
  /** Says what the request is for, in error messages (e.g. "run paragraph p1 of note n1"). */
  readonly what: string;
  /** Map a 404 to this error instead of a generic HTTP one. */
  readonly notFound?: () => ZeppelinError;
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  /** Zeppelin's envelope: { status, message, body }. */
  readonly json: { status?: string; message?: string; body?: unknown } | undefined;
  readonly text: string;
}

/** Sends one request; resolves only for a 2xx reply. */
export async function request(session: Session, path: string, opts: RequestOptions): Promise<Reply> {
  const url = `${session.baseUrl}${path}`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (opts.body instanceof URLSearchParams) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = opts.body.toString();
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (session.cookies.size > 0) {
    headers['Cookie'] = [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  const timeoutMs = opts.timeoutMs ?? session.requestTimeoutMs;
  const hadSession = session.cookies.has('JSESSIONID');
  let res: Response;
  try {
    res = await fetch(url, {
      method: opts.method ?? 'GET',
      headers,
      body,
      // Shiro answers an unauthenticated call with a redirect to the login page: see it, don't follow it.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw new ZeppelinError(
        'timeout',
        `zeppelin: ${opts.what}: no answer from ${url} within ${seconds(timeoutMs)}`,
      );
    }
    const cause = e.cause?.code ?? e.cause?.message ?? e.message;
    throw new ZeppelinError('network', `zeppelin: ${opts.what}: cannot reach ${url}: ${cause}`);
  }
  keepCookies(session.cookies, res.headers);
  const text = await res.text();
  let json: Reply['json'];
  try {
    json = text.length > 0 ? (JSON.parse(text) as Reply['json']) : undefined;
  } catch {
    json = undefined;
  }
  const reply: Reply = { status: res.status, headers: res.headers, json, text };
  if (res.status >= 200 && res.status < 300) return reply;
  if (res.status === 401 || res.status === 403 || (res.status >= 300 && res.status < 400)) {
    const why = !hadSession ? 'not logged in' : 'the session was refused (expired, or not allowed)';
    throw new ZeppelinError(
      'auth',
      `zeppelin: ${opts.what}: HTTP ${res.status} from ${url}: ${why}`,
      res.status,
    );
  }
  if (res.status === 404 && opts.notFound) throw opts.notFound();
  const detail = json?.message ?? firstLine(text);
  throw new ZeppelinError(
    'http',
    `zeppelin: ${opts.what}: HTTP ${res.status} from ${url}${detail ? `: ${detail}` : ''}`,
    res.status,
  );
}

/**
 * A cookie jar of one: applies Set-Cookie headers in order, as a browser would.
 * Shiro's login sends several JSESSIONID cookies (old one deleted, new one set);
 * the last one standing is the session.
 */
export function keepCookies(jar: Map<string, string>, headers: Headers): void {
  for (const line of headers.getSetCookie()) {
    const [pair = '', ...attrs] = line.split(';').map((x) => x.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const expired = attrs.some((a) => /^max-age=0$/i.test(a)) || value === 'deleteMe';
    if (expired) jar.delete(name);
    else jar.set(name, value);
  }
}

export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function firstLine(text: string): string {
  // Jetty's error pages are HTML: keep the title, not the markup.
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  return (title ?? text.split('\n')[0] ?? '').trim().slice(0, 200);
}
