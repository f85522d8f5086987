/**
 * The status tree, like `clusterctl describe cluster`: cluster → control plane
 * → machine deployments → machines → addons → platform components, each
 * not-ready item with its reason and message, and a one-line verdict. Pure:
 * built from objects already read, so it is tested without a cluster.
 */
import { conditions, problems, readiness, type Readiness } from '../kube/readiness.js';

export interface StatusNode {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly ready: boolean;
  readonly reason?: string;
  readonly message?: string;
  /** Short facts: replica counts, node name, phase. */
  readonly detail?: string;
  readonly children: readonly StatusNode[];
}

export interface Obj {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly generation?: number;
    readonly deletionTimestamp?: string;
  };
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
}

export interface StatusInput {
  readonly platform: string;
  readonly cluster?: Obj;
  readonly controlPlane?: Obj;
  readonly machineDeployments: readonly Obj[];
  readonly machines: readonly Obj[];
  readonly addons: readonly Obj[];
  /** Platform components in the workload cluster (Deployments, StatefulSets, ...). */
  readonly components: readonly Obj[];
  /** Why the workload cluster could not be read, if it could not. */
  readonly workloadError?: string;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** CAPI's summary messages are bulleted lists over several lines; a tree row holds one. */
const oneLine = (m: string | undefined) => m?.replace(/\s*\n\s*/g, ' ').trim();

function node(o: Obj, r: Readiness, detail: string | undefined, children: StatusNode[] = []): StatusNode {
  // The first failing sub-condition says more than the summary one.
  const p = r.ready ? undefined : problems(o).find((c) => c.message);
  return {
    kind: o.kind ?? '?',
    name: o.metadata.name,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    ready: r.ready,
    ...(r.ready ? {} : { reason: p?.reason ?? r.reason, message: oneLine(p?.message ?? r.message) }),
    ...(detail ? { detail } : {}),
    children,
  };
}

const group = (name: string, children: StatusNode[]): StatusNode => ({
  kind: '',
  name,
  ready: children.every((c) => c.ready),
  children,
});

function machineNode(m: Obj): StatusNode {
  const nodeRef = (m.status?.['nodeRef'] as { name?: string } | undefined)?.name;
  const phase = m.status?.['phase'];
  const detail = [typeof phase === 'string' ? phase : undefined, nodeRef ? `node ${nodeRef}` : undefined]
    .filter(Boolean)
    .join(', ');
  return node(m, readiness(m), detail || undefined);
}

function replicaDetail(o: Obj): string {
  const s = o.status ?? {};
  const want = num(o.spec?.['replicas'] ?? 1);
  return `${num(s['readyReplicas'])}/${want} ready, ${num(s['upToDateReplicas'] ?? s['updatedReplicas'])} up to date`;
}

export function buildTree(input: StatusInput): StatusNode {
  const byLabel = (label: string, value: string) =>
    input.machines.filter((m) => m.metadata.labels?.[label] === value);
  const children: StatusNode[] = [];
  if (input.controlPlane) {
    const cpMachines = input.machines.filter(
      (m) => m.metadata.labels?.['cluster.x-k8s.io/control-plane'] !== undefined,
    );
    children.push(
      node(
        input.controlPlane,
        readiness(input.controlPlane),
        replicaDetail(input.controlPlane),
        cpMachines.map(machineNode),
      ),
    );
  }
  for (const md of input.machineDeployments) {
    children.push(
      node(
        md,
        readiness(md),
        replicaDetail(md),
        byLabel('cluster.x-k8s.io/deployment-name', md.metadata.name).map(machineNode),
      ),
    );
  }
  if (input.addons.length)
    children.push(
      group(
        'Addons',
        input.addons.map((a) => node(a, readiness(a), undefined)),
      ),
    );
  if (input.workloadError) {
    children.push({
      kind: '',
      name: 'Platform components',
      ready: false,
      reason: 'WorkloadUnreachable',
      message: input.workloadError,
      children: [],
    });
  } else if (input.components.length) {
    children.push(
      group(
        'Platform components',
        input.components.map((c) =>
          node(c, readiness(c), c.spec?.['replicas'] === undefined ? undefined : replicaDetail(c)),
        ),
      ),
    );
  }
  if (!input.cluster) {
    return {
      kind: 'Platform',
      name: input.platform,
      ready: children.length > 0 && children.every((c) => c.ready),
      children,
    };
  }
  const c = input.cluster;
  const r = readiness(c);
  return { ...node(c, r, conditions(c).length ? undefined : 'no conditions yet'), children };
}

/** All nodes, depth first. */
function walk(n: StatusNode, out: StatusNode[] = []): StatusNode[] {
  out.push(n);
  for (const c of n.children) walk(c, out);
  return out;
}

/** Everything in the tree is ready (the root's own row says only whether the Cluster is). */
export function allReady(root: StatusNode): boolean {
  return walk(root).every((n) => n.ready);
}

/** The one-line verdict: ready, or the first thing not ready (deepest first: it is the cause). */
export function verdict(root: StatusNode): string {
  const all = walk(root);
  if (all.every((n) => n.ready)) {
    const machines = all.filter((n) => n.kind === 'Machine').length;
    return `Ready: platform ${root.name} is up (${machines} machines, ${all.filter((n) => n.kind.startsWith('Helm')).length} addons, ${all.length - 1 - machines} other items ready).`;
  }
  const leaves = all.filter((n) => !n.ready && n.kind !== '' && n.children.every((c) => c.ready));
  const first = leaves[0] ?? all.find((n) => !n.ready) ?? root;
  const what = first.kind ? `${first.kind} ${first.name}` : first.name;
  const more = all.filter((n) => !n.ready && n.kind !== '').length - 1;
  return `Not ready: waiting on ${what}${first.reason ? `: ${first.reason}` : ''}${first.message ? `: ${first.message}` : ''}${more > 0 ? ` (and ${more} more not ready)` : ''}.`;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export function formatTree(root: StatusNode, color: boolean): string {
  const lines: string[] = [];
  const label = (n: StatusNode) =>
    n.kind ? `${n.kind} ${n.namespace && n.kind === 'Cluster' ? `${n.namespace}/` : ''}${n.name}` : n.name;
  const rows: { text: string; n: StatusNode }[] = [];
  const visit = (n: StatusNode, prefix: string, childPrefix: string) => {
    rows.push({ text: `${prefix}${label(n)}`, n });
    n.children.forEach((c, i) => {
      const last = i === n.children.length - 1;
      visit(c, `${childPrefix}${last ? '└─ ' : '├─ '}`, `${childPrefix}${last ? '   ' : '│  '}`);
    });
  };
  visit(root, '', '');
  const width = Math.min(70, Math.max(...rows.map((r) => r.text.length)) + 2);
  for (const { text, n } of rows) {
    const state = n.ready ? paint(color, '32', 'Ready') : paint(color, '31', n.reason ?? 'NotReady');
    const tail = [n.detail, n.ready ? undefined : n.message].filter(Boolean).join('  ');
    lines.push(`${text.padEnd(width)}${state}${tail ? `  ${tail}` : ''}`);
  }
  lines.push('', verdict(root));
  return `${lines.join('\n')}\n`;
}
