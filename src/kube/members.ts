/** Reading and writing an ApplySet in a cluster: its parent and its live members. */
import type { KubernetesObject } from '../render/types.js';
import { applyObject, getObject } from './apply.js';
import {
  applySetId,
  labels,
  parentObject,
  parseGroupKind,
  readRecord,
  recordFor,
  sameRecord,
  systemNamespace,
  type ApplySetRecord,
  type Member,
  type ParentRef,
} from './applyset.js';
import type { KubeClient } from './client.js';
import { collectionPath, resourceForGroupKind } from './resources.js';

export interface ApplySet {
  readonly id: string;
  readonly parent: ParentRef;
  /** What the parent records now (empty when there is no parent yet). */
  record: ApplySetRecord;
  readonly exists: boolean;
}

const nsObject = (name: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'aglais' } },
});

/** Reads the ApplySet of `platform` in this cluster (no writes). */
export async function readApplySet(client: KubeClient, parent: ParentRef): Promise<ApplySet> {
  const live = await getObject(client, { apiVersion: 'v1', kind: 'ConfigMap', ...parent });
  return { id: applySetId(parent), parent, record: readRecord(live), exists: live !== undefined };
}

/**
 * Makes the parent record at least `objects` plus what it recorded before, so
 * a crash between here and pruning never loses track of a member. Writes only
 * when the record grows (or the parent is new).
 */
export async function widenApplySet(
  client: KubeClient,
  set: ApplySet,
  platform: string,
  objects: readonly KubernetesObject[],
): Promise<void> {
  const wanted = recordFor(objects, set.record);
  if (set.exists && sameRecord(wanted, set.record)) return;
  await ensureSystemNamespace(client);
  await applyObject(client, parentObject(set.parent, platform, wanted), { force: true });
  set.record = wanted;
}

/** After pruning: the parent records exactly `objects`. */
export async function narrowApplySet(
  client: KubeClient,
  set: ApplySet,
  platform: string,
  objects: readonly KubernetesObject[],
): Promise<void> {
  const wanted = recordFor(objects);
  if (sameRecord(wanted, set.record)) return;
  await applyObject(client, parentObject(set.parent, platform, wanted), { force: true });
  set.record = wanted;
}

export async function ensureSystemNamespace(client: KubeClient): Promise<void> {
  await applyObject(client, nsObject(systemNamespace));
}

interface ListResult {
  readonly items: readonly {
    apiVersion?: string;
    kind?: string;
    metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  }[];
}

/**
 * Every live object labelled as a member of the set, in the kinds and
 * namespaces its parent records (plus `alsoNamespaces`). Kinds the server
 * no longer serves are skipped: nothing of them can exist.
 */
export async function listMembers(
  client: KubeClient,
  set: ApplySet,
  alsoNamespaces: readonly string[] = [],
): Promise<Member[]> {
  const out: Member[] = [];
  const namespaces = [...new Set([...set.record.namespaces, ...alsoNamespaces])].sort();
  for (const gk of set.record.groupKinds) {
    const { kind, group } = parseGroupKind(gk);
    const r = await resourceForGroupKind(client, group, kind);
    if (!r) continue;
    const where = r.namespaced ? namespaces : [undefined];
    for (const ns of where) {
      const l = await client.request<ListResult>(collectionPath(r, ns), {
        query: { labelSelector: `${labels.partOf}=${set.id}` },
      });
      for (const item of l.items) {
        out.push({
          apiVersion: r.apiVersion,
          kind,
          name: item.metadata.name,
          ...(item.metadata.namespace ? { namespace: item.metadata.namespace } : {}),
          labels: item.metadata.labels ?? {},
        });
      }
    }
  }
  return out;
}
