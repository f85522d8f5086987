// Server-side dry-run apply of one object with strict field validation:
// what `kubectl apply --server-side --dry-run=server --validate=strict` does.
// KubernetesObjectApi.patch cannot set fieldValidation, so this speaks HTTP
// itself, using API discovery to find the resource's path.
import { request, type RequestOptions } from 'node:https';
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';

const FIELD_MANAGER = 'aglais-integration-test';

interface ApiResource {
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

interface HttpResult {
  readonly status: number;
  readonly body: string;
}

async function call(kc: KubeConfig, method: string, path: string, body?: string): Promise<HttpResult> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('dry-run: kubeconfig has no current cluster');
  const url = new URL(path, server);
  const opts: RequestOptions = {
    method,
    hostname: url.hostname,
    port: url.port,
    path: `${url.pathname}${url.search}`,
    headers: body ? { 'content-type': 'application/apply-patch+yaml', accept: 'application/json' } : {},
  };
  await kc.applyToHTTPSOptions(opts);
  return new Promise((resolve, reject) => {
    const req = request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const discovery = new WeakMap<KubeConfig, Map<string, Promise<readonly ApiResource[]>>>();

/** The resources of one group/version, asked once per KubeConfig. */
function resources(kc: KubeConfig, apiVersion: string): Promise<readonly ApiResource[]> {
  let cache = discovery.get(kc);
  if (!cache) discovery.set(kc, (cache = new Map()));
  let found = cache.get(apiVersion);
  if (!found) {
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    found = call(kc, 'GET', path).then((r) => {
      if (r.status !== 200) throw new Error(`dry-run: discovery of ${apiVersion} answered ${r.status}`);
      return (JSON.parse(r.body) as { resources: ApiResource[] }).resources;
    });
    // A failed discovery is not cached: the next object may ask again.
    found.catch(() => cache.delete(apiVersion));
    cache.set(apiVersion, found);
  }
  return found;
}

function statusMessage(r: HttpResult): string {
  try {
    const s = JSON.parse(r.body) as { message?: string };
    return `${r.status}: ${s.message ?? r.body}`;
  } catch {
    return `${r.status}: ${r.body}`;
  }
}

/** The object's path on the server, or why it has none. */
async function objectPath(
  kc: KubeConfig,
  obj: KubernetesObject,
): Promise<{ path: string } | { error: string }> {
  const { apiVersion, kind } = obj;
  const name = obj.metadata?.name;
  if (!apiVersion || !kind || !name) return { error: 'object lacks apiVersion, kind or metadata.name' };
  let list: readonly ApiResource[];
  try {
    list = await resources(kc, apiVersion);
  } catch (e) {
    return { error: `no API ${apiVersion} on the server (${e instanceof Error ? e.message : String(e)})` };
  }
  const res = list.find((r) => r.kind === kind && !r.name.includes('/'));
  if (!res) return { error: `the server has no kind ${kind} in ${apiVersion}` };
  const ns = obj.metadata?.namespace;
  if (res.namespaced && !ns)
    return { error: `${kind} is namespaced but the object has no metadata.namespace` };
  if (!res.namespaced && ns)
    return { error: `${kind} is cluster-scoped but the object has metadata.namespace ${ns}` };
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const scope = res.namespaced ? `/namespaces/${encodeURIComponent(ns!)}` : '';
  return { path: `${base}${scope}/${res.name}/${encodeURIComponent(name)}` };
}

/** Whether the object exists on the server (false also when its kind is unknown). */
export async function objectExists(kc: KubeConfig, obj: KubernetesObject): Promise<boolean> {
  const p = await objectPath(kc, obj);
  if ('error' in p) return false;
  const r = await call(kc, 'GET', p.path);
  if (r.status === 404) return false;
  if (r.status === 200) return true;
  throw new Error(`dry-run: reading ${p.path} answered ${statusMessage(r)}`);
}

/**
 * Dry-runs a server-side apply of `obj`. Returns undefined when the apiserver
 * (schema, CEL rules, admission, webhooks) accepts it, else its message.
 */
export async function dryRunApply(kc: KubeConfig, obj: KubernetesObject): Promise<string | undefined> {
  const p = await objectPath(kc, obj);
  if ('error' in p) return p.error;
  const query = `?dryRun=All&fieldManager=${FIELD_MANAGER}&force=true&fieldValidation=Strict`;
  const r = await call(kc, 'PATCH', `${p.path}${query}`, JSON.stringify(obj));
  return r.status >= 200 && r.status < 300 ? undefined : statusMessage(r);
}
