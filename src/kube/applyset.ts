/**
 * ApplySet bookkeeping (KEP-3659, as `kubectl apply --prune --applyset` does it):
 * a parent object records which group-kinds and namespaces hold members; each
 * member carries the label `applyset.kubernetes.io/part-of=<id>`. Pruning
 * lists only those kinds and namespaces, only objects with that label, so
 * nothing aglais did not apply is ever a candidate.
 */
import { createHash } from 'node:crypto';
import type { KubernetesObject } from '../render/types.js';
import { groupOf, refKey, type ObjectRef } from './resources.js';

export const labels = {
  id: 'applyset.kubernetes.io/id',
  partOf: 'applyset.kubernetes.io/part-of',
} as const;
export const annotations = {
  tooling: 'applyset.kubernetes.io/tooling',
  groupKinds: 'applyset.kubernetes.io/contains-group-kinds',
  namespaces: 'applyset.kubernetes.io/additional-namespaces',
} as const;

/** Where aglais keeps its own bookkeeping (ApplySet parents, Leases) in each cluster. */
export const systemNamespace = 'aglais-system';
export const tooling = 'aglais/v1';

export interface ParentRef {
  readonly name: string;
  readonly namespace: string;
}

/** The parent ConfigMap of a platform's ApplySet in one cluster. */
export function parentRef(platform: string): ParentRef {
  return { name: `aglais-${platform}`, namespace: systemNamespace };
}

/** `applyset-<base64url(sha256(name.namespace.kind.group))>-v1`, the KEP's ID. */
export function applySetId(parent: ParentRef, kind = 'ConfigMap', group = ''): string {
  const h = createHash('sha256')
    .update([parent.name, parent.namespace, kind, group].join('.'))
    .digest('base64url');
  return `applyset-${h}-v1`;
}

/** `Kind` for the core group, else `Kind.group`, as the annotation spells it. */
export function groupKind(o: { apiVersion: string; kind: string }): string {
  const g = groupOf(o.apiVersion);
  return g ? `${o.kind}.${g}` : o.kind;
}

export function parseGroupKind(gk: string): { kind: string; group: string } {
  const dot = gk.indexOf('.');
  return dot < 0 ? { kind: gk, group: '' } : { kind: gk.slice(0, dot), group: gk.slice(dot + 1) };
}

const splitList = (v: string | undefined): string[] =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** What a parent records. */
export interface ApplySetRecord {
  readonly groupKinds: readonly string[];
  readonly namespaces: readonly string[];
}

export function readRecord(parent: KubernetesObject | undefined): ApplySetRecord {
  const a = parent?.metadata.annotations ?? {};
  return {
    groupKinds: splitList(a[annotations.groupKinds]),
    namespaces: splitList(a[annotations.namespaces]),
  };
}

/** The record covering `objects` (and `also`, to keep earlier members findable until pruned). */
export function recordFor(objects: readonly KubernetesObject[], also?: ApplySetRecord): ApplySetRecord {
  const gks = new Set(also?.groupKinds ?? []);
  const nss = new Set(also?.namespaces ?? []);
  for (const o of objects) {
    gks.add(groupKind(o));
    if (o.metadata.namespace) nss.add(o.metadata.namespace);
  }
  return { groupKinds: [...gks].sort(), namespaces: [...nss].sort() };
}

export function sameRecord(a: ApplySetRecord, b: ApplySetRecord): boolean {
  return (
    a.groupKinds.join(',') === b.groupKinds.join(',') && a.namespaces.join(',') === b.namespaces.join(',')
  );
}

/** The parent ConfigMap as aglais applies it. */
export function parentObject(parent: ParentRef, platform: string, record: ApplySetRecord): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: parent.name,
      namespace: parent.namespace,
      labels: {
        [labels.id]: applySetId(parent),
        'app.kubernetes.io/managed-by': 'aglais',
        'aglais.dev/platform': platform,
      },
      annotations: {
        [annotations.tooling]: tooling,
        [annotations.groupKinds]: record.groupKinds.join(','),
        [annotations.namespaces]: record.namespaces.join(','),
      },
    },
    data: { platform },
  };
}

/** `o` with the member label of ApplySet `id`. */
export function asMember(o: KubernetesObject, id: string): KubernetesObject {
  return { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, [labels.partOf]: id } } };
}

/** A live object found by listing an ApplySet's kinds. */
export interface Member extends ObjectRef {
  readonly labels: Readonly<Record<string, string>>;
}

export interface PrunePlan {
  /** Members no longer rendered: deleted, in this order. */
  readonly remove: readonly Member[];
  /** Members no longer rendered that are kept (data without --delete-data). */
  readonly keep: readonly Member[];
}

/**
 * Which live members to prune: those labelled as members of `id` that the
 * current rendering no longer contains. `isData` members are kept unless
 * `deleteData`. Objects without the label never appear here, whatever their name.
 */
export function prunePlan(
  id: string,
  live: readonly Member[],
  desired: readonly ObjectRef[],
  isData: (m: Member) => boolean,
  deleteData: boolean,
): PrunePlan {
  const wanted = new Set(desired.map(refKey));
  const seen = new Set<string>();
  const remove: Member[] = [];
  const keep: Member[] = [];
  for (const m of live) {
    const key = refKey(m);
    if (m.labels[labels.partOf] !== id || wanted.has(key) || seen.has(key)) continue;
    seen.add(key);
    (isData(m) && !deleteData ? keep : remove).push(m);
  }
  const order = (a: Member, b: Member) =>
    deleteOrder(a) - deleteOrder(b) || refKey(a).localeCompare(refKey(b));
  return { remove: remove.sort(order), keep: keep.sort(order) };
}

/** Namespaces last (they take their contents with them), cluster-scoped kinds after namespaced ones. */
export function deleteOrder(o: ObjectRef): number {
  if (o.kind === 'Namespace') return 3;
  if (o.kind === 'CustomResourceDefinition') return 2;
  return o.namespace ? 0 : 1;
}
