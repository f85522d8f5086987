/**
 * `aglais down`: ordered teardown of everything aglais applied for a platform
 * (found through its ApplySets, not through the spec, so a changed spec still
 * tears down all of it). Data (PersistentVolumeClaims, PersistentVolumes and
 * the namespaces holding claims) is kept unless --delete-data. Order: platform
 * objects in the workload cluster, addons, the Cluster (waiting until its
 * infrastructure is gone), then the rest; whatever is left is listed.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { deleteObject } from '../kube/apply.js';
import { deleteOrder, parentRef, type Member } from '../kube/applyset.js';
import type { KubeClient } from '../kube/client.js';
import { acquireLock } from '../kube/lease.js';
import { listMembers, readApplySet } from '../kube/members.js';
import { describeRef, groupOf, type ObjectRef } from '../kube/resources.js';
import { waitGone, type WaitOptions } from '../kube/wait.js';
import { makeClient } from '../kube/client.js';
import { kubeConfigFromString } from '../kube/config.js';
import { isNotFound } from '../kube/errors.js';
import { preflightReachable } from './reachable.js';
import type { Progress } from './progress.js';
import { defaultWorkloadKubeconfig, type Session } from './session.js';
import { isData, planPrune, type TargetState } from './targets.js';

export interface DownOptions {
  readonly timeoutMs: number;
  readonly waitLockMs?: number;
  /** Also delete data-set volumes, user volumes and notebook storage. Default false. */
  readonly deleteData?: boolean;
  readonly progress: Progress;
  readonly signal?: AbortSignal;
}

export interface DownReport {
  readonly platform: string;
  readonly deleted: readonly string[];
  /** Data kept on purpose (no --delete-data). */
  readonly kept: readonly string[];
  /** Objects still present after the teardown (should be none). */
  readonly leftovers: readonly string[];
  readonly elapsedMs: number;
}

async function workloadClient(session: Session): Promise<KubeClient | undefined> {
  if (!session.capi) return session.mgmt;
  if (!session.cluster) return undefined;
  try {
    const s = await session.mgmt.request<{ data?: Record<string, string> }>(
      `/api/v1/namespaces/${encodeURIComponent(session.cluster.namespace ?? '')}/secrets/${encodeURIComponent(`${session.cluster.name}-kubeconfig`)}`,
    );
    const v = s.data?.['value'];
    return v
      ? makeClient(
          kubeConfigFromString(Buffer.from(v, 'base64').toString('utf8'), 'the workload kubeconfig'),
          {
            name: `${session.name} (workload)`,
            retryMs: 5000,
          },
        )
      : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

const isAddon = (m: ObjectRef) => groupOf(m.apiVersion) === 'addons.cluster.x-k8s.io';
const isCluster = (m: ObjectRef) => m.kind === 'Cluster' && groupOf(m.apiVersion) === 'cluster.x-k8s.io';

async function target(
  client: KubeClient,
  session: Session,
  t: TargetState['target'],
): Promise<TargetState | undefined> {
  const set = await readApplySet(client, parentRef(session.name));
  if (!set.exists) return undefined;
  return { target: t, client, set, platform: session.name, objects: [], applied: new Set() };
}

export async function runDown(session: Session, opts: DownOptions): Promise<DownReport> {
  const start = Date.now();
  const { progress } = opts;
  const waitOpts = (update: (m: string) => void, what: string): WaitOptions => ({
    deadline: start + opts.timeoutMs,
    ...(opts.signal ? { signal: opts.signal } : {}),
    onProgress: (r) => update(`${what}: ${r.reason ?? ''}${r.message ? `: ${r.message}` : ''}`),
  });
  await progress.step(`preflight: ${session.mgmt.name} (${session.mgmt.server})`, () =>
    preflightReachable(session.mgmt),
  );
  const lock = await progress.step(`lock platform ${session.name}`, (update) =>
    acquireLock(session.lockClient, {
      platform: session.name,
      command: 'down',
      ...(opts.waitLockMs !== undefined ? { waitUntil: Date.now() + opts.waitLockMs } : {}),
      onWait: update,
      ...(opts.signal ? { signal: opts.signal } : {}),
    }),
  );
  const deleted: string[] = [];
  const kept: string[] = [];
  const leftovers: string[] = [];
  const del = async (t: TargetState, ms: readonly Member[], update: (m: string) => void, wait: boolean) => {
    for (const m of ms) {
      update(`deleting ${describeRef(m)}`);
      if (await deleteObject(t.client, m, 'Background')) deleted.push(`${t.target}/${describeRef(m)}`);
      if (wait) await waitGone(t.client, m, waitOpts(update, describeRef(m)));
    }
  };
  let wl: KubeClient | undefined;
  try {
    wl = await workloadClient(session);
    const workload = wl ? await target(wl, session, 'workload').catch(() => undefined) : undefined;
    if (workload) {
      const plan = await progress.step('find what to delete in the workload cluster', () =>
        planPrune(workload, [], opts.deleteData ?? false),
      );
      await progress.step(
        `delete ${plan.remove.length} platform objects from the workload cluster`,
        async (update) => {
          const [data, rest] = [plan.remove.filter(isData), plan.remove.filter((m) => !isData(m))];
          // With --delete-data, claims go first and are waited for, so the CSI driver deletes their volumes while the cluster still runs.
          await del(workload, data, update, true);
          // Namespaces are waited for: until they are gone their contents still exist.
          await del(
            workload,
            rest.filter((m) => m.kind !== 'Namespace'),
            update,
            false,
          );
          await del(
            workload,
            rest.filter((m) => m.kind === 'Namespace'),
            update,
            true,
          );
        },
      );
      kept.push(...plan.keep.map((m) => `workload/${describeRef(m)}`));
      if (plan.keep.length === 0 && workload !== undefined && session.capi) {
        await deleteObject(workload.client, { apiVersion: 'v1', kind: 'ConfigMap', ...workload.set.parent });
      }
    }
    const mgmt = session.capi ? await target(session.mgmt, session, 'management') : undefined;
    if (mgmt) {
      const members = await listMembers(mgmt.client, mgmt.set);
      const addons = members.filter(isAddon);
      const clusters = members.filter(isCluster);
      const rest = members
        .filter((m) => !isAddon(m) && !isCluster(m))
        .sort((a, b) => deleteOrder(a) - deleteOrder(b));
      if (addons.length) {
        await progress.step(
          `delete ${addons.length} addons (their Helm releases are uninstalled)`,
          (update) => del(mgmt, addons, update, true),
        );
      }
      if (clusters.length) {
        await progress.step(
          `delete ${clusters.map(describeRef).join(', ')} and wait for its infrastructure to be gone`,
          (update) => del(mgmt, clusters, update, true),
        );
      }
      // Credentials last but one: the infrastructure provider needed them to delete machines.
      await progress.step(`delete ${rest.length} remaining objects from the management cluster`, (update) =>
        del(
          mgmt,
          rest,
          update,
          rest.some((m) => m.kind === 'Namespace'),
        ),
      );
      const still = await listMembers(mgmt.client, mgmt.set);
      leftovers.push(...still.map((m) => `management/${describeRef(m)}`));
      if (still.length === 0)
        await deleteObject(mgmt.client, { apiVersion: 'v1', kind: 'ConfigMap', ...mgmt.set.parent });
    }
    if (workload && !session.capi) {
      const still = (await listMembers(workload.client, workload.set)).filter(
        (m) => !kept.includes(`workload/${describeRef(m)}`),
      );
      leftovers.push(...still.map((m) => `workload/${describeRef(m)}`));
      if (still.length === 0 && kept.length === 0) {
        await deleteObject(workload.client, { apiVersion: 'v1', kind: 'ConfigMap', ...workload.set.parent });
      }
    }
    // The workload kubeconfig at its default place names a cluster that is gone now.
    const file = defaultWorkloadKubeconfig(session.name);
    if (session.capi && leftovers.length === 0 && existsSync(file)) {
      await rm(file);
      deleted.push(`file ${file}`);
    }
  } finally {
    await lock
      .release()
      .catch(() => progress.note('could not release the lock; it expires by itself in 30s'));
    if (wl && wl !== session.mgmt) wl.close();
  }
  return { platform: session.name, deleted, kept, leftovers, elapsedMs: Date.now() - start };
}

export function formatDownReport(r: DownReport): string {
  const lines = [
    `Platform ${r.platform} is down (${(r.elapsedMs / 1000).toFixed(1)}s): ${r.deleted.length} objects deleted.`,
  ];
  if (r.kept.length) {
    lines.push('Kept (data; `aglais down --delete-data` deletes it):', ...r.kept.map((k) => `  ${k}`));
  }
  if (r.leftovers.length) lines.push('Left behind (still present):', ...r.leftovers.map((k) => `  ${k}`));
  else lines.push('Nothing aglais created is left behind.');
  return `${lines.join('\n')}\n`;
}
