/**
 * The capacity check of `aglais plan`: does the platform fit its node pools?
 *
 * Per node (formulas, all per machine of a pool):
 *   allocatable = capacity − kube-reserved − system-reserved − eviction threshold
 *   kube-reserved memory (GKE tiers): 255 MiB below 1 GiB; else 25% of the first
 *     4 GiB + 20% of the next 4 GiB + 10% of the next 8 GiB + 6% of the next
 *     112 GiB + 2% of anything above 128 GiB
 *   kube-reserved CPU (GKE tiers): 6% of the first core + 1% of the second +
 *     0.5% of the third and fourth + 0.25% of every core above four
 *   system-reserved: 100m CPU, 100 MiB (sshd, containerd, journald on kubeadm images)
 *   eviction threshold: memory.available < 100 MiB (kubelet's default);
 *     ephemeral storage: nodefs.available < 10%
 * Pods (requests; memory limits equal requests):
 *   executor: cores; memory + overhead, overhead = max(10% of memory, 384 MiB)
 *     (Spark truncates the 10% to whole MiB); scratch emptyDir sizeLimit as
 *     ephemeral storage
 *   interpreter (the Spark driver): driver cores; driver memory + overhead
 *   Zeppelin server, history server(s), Livy: their rendered requests
 * Placement: the fixed pods (Zeppelin, history servers, Livy, then one
 * interpreter per user — every user active at once) first fit on their pools at
 * the largest node count (replicas, or autoscale max); executors then fill what
 * is left on the executor pool. Daemon sets (CNI, CSI node plugins) are not counted.
 * Errors: a pod bigger than one node's allocatable, or than its user's quota —
 * it can never be scheduled. Pods that fit alone but not all at once are warnings.
 */
import { capacityOf } from '../render/index.js';
import { nodeBudget, type NodeBudget, type Resources } from '../render/node-budget.js';

export {
  evictionEphemeralFraction,
  evictionMemory,
  kubeReservedCpu,
  kubeReservedMemory,
  nodeBudget,
  systemReserved,
  type NodeBudget,
  type Resources,
} from '../render/node-budget.js';
import { cloudOf } from '../clouds/registry.js';
import type { Platform } from '../spec/schema.js';
import { historyNamespaces, historyResources } from './history.js';
import { lightInterpreter } from './interpreters.js';
import { livyResources } from './livy.js';
import { platformNamespace, pools } from './names.js';
import { driverPodMiB, executorPodMiB } from './spark.js';
import { mib, millicores } from './units.js';
import { effectiveUsers } from './users.js';

export interface PlacedPods {
  readonly what: string;
  readonly count: number;
  readonly each: Resources;
}

export interface PoolReport {
  readonly pool: string;
  readonly nodes: { readonly min: number; readonly max: number };
  readonly node: NodeBudget | null;
  readonly fixed: readonly PlacedPods[];
  /** Executors that fit on this pool at its largest size, after the fixed pods. */
  readonly executors: number;
  /** Requested / allocatable with fixed pods and those executors, 0..1. */
  readonly utilisation: { readonly cpu: number; readonly memory: number } | null;
}

export interface CapacityReport {
  readonly pools: readonly PoolReport[];
  readonly executor: Resources;
  readonly interpreter: Resources;
  /** Executors all users may ask for at once (users × executor max). */
  readonly executorsWanted: number;
  readonly executorsFit: number;
  /** Per user: executors the quota leaves room for beside the interpreter (capped at executor max). */
  readonly perUser: readonly { readonly user: string; readonly executors: number }[];
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

function fits(free: Resources, r: Resources, checkEphemeral: boolean): boolean {
  return free.cpu >= r.cpu && free.memory >= r.memory && (!checkEphemeral || free.ephemeral >= r.ephemeral);
}

function minus(a: Resources, b: Resources): Resources {
  return { cpu: a.cpu - b.cpu, memory: a.memory - b.memory, ephemeral: a.ephemeral - b.ephemeral };
}

const GiB = 1024;

const fmtCpu = (m: number) => `${(m / 1000).toFixed(m % 1000 === 0 ? 0 : 2)} CPU`;
const fmtMem = (m: number) => `${(m / GiB).toFixed(2)} GiB`;

export function capacityReport(p: Platform): CapacityReport {
  const { module, platform } = cloudOf(p);
  const s = p.spec.platform.spark;
  const users = effectiveUsers(p);
  const roles = pools(p);
  const errors: string[] = [];
  const warnings: string[] = [];
  const ex = executorPodMiB(p);
  const executor: Resources = {
    cpu: s.executor.cores * 1000,
    memory: ex.total,
    ephemeral: s.scratch.type === 'emptyDir' ? mib(s.scratch.sizeLimit) : 0,
  };
  const interpreter: Resources = { cpu: s.driver.cores * 1000, memory: driverPodMiB(p).total, ephemeral: 0 };
  const res = (r: { cpu: string; memory: string }): Resources => ({
    cpu: millicores(r.cpu),
    memory: mib(r.memory),
    ephemeral: 0,
  });

  // The fixed pods and the pool each goes to.
  const fixed: { pool: string; pods: PlacedPods }[] = [
    {
      pool: roles.platform,
      pods: { what: 'Zeppelin server', count: 1, each: res(p.spec.platform.zeppelin.resources) },
    },
    { pool: roles.platform, pods: { what: 'shared %md interpreter', count: 1, each: res(lightInterpreter) } },
  ];
  const hist = historyNamespaces(p);
  if (hist.length) {
    const what = hist[0] === platformNamespace ? 'history server' : 'history server, one per user';
    fixed.push({ pool: roles.platform, pods: { what, count: hist.length, each: res(historyResources) } });
  }
  if (p.spec.platform.livy.enabled)
    fixed.push({ pool: roles.platform, pods: { what: 'Livy', count: 1, each: res(livyResources) } });
  fixed.push({
    pool: roles.interpreters,
    pods: { what: 'Spark interpreter (driver), one per user', count: users.length, each: interpreter },
  });

  const existingCap = p.spec.cloud.provider === 'existing' ? p.spec.cloud.nodeCapacity : undefined;
  const reports: PoolReport[] = [];
  let executorsFit = 0;
  for (const pool of p.spec.nodePools) {
    const nodes = {
      min: pool.replicas ?? pool.autoscale?.min ?? 0,
      max: pool.replicas ?? pool.autoscale?.max ?? 0,
    };
    const cap = capacityOf(module, pool) ?? existingCap;
    const mine = fixed.filter((f) => f.pool === pool.name).map((f) => f.pods);
    const isExecutorPool = pool.name === roles.executors;
    if (!cap) {
      if (mine.length || isExecutorPool) {
        warnings.push(
          `capacity: pool "${pool.name}" has no known machine capacity (size ${pool.size ?? 'none'}): give spec.nodePools[].capacity to check it`,
        );
      }
      reports.push({ pool: pool.name, nodes, node: null, fixed: mine, executors: 0, utilisation: null });
      continue;
    }
    const node = nodeBudget(cap);
    const free: Resources[] = Array.from({ length: nodes.max }, () => node.allocatable);
    // In order of need (Zeppelin first, the interpreters last), each on the first node with room.
    for (const m of mine) {
      if (!fits(node.allocatable, m.each, false)) {
        errors.push(
          `capacity: ${m.what} requests ${fmtCpu(m.each.cpu)} and ${fmtMem(m.each.memory)}, more than one node of pool "${pool.name}" can give (allocatable ${fmtCpu(node.allocatable.cpu)}, ${fmtMem(node.allocatable.memory)}): it can never be scheduled`,
        );
        continue;
      }
      let waiting = 0;
      for (let k = 0; k < m.count; k++) {
        const i = free.findIndex((f) => fits(f, m.each, false));
        if (i < 0) waiting++;
        else free[i] = minus(free[i] as Resources, m.each);
      }
      // Each fits on a node of its own: it waits for room rather than never running.
      if (waiting > 0) {
        warnings.push(
          `capacity: ${waiting} of ${m.count} × ${m.what} (${fmtCpu(m.each.cpu)}, ${fmtMem(m.each.memory)}) do not fit on pool "${pool.name}" at ${nodes.max} nodes beside the pods placed before them: they wait until others stop`,
        );
      }
    }
    let executors = 0;
    if (isExecutorPool) {
      const checkEph = executor.ephemeral > 0 && node.capacity.ephemeral > 0;
      if (!fits(node.allocatable, executor, checkEph)) {
        errors.push(
          `capacity: a Spark executor requests ${fmtCpu(executor.cpu)}, ${fmtMem(executor.memory)} (${s.executor.memory} + ${ex.overhead} MiB overhead)${checkEph ? ` and ${fmtMem(executor.ephemeral)} scratch` : ''}, more than one node of pool "${pool.name}" can give (allocatable ${fmtCpu(node.allocatable.cpu)}, ${fmtMem(node.allocatable.memory)}${checkEph ? `, ${fmtMem(node.allocatable.ephemeral)} ephemeral` : ''}): executors can never be scheduled`,
        );
      } else {
        for (const f of free) {
          const byCpu = Math.floor(f.cpu / executor.cpu);
          const byMem = Math.floor(f.memory / executor.memory);
          const byEph = checkEph ? Math.floor(f.ephemeral / executor.ephemeral) : Infinity;
          executors += Math.max(0, Math.min(byCpu, byMem, byEph));
        }
      }
      executorsFit = executors;
    }
    const used = free.reduce(
      (acc, f) => ({
        cpu: acc.cpu + node.allocatable.cpu - f.cpu,
        memory: acc.memory + node.allocatable.memory - f.memory,
      }),
      { cpu: executors * executor.cpu, memory: executors * executor.memory },
    );
    const total = { cpu: node.allocatable.cpu * nodes.max, memory: node.allocatable.memory * nodes.max };
    reports.push({
      pool: pool.name,
      nodes,
      node,
      fixed: mine,
      executors,
      utilisation: total.cpu > 0 ? { cpu: used.cpu / total.cpu, memory: used.memory / total.memory } : null,
    });
  }

  // What each user's quota leaves for executors, beside the interpreter (and a per-user history server).
  const userHistory =
    hist.length && hist[0] !== platformNamespace
      ? res(historyResources)
      : { cpu: 0, memory: 0, ephemeral: 0 };
  const perUser = users.map((u) => {
    const cpu = millicores(u.quota.cpu) - interpreter.cpu - userHistory.cpu;
    const memory = mib(u.quota.memory) - interpreter.memory - userHistory.memory;
    if (cpu < 0 || memory < 0) {
      errors.push(
        `capacity: user "${u.name}" has a quota of ${u.quota.cpu} CPU and ${u.quota.memory}, less than their interpreter needs (${fmtCpu(interpreter.cpu + userHistory.cpu)}, ${fmtMem(interpreter.memory + userHistory.memory)}): it can never start`,
      );
      return { user: u.name, executors: 0 };
    }
    const n = Math.min(s.executor.max, Math.floor(cpu / executor.cpu), Math.floor(memory / executor.memory));
    if (n < s.executor.min) {
      errors.push(
        `capacity: user "${u.name}"'s quota (${u.quota.cpu} CPU, ${u.quota.memory}) leaves room for ${n} executors beside the interpreter, fewer than the minimum ${s.executor.min}: their sessions can never reach it`,
      );
    }
    return { user: u.name, executors: n };
  });
  const executorsWanted = users.length * s.executor.max;
  const quotaTotal = perUser.reduce((a, u) => a + u.executors, 0);
  const minTotal = users.length * s.executor.min;
  if (
    reports.some((r) => r.node) &&
    minTotal > executorsFit &&
    reports.find((r) => r.pool === roles.executors)?.node
  ) {
    warnings.push(
      `capacity: every user holding the minimum of ${s.executor.min} executors needs ${minTotal}; the executor pool fits ${executorsFit} at its largest`,
    );
  }
  if (executorsFit > 0 && quotaTotal > executorsFit) {
    warnings.push(
      `capacity: the quotas allow ${quotaTotal} executors at once; the executor pool fits ${executorsFit} at its largest (users will queue for executors)`,
    );
  }
  void platform;
  return { pools: reports, executor, interpreter, executorsWanted, executorsFit, perUser, errors, warnings };
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The report as `aglais plan` prints it. */
export function formatCapacity(r: CapacityReport): string {
  const out: string[] = ['Capacity (allocatable = capacity − kube-reserved − system-reserved − eviction):'];
  for (const pool of r.pools) {
    if (!pool.node) {
      out.push(`  ${pool.pool}: capacity unknown`);
      continue;
    }
    const a = pool.node.allocatable;
    out.push(
      `  ${pool.pool}: ${pool.nodes.min === pool.nodes.max ? pool.nodes.max : `${pool.nodes.min}-${pool.nodes.max}`} nodes × allocatable ${fmtCpu(Math.floor(a.cpu))}, ${fmtMem(a.memory)}${a.ephemeral ? `, ${fmtMem(a.ephemeral)} ephemeral` : ''}`,
    );
    for (const f of pool.fixed)
      out.push(`    ${f.count} × ${f.what}: ${fmtCpu(f.each.cpu)}, ${fmtMem(f.each.memory)} each`);
    if (pool.executors) out.push(`    ${pool.executors} executors fit at ${pool.nodes.max} nodes`);
    if (pool.utilisation)
      out.push(`    utilisation: CPU ${pct(pool.utilisation.cpu)}, memory ${pct(pool.utilisation.memory)}`);
  }
  out.push(
    `  executor pod: ${fmtCpu(r.executor.cpu)}, ${fmtMem(r.executor.memory)}${r.executor.ephemeral ? `, ${fmtMem(r.executor.ephemeral)} scratch` : ''}; interpreter pod: ${fmtCpu(r.interpreter.cpu)}, ${fmtMem(r.interpreter.memory)}`,
    `  executors: ${r.executorsFit} fit; users may ask for ${r.executorsWanted} (${r.perUser.map((u) => `${u.user} ${u.executors}`).join(', ') || 'no users'} within quota)`,
  );
  for (const w of r.warnings) out.push(`  warning: ${w}`);
  for (const e of r.errors) out.push(`  error: ${e}`);
  return `${out.join('\n')}\n`;
}
