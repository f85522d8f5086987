/**
 * `aglais up`: preflight, lock, apply stage by stage with waits, fetch the
 * workload kubeconfig, apply the workload objects, prune, release.
 * Every step is idempotent, so a run cut short (Ctrl-C, crash, apiserver
 * restart) is finished by running `up` again.
 */
import { stages, type Stage } from '../render/types.js';
import { addCounts, makeClient, writeCount, type KubeClient, type RequestCounts } from '../kube/client.js';
import { writeKubeconfigFile } from '../kube/config.js';
import { acquireLock } from '../kube/lease.js';
import { refOf } from '../kube/apply.js';
import { describeRef } from '../kube/resources.js';
import { preflight } from './preflight.js';
import type { Progress } from './progress.js';
import { defaultWorkloadKubeconfig, type Session } from './session.js';
import {
  applyStages,
  executePrune,
  openTarget,
  pending,
  planPrune,
  settle,
  type Outcome,
  type TargetState,
} from './targets.js';
import { waitControlPlane, waitReady, workloadKubeconfig, type WaitContext } from './waits.js';

export interface UpOptions {
  /** Give up waiting after this many ms (exit 4). */
  readonly timeoutMs: number;
  /** Wait up to this many ms for another run's lock; undefined: fail at once (exit 5). */
  readonly waitLockMs?: number;
  /** Take over fields other managers own. Default false. */
  readonly forceConflicts?: boolean;
  /** Let pruning delete PersistentVolumeClaims/PersistentVolumes. Default false. */
  readonly deleteData?: boolean;
  /** Wait for HelmChartProxies to be deployed. Default true. */
  readonly waitAddons?: boolean;
  /** Where to write the workload kubeconfig (0600). Default ~/.kube/aglais/<platform>.kubeconfig. */
  readonly workloadKubeconfig?: string;
  readonly progress: Progress;
  readonly signal?: AbortSignal;
}

export interface UpReport {
  readonly platform: string;
  readonly outcomes: readonly Outcome[];
  readonly workloadKubeconfig?: string;
  /** API requests to each cluster by verb (the lock's own requests apart). */
  readonly requests: {
    readonly management: RequestCounts;
    readonly workload?: RequestCounts;
    readonly lock: RequestCounts;
  };
  /** Writes to platform objects (creates, applies, deletes), lock excluded. */
  readonly writes: number;
  readonly elapsedMs: number;
}

const upTo = (s: Stage) => stages.slice(0, stages.indexOf(s) + 1);
const addonsOf = (t: TargetState, stage: Stage) =>
  t.objects
    .filter((o) => o.stage === stage && o.object.apiVersion.startsWith('addons.cluster.x-k8s.io/'))
    .map((o) => o.object);

/**
 * The workload cluster's target. When the platform renders nothing for it, a
 * cluster that cannot hold aglais's bookkeeping (CAPD's in-memory API server
 * serves few kinds) is left alone rather than failing the run.
 */
async function openWorkload(
  client: KubeClient,
  session: Session,
  progress: Progress,
): Promise<TargetState | undefined> {
  try {
    return await openTarget('workload', client, session.name, session.objects);
  } catch (e) {
    if (session.objects.some((o) => o.target === 'workload')) throw e;
    progress.note(
      `workload cluster: nothing to apply, and its ApplySet cannot be read (${(e as Error).message}): skipped`,
    );
    return undefined;
  }
}

export async function runUp(session: Session, opts: UpOptions): Promise<UpReport> {
  const start = Date.now();
  const { progress } = opts;
  const ctx: WaitContext = {
    deadline: start + opts.timeoutMs,
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const applyOpts = { force: opts.forceConflicts ?? false };
  const checks = await progress.step(`preflight: ${session.mgmt.name} (${session.mgmt.server})`, () =>
    preflight(session),
  );
  for (const n of checks.notes) progress.note(n);
  if (session.workloadSkipped) progress.note(session.workloadSkipped);

  const lock = await progress.step(`lock platform ${session.name}`, (update) =>
    acquireLock(session.lockClient, {
      platform: session.name,
      command: 'up',
      ...(opts.waitLockMs !== undefined ? { waitUntil: Date.now() + opts.waitLockMs } : {}),
      onWait: update,
      ...(opts.signal ? { signal: opts.signal } : {}),
    }),
  );
  const outcomes: Outcome[] = [];
  let workloadClient: KubeClient | undefined;
  let kubeconfigPath: string | undefined;
  try {
    const targets: TargetState[] = [];
    const main = await openTarget(
      session.capi ? 'management' : 'workload',
      session.mgmt,
      session.name,
      session.objects,
    );
    targets.push(main);
    let workload: TargetState | undefined = session.capi ? undefined : main;

    const applyTo = async (t: TargetState, upto: readonly Stage[], label: string) => {
      const n = pending(t, upto);
      if (n === 0) return;
      const out = await progress.step(`apply ${label} to the ${t.target} cluster (${n} objects)`, (update) =>
        applyStages(t, upto, applyOpts, update, opts.signal),
      );
      outcomes.push(...out);
      const objs = t.objects.filter((o) => upto.includes(o.stage)).map((o) => o.object);
      if (t.target === 'workload') {
        await progress.step(`wait for ${label} in the workload cluster`, (update) =>
          waitReady(t.client, objs, ctx, update),
        );
      }
    };

    for (const stage of stages) {
      if (session.capi) await applyTo(main, [stage], stage);
      if (session.capi && session.cluster && stage === 'cluster') {
        const cluster = session.cluster;
        await progress.step(`wait for the control plane of ${describeRef(cluster)} to initialise`, (update) =>
          waitControlPlane(session.mgmt, cluster, ctx, update),
        );
        const { text, kc } = await progress.step('fetch the workload cluster kubeconfig', (update) =>
          workloadKubeconfig(session.mgmt, cluster, ctx, update),
        );
        kubeconfigPath = opts.workloadKubeconfig ?? defaultWorkloadKubeconfig(session.name);
        await writeKubeconfigFile(kubeconfigPath, text);
        progress.note(`workload kubeconfig written to ${kubeconfigPath} (mode 0600)`);
        workloadClient = makeClient(kc, { name: `${session.name} (workload)` });
        workload = await openWorkload(workloadClient, session, progress);
        if (workload) targets.push(workload);
      }
      if (session.capi && stage === 'addons-ready' && session.cluster) {
        const readyAddons = addonsOf(main, 'addons-ready');
        if (readyAddons.length && opts.waitAddons !== false) {
          await progress.step('wait for the addons the cluster needs (CNI, cloud controller)', (update) =>
            waitReady(session.mgmt, readyAddons, ctx, update),
          );
        }
        const capiObjects = main.objects.filter((o) => o.stage === 'cluster').map((o) => o.object);
        await progress.step(`wait for ${describeRef(session.cluster)} to be available`, (update) =>
          waitReady(session.mgmt, capiObjects, ctx, update),
        );
      }
      if (session.capi && stage === 'addons') {
        const addons = addonsOf(main, 'addons');
        if (addons.length && opts.waitAddons !== false) {
          await progress.step('wait for the addons to be deployed', (update) =>
            waitReady(session.mgmt, addons, ctx, update),
          );
        }
      }
      if (workload) await applyTo(workload, upTo(stage), stage);
    }

    for (const t of targets) {
      const wanted = t.objects.map((o) => refOf(o.object));
      const plan = await progress.step(`find what to prune in the ${t.target} cluster`, () =>
        planPrune(t, wanted, opts.deleteData ?? false),
      );
      if (plan.remove.length) {
        outcomes.push(
          ...(await progress.step(
            `prune ${plan.remove.length} objects from the ${t.target} cluster`,
            (update) => executePrune(t, plan, update),
          )),
        );
      } else {
        outcomes.push(...plan.keep.map((m): Outcome => ({ ref: m, action: 'kept', target: t.target })));
      }
      for (const k of plan.keep) progress.note(`kept ${describeRef(k)} (data; --delete-data deletes it)`);
      await settle(t, plan.keep);
    }
  } finally {
    await lock
      .release()
      .catch(() => progress.note('could not release the lock; it expires by itself in 30s'));
    workloadClient?.close();
  }
  const requests = {
    management: session.mgmt.counts,
    ...(workloadClient ? { workload: workloadClient.counts } : {}),
    lock: session.lockClient.counts,
  };
  return {
    platform: session.name,
    outcomes,
    ...(kubeconfigPath ? { workloadKubeconfig: kubeconfigPath } : {}),
    requests,
    writes: writeCount(addCounts(requests.management, requests.workload ?? {})),
    elapsedMs: Date.now() - start,
  };
}

/** What `up` prints on stdout when it is done. */
export function formatUpReport(r: UpReport): string {
  const by = (a: Outcome['action']) => r.outcomes.filter((o) => o.action === a);
  const lines = [`Platform ${r.platform} is up (${(r.elapsedMs / 1000).toFixed(1)}s).`];
  for (const a of ['created', 'configured', 'pruned', 'kept'] as const) {
    for (const o of by(a)) lines.push(`  ${a.padEnd(10)} ${o.target.padEnd(10)} ${describeRef(o.ref)}`);
  }
  lines.push(`  ${by('unchanged').length} objects unchanged`);
  if (r.workloadKubeconfig) lines.push(`Workload cluster kubeconfig: ${r.workloadKubeconfig}`);
  const fmt = (c: RequestCounts) =>
    Object.keys(c)
      .sort()
      .map((k) => `${k} ${c[k]}`)
      .join(', ') || 'none';
  lines.push(
    `API requests: management ${fmt(r.requests.management)}${r.requests.workload ? `; workload ${fmt(r.requests.workload)}` : ''}; lock ${fmt(r.requests.lock)}`,
  );
  return `${lines.join('\n')}\n`;
}
