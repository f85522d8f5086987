/**
 * `aglais diff`: what `up` would change, per object, as unified diffs of the
 * live object against the server's dry-run apply, plus the objects `up` would
 * prune. Reads and dry-runs only; never writes.
 */
import { ConflictError, applyObject, refOf } from '../kube/apply.js';
import { readApplySet } from '../kube/members.js';
import { parentRef, asMember, prunePlan, applySetId } from '../kube/applyset.js';
import type { KubeClient } from '../kube/client.js';
import { kubeConfigFromString } from '../kube/config.js';
import { makeClient } from '../kube/client.js';
import { forDiff, unifiedDiff } from '../kube/diff.js';
import { KubeApiError, isNotFound } from '../kube/errors.js';
import { listMembers } from '../kube/members.js';
import { describeRef, findResource } from '../kube/resources.js';
import { toWire } from '../kube/secrets.js';
import type { KubernetesObject, Target } from '../render/types.js';
import type { Session } from './session.js';
import { isData } from './targets.js';

export interface ObjectDiff {
  readonly target: Target;
  readonly object: string;
  readonly change: 'create' | 'update' | 'prune' | 'keep';
  /** Unified diff text (uncoloured and coloured are made by the caller's style). */
  readonly diff: string;
}

export interface DiffOptions {
  readonly color: boolean;
  readonly forceConflicts?: boolean;
  readonly deleteData?: boolean;
}

async function workloadClient(session: Session): Promise<KubeClient | undefined> {
  if (!session.capi) return session.mgmt;
  if (!session.cluster) return undefined;
  try {
    const s = await session.mgmt.request<{ data?: Record<string, string> }>(
      `/api/v1/namespaces/${encodeURIComponent(session.cluster.namespace ?? '')}/secrets/${encodeURIComponent(`${session.cluster.name}-kubeconfig`)}`,
    );
    const value = s.data?.['value'];
    if (!value) return undefined;
    return makeClient(
      kubeConfigFromString(Buffer.from(value, 'base64').toString('utf8'), 'the workload kubeconfig'),
      {
        name: `${session.name} (workload)`,
      },
    );
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** The dry-run result of applying `o`, or `o` itself when its namespace does not exist yet. */
interface DryRun {
  readonly before: Record<string, unknown> | undefined;
  readonly after: Record<string, unknown>;
  /** Fields another manager owns, when applying without force would conflict. */
  readonly conflict?: string;
}

async function dryRun(
  client: KubeClient,
  o: KubernetesObject,
  newNamespaces: Set<string>,
  force: boolean,
): Promise<DryRun> {
  const ns = o.metadata.namespace;
  if (ns && newNamespaces.has(ns)) return { before: undefined, after: toWire(o) as Record<string, unknown> };
  if (!(await findResource(client, o.apiVersion, o.kind))) {
    throw new KubeApiError(
      404,
      'NoKind',
      `diff: cluster ${client.name} serves no ${o.kind} (${o.apiVersion}): run aglais up's preflight for how to install it`,
    );
  }
  try {
    const r = await applyObject(client, o, { dryRun: true, force });
    return {
      before: r.before as Record<string, unknown> | undefined,
      after: r.object as Record<string, unknown>,
    };
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
    // Show what taking the fields over would change, and say that up stops there.
    const r = await applyObject(client, o, { dryRun: true, force: true });
    return {
      before: r.before as Record<string, unknown> | undefined,
      after: r.object as Record<string, unknown>,
      conflict: e.conflicts.map((c) => `${c.field} is owned by "${c.manager}"`).join(', '),
    };
  }
}

async function diffTarget(
  client: KubeClient,
  session: Session,
  target: Target,
  opts: DiffOptions,
  notes: string[],
): Promise<ObjectDiff[]> {
  const set = await readApplySet(client, parentRef(session.name)).catch((e: unknown) => {
    if (session.objects.some((o) => o.target === target)) throw e;
    return undefined;
  });
  const id = set?.id ?? applySetId(parentRef(session.name));
  const objects = session.objects.filter((o) => o.target === target).map((o) => asMember(o.object, id));
  const newNamespaces = new Set<string>();
  for (const o of objects.filter((x) => x.kind === 'Namespace')) {
    try {
      await client.request(`/api/v1/namespaces/${encodeURIComponent(o.metadata.name)}`);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      newNamespaces.add(o.metadata.name);
    }
  }
  const out: ObjectDiff[] = [];
  for (const o of objects) {
    const { before, after, conflict } = await dryRun(client, o, newNamespaces, opts.forceConflicts ?? false);
    if (conflict) {
      notes.push(
        `conflict: ${target}/${describeRef(refOf(o))}: ${conflict}: up stops there unless --force-conflicts`,
      );
    }
    const a = forDiff(before);
    const b = forDiff(after);
    const name = `${target}/${describeRef(refOf(o))}`;
    const text = unifiedDiff(a, b, before ? `live ${name}` : '/dev/null', `aglais ${name}`, {
      color: opts.color,
    });
    if (text)
      out.push({ target, object: describeRef(refOf(o)), change: before ? 'update' : 'create', diff: text });
  }
  if (set?.exists) {
    const live = await listMembers(client, set, [...newNamespaces]);
    const plan = prunePlan(set.id, live, objects.map(refOf), isData, opts.deleteData ?? false);
    for (const m of plan.remove) {
      const path = `${target}/${describeRef(m)}`;
      out.push({
        target,
        object: describeRef(m),
        change: 'prune',
        diff: unifiedDiff(`${path}\n`, '', `live ${path}`, '/dev/null (pruned)', { color: opts.color }),
      });
    }
    for (const m of plan.keep) out.push({ target, object: describeRef(m), change: 'keep', diff: '' });
  }
  return out;
}

export async function runDiff(
  session: Session,
  opts: DiffOptions,
): Promise<{ diffs: ObjectDiff[]; notes: string[] }> {
  const notes: string[] = session.workloadSkipped ? [session.workloadSkipped] : [];
  const diffs: ObjectDiff[] = [];
  if (session.capi) diffs.push(...(await diffTarget(session.mgmt, session, 'management', opts, notes)));
  const wl = await workloadClient(session);
  if (wl) {
    try {
      diffs.push(...(await diffTarget(wl, session, 'workload', opts, notes)));
    } finally {
      if (wl !== session.mgmt) wl.close();
    }
  } else {
    const n = session.objects.filter((o) => o.target === 'workload').length;
    if (n > 0) {
      notes.push(`the workload cluster does not exist yet: its ${n} objects would be created by up`);
      for (const o of session.objects.filter((x) => x.target === 'workload')) {
        const name = `workload/${describeRef(refOf(o.object))}`;
        diffs.push({
          target: 'workload',
          object: describeRef(refOf(o.object)),
          change: 'create',
          diff: unifiedDiff('', forDiff(toWire(o.object)), '/dev/null', `aglais ${name}`, {
            color: opts.color,
          }),
        });
      }
    }
  }
  return { diffs, notes };
}

export function formatDiff(r: { diffs: readonly ObjectDiff[]; notes: readonly string[] }): string {
  const parts = r.diffs.filter((d) => d.diff).map((d) => d.diff);
  const kept = r.diffs.filter((d) => d.change === 'keep');
  for (const k of kept)
    parts.push(
      `# kept: ${k.target}/${k.object} is no longer rendered but holds data (--delete-data prunes it)\n`,
    );
  for (const n of r.notes) parts.push(`# ${n}\n`);
  const count = (c: ObjectDiff['change']) => r.diffs.filter((d) => d.change === c).length;
  parts.push(
    r.diffs.some((d) => d.change !== 'keep')
      ? `# ${count('create')} to create, ${count('update')} to change, ${count('prune')} to prune\n`
      : '# no changes\n',
  );
  return parts.join('');
}
