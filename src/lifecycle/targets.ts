/**
 * One cluster aglais applies to (management or workload): its client, its
 * ApplySet, and the apply and prune steps on it.
 */
import type { KubernetesObject, RenderedObject, Stage, Target } from '../render/types.js';
import { applyObject, deleteObject, refOf, type ApplyAction, type ApplyOptions } from '../kube/apply.js';
import {
  asMember,
  deleteOrder,
  parentRef,
  prunePlan,
  type Member,
  type PrunePlan,
} from '../kube/applyset.js';
import type { KubeClient } from '../kube/client.js';
import { listMembers, narrowApplySet, readApplySet, widenApplySet, type ApplySet } from '../kube/members.js';
import { describeRef, type ObjectRef } from '../kube/resources.js';
import { InterruptedError } from '../kube/wait.js';

export interface TargetState {
  readonly target: Target;
  readonly client: KubeClient;
  readonly set: ApplySet;
  readonly platform: string;
  /** Every object rendered for this cluster, labelled as ApplySet members, in apply order. */
  readonly objects: readonly { readonly stage: Stage; readonly object: KubernetesObject }[];
  /** Keys of the objects applied so far in this run. */
  readonly applied: Set<number>;
}

export interface Outcome {
  readonly ref: ObjectRef;
  readonly action: ApplyAction | 'pruned' | 'kept';
  readonly target: Target;
}

export async function openTarget(
  target: Target,
  client: KubeClient,
  platform: string,
  rendered: readonly RenderedObject[],
): Promise<TargetState> {
  const set = await readApplySet(client, parentRef(platform));
  const objects = rendered
    .filter((o) => o.target === target)
    .map((o) => ({ stage: o.stage, object: asMember(o.object, set.id) }));
  return { target, client, set, platform, objects, applied: new Set() };
}

/**
 * Applies the not yet applied objects of `stages` in order, Namespaces first
 * (credentials are rendered before the namespace that holds them).
 */
export async function applyStages(
  t: TargetState,
  stages: readonly Stage[],
  opts: ApplyOptions,
  update: (m: string) => void,
  signal?: AbortSignal,
): Promise<Outcome[]> {
  const todo = t.objects
    .map((o, i) => ({ ...o, i }))
    .filter((o) => stages.includes(o.stage) && !t.applied.has(o.i))
    .sort(
      (a, b) => Number(b.object.kind === 'Namespace') - Number(a.object.kind === 'Namespace') || a.i - b.i,
    );
  if (todo.length === 0) return [];
  await widenApplySet(
    t.client,
    t.set,
    t.platform,
    t.objects.map((o) => o.object),
  );
  const out: Outcome[] = [];
  for (const o of todo) {
    if (signal?.aborted)
      throw new InterruptedError(`interrupted before applying ${describeRef(refOf(o.object))}`);
    update(`applying ${describeRef(refOf(o.object))}`);
    const r = await applyObject(t.client, o.object, opts);
    t.applied.add(o.i);
    out.push({ ref: refOf(o.object), action: r.action, target: t.target });
  }
  return out;
}

export function pending(t: TargetState, stages: readonly Stage[]): number {
  return t.objects.filter((o, i) => stages.includes(o.stage) && !t.applied.has(i)).length;
}

/** PersistentVolumeClaims and PersistentVolumes hold data: data sets, user volumes, notebooks. */
export const isData = (m: ObjectRef): boolean =>
  m.kind === 'PersistentVolumeClaim' || m.kind === 'PersistentVolume';

interface ListMeta {
  readonly items: readonly unknown[];
}

/** Namespaces that still hold PersistentVolumeClaims: deleting them would delete the claims. */
async function holdsClaims(client: KubeClient, ns: string): Promise<boolean> {
  const l = await client.request<ListMeta>(
    `/api/v1/namespaces/${encodeURIComponent(ns)}/persistentvolumeclaims`,
    {
      query: { limit: 1 },
    },
  );
  return l.items.length > 0;
}

/** Which members of the ApplySet to delete, given the objects still wanted. */
export async function planPrune(
  t: TargetState,
  wanted: readonly ObjectRef[],
  deleteData: boolean,
): Promise<PrunePlan> {
  const live = await listMembers(t.client, t.set, [
    ...new Set(wanted.flatMap((w) => (w.namespace ? [w.namespace] : []))),
  ]);
  const plan = prunePlan(t.set.id, live, wanted, isData, deleteData);
  if (deleteData) return plan;
  const remove: Member[] = [];
  const keep: Member[] = [...plan.keep];
  for (const m of plan.remove) {
    if (m.kind === 'Namespace' && (await holdsClaims(t.client, m.name))) keep.push(m);
    else remove.push(m);
  }
  return { remove, keep };
}

/** Deletes what a prune plan removes, in its order; returns the outcomes. */
export async function executePrune(
  t: TargetState,
  plan: PrunePlan,
  update: (m: string) => void,
): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const m of [...plan.remove].sort((a, b) => deleteOrder(a) - deleteOrder(b))) {
    update(`deleting ${describeRef(m)}`);
    await deleteObject(t.client, m, 'Background');
    out.push({ ref: m, action: 'pruned', target: t.target });
  }
  for (const m of plan.keep) out.push({ ref: m, action: 'kept', target: t.target });
  return out;
}

/** After a complete run: the ApplySet records exactly what is rendered now. */
export async function settle(t: TargetState, kept: readonly ObjectRef[] = []): Promise<void> {
  // Kept members (data) stay members: a later `down --delete-data` must still find them.
  const keptObjects: KubernetesObject[] = kept.map((k) => ({
    apiVersion: k.apiVersion,
    kind: k.kind,
    metadata: { name: k.name, ...(k.namespace ? { namespace: k.namespace } : {}) },
  }));
  await narrowApplySet(t.client, t.set, t.platform, [...t.objects.map((o) => o.object), ...keptObjects]);
}
