/**
 * When is an object done? Pure answers per kind, each with the reason and
 * message of what is still missing, so every wait can say what it waits on.
 * Kinds with nothing to wait for (ConfigMaps, templates, ...) are ready at once.
 */

export interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
}

export interface Readiness {
  readonly ready: boolean;
  /** Short reason when not ready (a condition's reason, or what is counted). */
  readonly reason?: string;
  readonly message?: string;
}

type Obj = {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly generation?: number;
    readonly deletionTimestamp?: string;
  };
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
};

export function conditions(o: Obj): Condition[] {
  const s = o.status ?? {};
  // CAPI v1beta2 keeps its old-style conditions under status.deprecated; the new ones are status.conditions.
  return Array.isArray(s['conditions']) ? (s['conditions'] as Condition[]) : [];
}

export function condition(o: Obj, type: string): Condition | undefined {
  return conditions(o).find((c) => c.type === type);
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const ok: Readiness = { ready: true };

function fromCondition(o: Obj, type: string): Readiness {
  const c = condition(o, type);
  if (c?.status === 'True') return ok;
  if (!c)
    return {
      ready: false,
      reason: `${type}Unknown`,
      message: `no ${type} condition yet (has a controller seen it?)`,
    };
  return {
    ready: false,
    reason: c.reason ?? `${type}=${c.status}`,
    message: c.message ?? `${type} is ${c.status}`,
  };
}

function generationSeen(o: Obj): Readiness | undefined {
  const gen = o.metadata?.generation;
  const seen = o.status?.['observedGeneration'];
  if (gen !== undefined && typeof seen === 'number' && seen < gen) {
    return {
      ready: false,
      reason: 'NotObserved',
      message: `the controller has not yet seen generation ${gen} (at ${seen})`,
    };
  }
  if (gen !== undefined && seen === undefined && o.status === undefined) {
    return { ready: false, reason: 'NoStatus', message: 'no status yet (has a controller seen it?)' };
  }
  return undefined;
}

function replicas(want: number, counts: Record<string, number>): Readiness {
  const short = Object.entries(counts).filter(([, n]) => n < want);
  if (short.length === 0) return ok;
  return {
    ready: false,
    reason: 'ScalingUp',
    message: short.map(([what, n]) => `${n}/${want} ${what}`).join(', '),
  };
}

const group = (o: Obj) => (o.apiVersion ?? '').split('/')[0] ?? '';

/** Is `o` done, by its kind's rules? */
export function readiness(o: Obj): Readiness {
  if (o.metadata?.deletionTimestamp) return { ready: false, reason: 'Deleting', message: 'being deleted' };
  const s = o.status ?? {};
  const spec = o.spec ?? {};
  const g = group(o);
  if (g === 'cluster.x-k8s.io') {
    if (o.kind === 'Cluster') return fromCondition(o, 'Available');
    if (o.kind === 'MachineDeployment' || o.kind === 'MachineSet') {
      const gen = generationSeen(o);
      if (gen) return gen;
      const want = num(spec['replicas'] ?? 1);
      const counted = replicas(want, {
        ready: num(s['readyReplicas']),
        available: num(s['availableReplicas']),
        'up to date': num(s['upToDateReplicas']),
      });
      if (!counted.ready) return counted;
      if (num(s['replicas']) > want)
        return {
          ready: false,
          reason: 'ScalingDown',
          message: `${num(s['replicas'])} machines, want ${want}`,
        };
      return ok;
    }
    if (o.kind === 'Machine') return fromCondition(o, 'Ready');
    return ok;
  }
  if (g === 'controlplane.cluster.x-k8s.io') return fromCondition(o, 'Available');
  if (g === 'addons.cluster.x-k8s.io') return fromCondition(o, 'Ready');
  if (g === 'apps') {
    const gen = generationSeen(o);
    if (gen) return gen;
    const want = num(spec['replicas'] ?? 1);
    if (o.kind === 'Deployment') {
      return replicas(want, {
        'up to date': num(s['updatedReplicas']),
        available: num(s['availableReplicas']),
      });
    }
    if (o.kind === 'StatefulSet') {
      return replicas(want, { ready: num(s['readyReplicas']), 'up to date': num(s['updatedReplicas']) });
    }
    if (o.kind === 'DaemonSet') {
      const d = num(s['desiredNumberScheduled']);
      return replicas(d, {
        available: num(s['numberAvailable']),
        'up to date': num(s['updatedNumberScheduled']),
      });
    }
    return ok;
  }
  if (g === 'batch' && o.kind === 'Job') {
    const failed = condition(o, 'Failed');
    if (failed?.status === 'True')
      return { ready: false, reason: failed.reason ?? 'Failed', message: failed.message ?? 'the job failed' };
    return fromCondition(o, 'Complete');
  }
  return ok;
}

/** Kinds worth a wait after apply (the rest are ready as soon as they are stored). */
export function worthWaiting(o: { apiVersion: string; kind: string }): boolean {
  const g = group(o);
  if (g === 'cluster.x-k8s.io') return o.kind === 'Cluster' || o.kind === 'MachineDeployment';
  if (g === 'controlplane.cluster.x-k8s.io' || g === 'addons.cluster.x-k8s.io') return true;
  if (g === 'apps') return ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind);
  return g === 'batch' && o.kind === 'Job';
}

/** The Cluster's control plane can answer API calls (its kubeconfig Secret is usable). */
export function controlPlaneInitialized(cluster: Obj): Readiness {
  const init = (cluster.status?.['initialization'] ?? {}) as Record<string, unknown>;
  if (init['controlPlaneInitialized'] === true) return ok;
  return fromCondition(cluster, 'ControlPlaneInitialized');
}

/** Not-ready conditions worth showing (False, or Unknown with a message), skipping the summary ones. */
export function problems(o: Obj): Condition[] {
  const negative = new Set([
    'Deleting',
    'Paused',
    'RollingOut',
    'ScalingDown',
    'ScalingUp',
    'Remediating',
    'MachinesUpdating',
  ]);
  return conditions(o).filter((c) =>
    negative.has(c.type)
      ? c.status === 'True'
      : c.status === 'False' || (c.status === 'Unknown' && !!c.message),
  );
}
