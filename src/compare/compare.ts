/**
 * `aglais compare`: the same platform on several clouds, side by side. For the
 * spec's own cloud its settings are used; for the others, each module's minimal
 * settings. Machine sizes are matched by capacity: the smallest size of the
 * other cloud with at least the CPU and memory of the spec's machines.
 */
import { cloudChecks } from '../clouds/checks.js';
import { cloudModule } from '../clouds/registry.js';
import type { CloudFacts, MachineCapacity } from '../clouds/types.js';
import { capacityOf } from '../render/index.js';
import { cloudSchema, type CloudSpec, type Provider } from '../spec/cloud.js';
import { formatPath } from '../spec/issues.js';
import type { Platform } from '../spec/schema.js';
import { ExitCode, UserError } from '../cli/errors.js';

export interface CloudColumn {
  readonly cloud: Provider;
  readonly facts: CloudFacts;
  /** Pool name (or '(control plane)') → size on this cloud, or why none fits. */
  readonly sizes: Readonly<Record<string, string>>;
  /** Spec parts this cloud cannot provide as written. */
  readonly problems: readonly string[];
}

/** Smallest size covering `need` (by memory, then CPU), or undefined. */
export function matchSize(
  sizes: Readonly<Record<string, MachineCapacity>>,
  need: MachineCapacity,
): string | undefined {
  return Object.entries(sizes)
    .filter(([, c]) => c.cpu >= need.cpu && c.memoryGiB >= need.memoryGiB)
    .sort(([an, a], [bn, b]) => a.memoryGiB - b.memoryGiB || a.cpu - b.cpu || an.localeCompare(bn))[0]?.[0];
}

const credentials = { secretName: 'cloud-credentials' };
const someUUID = '00000000-0000-4000-8000-000000000000';
/** Stand-in settings for clouds whose module gives none (they only shape the facts shown). */
const fallbackSettings: Partial<Record<Provider, Record<string, unknown>>> = {
  openstack: { credentials, image: { name: 'ubuntu-jammy' } },
  digitalocean: { credentials, region: 'ams3', image: 'ubuntu-22-04-x64' },
  linode: { credentials, region: 'eu-central' },
  aws: { credentials, region: 'eu-west-2' },
  azure: {
    credentials,
    subscriptionID: someUUID,
    tenantID: someUUID,
    clientID: someUUID,
    location: 'uksouth',
  },
};

function onCloud(p: Platform, cloud: Provider): Platform | string {
  if (cloud === p.spec.cloud.provider) return p;
  const settings = { ...fallbackSettings[cloud], ...cloudModule(cloud).compareSettings, provider: cloud };
  const parsed = cloudSchema.safeParse(settings);
  if (!parsed.success)
    return `no stand-in settings for ${cloud}: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`;
  return { ...p, spec: { ...p.spec, cloud: parsed.data as CloudSpec } } as Platform;
}

export function compare(p: Platform, clouds: readonly Provider[]): CloudColumn[] {
  const own = cloudModule(p.spec.cloud.provider);
  const machines: [string, MachineCapacity | undefined, string | undefined][] = [
    [
      '(control plane)',
      p.spec.controlPlane.size === undefined ? undefined : own.sizes[p.spec.controlPlane.size],
      p.spec.controlPlane.size,
    ],
    ...p.spec.nodePools.map((pool): [string, MachineCapacity | undefined, string | undefined] => [
      pool.name,
      capacityOf(own, pool),
      pool.size,
    ]),
  ];
  return clouds.map((cloud) => {
    const module = cloudModule(cloud);
    const q = onCloud(p, cloud);
    if (typeof q === 'string') throw new Error(`compare: ${q}`);
    const sizes: Record<string, string> = {};
    for (const [name, need, size] of machines) {
      if (cloud === p.spec.cloud.provider) sizes[name] = size ?? '-';
      else if (cloud === 'dev') sizes[name] = 'any (simulated)';
      else if (Object.keys(module.sizes).length === 0)
        sizes[name] = module.capi ? 'site flavor (give capacity)' : 'as found';
      else if (need === undefined) sizes[name] = '? (capacity unknown)';
      else sizes[name] = matchSize(module.sizes, need) ?? `none ≥ ${need.cpu} CPU, ${need.memoryGiB}Gi`;
    }
    const problems = cloudChecks(q)
      .filter(
        (i) =>
          i.path[1] !== 'cloud' &&
          !(i.path[1] === 'controlPlane' || String(i.message).includes('needs a size')),
      )
      .map((i) => `${formatPath(i.path)}: ${i.message}`);
    return { cloud, facts: module.facts(q as never), sizes, problems };
  });
}

export function parseClouds(list: string, known: readonly string[]): Provider[] {
  const out = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = out.filter((c) => !known.includes(c));
  if (bad.length)
    throw new UserError(
      `compare: unknown cloud ${bad.map((b) => `"${b}"`).join(', ')}: expected some of ${known.join(', ')}`,
      ExitCode.usage,
    );
  if (out.length === 0)
    throw new UserError(`compare: --clouds is empty: expected some of ${known.join(', ')}`, ExitCode.usage);
  return out as Provider[];
}

function cell(s: string | null | undefined): string {
  return s === null || s === undefined || s === '' ? '—' : s;
}

export function formatComparison(p: Platform, cols: readonly CloudColumn[]): string {
  const rows: string[][] = [['', ...cols.map((c) => c.facts.title)]];
  rows.push([
    'Cluster API provider',
    ...cols.map((c) => cell(c.facts.capiProvider ?? 'none (existing cluster)')),
  ]);
  for (const name of Object.keys(cols[0]?.sizes ?? {}))
    rows.push([`size: ${name}`, ...cols.map((c) => cell(c.sizes[name]))]);
  rows.push(['cloud controller manager', ...cols.map((c) => cell(c.facts.ccm))]);
  rows.push(['block storage (RWO)', ...cols.map((c) => cell(c.facts.blockStorage?.driver))]);
  rows.push(['shared storage (RWX)', ...cols.map((c) => cell(c.facts.sharedStorage?.driver))]);
  rows.push([
    'object store',
    ...cols.map((c) =>
      cell(
        c.facts.objectStore
          ? `${c.facts.objectStore.name}${c.facts.objectStore.s3 ? '' : ' (not S3)'}`
          : null,
      ),
    ),
  ]);
  rows.push(['load balancer', ...cols.map((c) => cell(c.facts.loadBalancer))]);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const out = [`Platform ${p.metadata.name} on ${cols.length} clouds`, ''];
  for (const r of rows)
    out.push(
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  for (const c of cols) {
    const notes = [
      ...c.facts.substitutes.map((s) => `${s.missing}: ${s.instead}`),
      ...c.problems.map((x) => `cannot as written — ${x}`),
    ];
    if (notes.length === 0) continue;
    out.push('', `${c.facts.title}:`);
    for (const n of notes) out.push(`  - ${n}`);
  }
  return `${out.join('\n')}\n`;
}
