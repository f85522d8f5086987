/**
 * API discovery: which REST resource serves a kind, and whether it is
 * namespaced. Asked once per group/version per client; a miss is asked again
 * (a CRD may have been installed since).
 */
import type { KubeClient } from './client.js';
import { KubeApiError, isNotFound } from './errors.js';

export interface ApiResource {
  readonly apiVersion: string;
  readonly kind: string;
  /** Plural resource name, as in the URL. */
  readonly plural: string;
  readonly namespaced: boolean;
}

/** Identity of one object: what prune sets and messages are keyed by. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

interface ResourceList {
  readonly resources: readonly { name: string; kind: string; namespaced: boolean }[];
}

const cache = new WeakMap<KubeClient, Map<string, Promise<ResourceList | undefined>>>();

export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
}

function basePath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

function list(client: KubeClient, apiVersion: string, fresh: boolean): Promise<ResourceList | undefined> {
  let m = cache.get(client);
  if (!m) cache.set(client, (m = new Map()));
  let p = fresh ? undefined : m.get(apiVersion);
  if (!p) {
    const cacheMap = m;
    p = client.request<ResourceList>(basePath(apiVersion)).catch((e: unknown) => {
      cacheMap.delete(apiVersion);
      if (isNotFound(e)) return undefined;
      throw e;
    });
    m.set(apiVersion, p);
  }
  return p;
}

/** The resource serving `kind` in `apiVersion`, or undefined when the server has none. */
export async function findResource(
  client: KubeClient,
  apiVersion: string,
  kind: string,
): Promise<ApiResource | undefined> {
  for (const fresh of [false, true]) {
    const l = await list(client, apiVersion, fresh);
    const r = l?.resources.find((x) => x.kind === kind && !x.name.includes('/'));
    if (r) return { apiVersion, kind, plural: r.name, namespaced: r.namespaced };
  }
  return undefined;
}

/** Like {@link findResource} but a missing kind is an error naming it. */
export async function resourceFor(
  client: KubeClient,
  apiVersion: string,
  kind: string,
): Promise<ApiResource> {
  const r = await findResource(client, apiVersion, kind);
  if (!r) {
    throw new KubeApiError(
      404,
      'NoKind',
      `cluster ${client.name} serves no ${kind} in ${apiVersion} (is its CustomResourceDefinition installed?)`,
    );
  }
  return r;
}

/** The preferred version of an API group (`''` = core → v1), or undefined when it is not served. */
export async function preferredVersion(client: KubeClient, group: string): Promise<string | undefined> {
  if (group === '') return 'v1';
  try {
    const g = await client.request<{ preferredVersion?: { groupVersion?: string } }>(`/apis/${group}`);
    return g.preferredVersion?.groupVersion;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** URL of the collection of `r` (in `namespace` when namespaced and given, else across all). */
export function collectionPath(r: ApiResource, namespace?: string): string {
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${basePath(r.apiVersion)}${ns}/${r.plural}`;
}

export function objectPath(r: ApiResource, name: string, namespace?: string): string {
  if (r.namespaced && !namespace) {
    throw new KubeApiError(0, 'Invalid', `${r.kind} ${name}: namespaced kind without metadata.namespace`);
  }
  return `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;
}

/** `Kind namespace/name` for messages. */
export function describeRef(o: ObjectRef): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** A stable key for an object: group, kind, namespace and name (the version does not matter). */
export function refKey(o: ObjectRef): string {
  return `${groupOf(o.apiVersion)}|${o.kind}|${o.namespace ?? ''}|${o.name}`;
}

interface ApiGroup {
  readonly preferredVersion?: { readonly groupVersion?: string };
  readonly versions?: readonly { readonly groupVersion: string }[];
}

/**
 * The resource serving `kind` of `group` in the version the server prefers
 * among those that serve the kind. (One group can hold kinds of different
 * providers: addons.cluster.x-k8s.io has ClusterResourceSet in v1beta2 and
 * HelmChartProxy in v1alpha1.)
 */
export async function resourceForGroupKind(
  client: KubeClient,
  group: string,
  kind: string,
): Promise<ApiResource | undefined> {
  if (group === '') return findResource(client, 'v1', kind);
  let g: ApiGroup;
  try {
    g = await client.request<ApiGroup>(`/apis/${group}`);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  const preferred = g.preferredVersion?.groupVersion;
  const versions = [
    ...(preferred ? [preferred] : []),
    ...(g.versions ?? []).map((v) => v.groupVersion).filter((v) => v !== preferred),
  ];
  for (const v of versions) {
    const r = await findResource(client, v, kind);
    if (r) return r;
  }
  return undefined;
}
