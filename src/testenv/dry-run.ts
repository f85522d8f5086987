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

/**
 * Dry-runs a server-side apply of `obj`. Returns undefined when the apiserver
 * (schema, CEL rules, admission, webhooks) accepts it, else its message.
 */
export async function dryRunApply(kc: KubeConfig, obj: KubernetesObject): Promise<string | undefined> {
  const { apiVersion, kind } = obj;
  const name = obj.metadata?.name;
  if (!apiVersion || !kind || !name) return 'object lacks apiVersion, kind or metadata.name';
  let list: readonly ApiResource[];
  try {
    list = await resources(kc, apiVersion);
  } catch (e) {
    return `no API ${apiVersion} on the server (${e instanceof Error ? e.message : String(e)})`;
  }
  const res = list.find((r) => r.kind === kind && !r.name.includes('/'));
  if (!res) return `the server has no kind ${kind} in ${apiVersion}`;
  const ns = obj.metadata?.namespace;
  if (res.namespaced && !ns) return `${kind} is namespaced but the object has no metadata.namespace`;
  if (!res.namespaced && ns) return `${kind} is cluster-scoped but the object has metadata.namespace ${ns}`;
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const path =
    `${base}${res.namespaced ? `/namespaces/${encodeURIComponent(ns!)}` : ''}/${res.name}/${encodeURIComponent(name)}` +
    `?dryRun=All&fieldManager=${FIELD_MANAGER}&force=true&fieldValidation=Strict`;
  const r = await call(kc, 'PATCH', path, JSON.stringify(obj));
  return r.status >= 200 && r.status < 300 ? undefined : statusMessage(r);
}
