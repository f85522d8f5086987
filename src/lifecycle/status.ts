/** `aglais status SPEC|NAME`: reads the platform's objects and builds the status tree. Reads only. */
import { ExitCode, UserError } from '../cli/errors.js';
import { getObject } from '../kube/apply.js';
import { parentRef } from '../kube/applyset.js';
import { makeClient, type KubeClient } from '../kube/client.js';
import { kubeConfigFromString } from '../kube/config.js';
import { isNotFound } from '../kube/errors.js';
import { listMembers, readApplySet } from '../kube/members.js';
import { worthWaiting } from '../kube/readiness.js';
import { collectionPath, resourceForGroupKind } from '../kube/resources.js';
import { platformLabel } from '../render/meta.js';
import { buildTree, type Obj, type StatusInput, type StatusNode } from './status-tree.js';

const CAPI = 'cluster.x-k8s.io/v1beta2';

interface List {
  readonly items: readonly Obj[];
}

export interface StatusTarget {
  readonly name: string;
  /** The management cluster, or the cluster itself for `existing` clouds. */
  readonly client: KubeClient;
  readonly capi: boolean;
  /** Where the Cluster is, when known from the spec. */
  readonly cluster?: { readonly name: string; readonly namespace: string };
}

async function list(client: KubeClient, path: string, labelSelector?: string): Promise<Obj[]> {
  try {
    return [...(await client.request<List>(path, { query: { labelSelector } })).items];
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
}

async function findCluster(t: StatusTarget): Promise<Obj | undefined> {
  if (t.cluster) {
    return (await getObject(t.client, { apiVersion: CAPI, kind: 'Cluster', ...t.cluster })) as
      Obj | undefined;
  }
  const found = await list(t.client, `/apis/${CAPI}/clusters`, `${platformLabel}=${t.name}`);
  if (found.length > 1) {
    throw new UserError(
      `status: ${found.length} Clusters carry ${platformLabel}=${t.name} (${found.map((c) => `${c.metadata.namespace}/${c.metadata.name}`).join(', ')}): give the spec file instead of the name`,
      ExitCode.usage,
    );
  }
  return found[0];
}

async function components(client: KubeClient, platform: string): Promise<Obj[]> {
  const set = await readApplySet(client, parentRef(platform));
  if (!set.exists) return [];
  const members = await listMembers(client, set);
  const out: Obj[] = [];
  for (const m of members
    .filter(worthWaiting)
    .sort((a, b) =>
      `${a.kind}/${a.namespace}/${a.name}`.localeCompare(`${b.kind}/${b.namespace}/${b.name}`),
    )) {
    const o = await getObject(client, m);
    if (o) out.push(o as Obj);
  }
  return out;
}

async function workloadClientFor(
  mgmt: KubeClient,
  cluster: Obj,
  platform: string,
): Promise<KubeClient | undefined> {
  const ns = cluster.metadata.namespace ?? 'default';
  try {
    const s = await mgmt.request<{ data?: Record<string, string> }>(
      `/api/v1/namespaces/${encodeURIComponent(ns)}/secrets/${encodeURIComponent(`${cluster.metadata.name}-kubeconfig`)}`,
    );
    const v = s.data?.['value'];
    if (!v) return undefined;
    return makeClient(
      kubeConfigFromString(Buffer.from(v, 'base64').toString('utf8'), 'the workload kubeconfig'),
      {
        name: `${platform} (workload)`,
        retryMs: 2000,
      },
    );
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

export async function readStatus(t: StatusTarget): Promise<StatusInput> {
  if (!t.capi) {
    return {
      platform: t.name,
      machineDeployments: [],
      machines: [],
      addons: [],
      components: await components(t.client, t.name),
    };
  }
  const cluster = await findCluster(t);
  if (!cluster) {
    throw new UserError(
      `status: no Cluster of platform ${t.name} in ${t.client.name} (has it been brought up?)`,
      ExitCode.different,
    );
  }
  const ns = cluster.metadata.namespace ?? 'default';
  // By spec.clusterName: the cluster-name label is added by CAPI's controllers, which may not have run yet.
  const ofCluster = (o: Obj) => o.spec?.['clusterName'] === cluster.metadata.name;
  const cpRef = cluster.spec?.['controlPlaneRef'] as
    { apiGroup?: string; kind?: string; name?: string } | undefined;
  let controlPlane: Obj | undefined;
  if (cpRef?.apiGroup && cpRef.kind && cpRef.name) {
    const r = await resourceForGroupKind(t.client, cpRef.apiGroup, cpRef.kind);
    if (r) {
      controlPlane = (await getObject(t.client, {
        apiVersion: r.apiVersion,
        kind: cpRef.kind,
        name: cpRef.name,
        namespace: ns,
      })) as Obj | undefined;
    }
  }
  const machineDeployments = (
    await list(t.client, `/apis/${CAPI}/namespaces/${ns}/machinedeployments`)
  ).filter(ofCluster);
  const machines = (await list(t.client, `/apis/${CAPI}/namespaces/${ns}/machines`)).filter(ofCluster);
  const hcp = await resourceForGroupKind(t.client, 'addons.cluster.x-k8s.io', 'HelmChartProxy');
  const addons = hcp ? await list(t.client, collectionPath(hcp, ns), `${platformLabel}=${t.name}`) : [];
  let comps: Obj[] = [];
  let workloadError: string | undefined;
  const wl = await workloadClientFor(t.client, cluster, t.name);
  if (wl) {
    try {
      comps = await components(wl, t.name);
    } catch (e) {
      workloadError = `cannot read the workload cluster: ${(e as Error).message}`;
    } finally {
      wl.close();
    }
  }
  const byName = (a: Obj, b: Obj) => a.metadata.name.localeCompare(b.metadata.name);
  return {
    platform: t.name,
    cluster,
    ...(controlPlane ? { controlPlane } : {}),
    machineDeployments: machineDeployments.sort(byName),
    machines: machines.sort(byName),
    addons: addons.sort(byName),
    components: comps,
    ...(workloadError ? { workloadError } : {}),
  };
}

export async function statusTree(t: StatusTarget): Promise<StatusNode> {
  return buildTree(await readStatus(t));
}
