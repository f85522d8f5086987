/** What `aglais plan` tells a person (and `-o json` a script) about a rendered platform. */
import { addonsFor } from '../render/addons.js';
import { platformAddons } from '../platform/addons.js';
import { capacityOf } from '../render/index.js';
import { cloudOf } from '../clouds/registry.js';
import type { CloudFacts } from '../clouds/types.js';
import type { RenderedObject } from '../render/types.js';
import type { Platform } from '../spec/schema.js';
import { managementNamespace } from '../render/meta.js';
import { capacityReport, formatCapacity, type CapacityReport } from '../platform/capacity.js';

export interface PoolSummary {
  readonly name: string;
  readonly size: string | null;
  readonly replicas: string;
  readonly cpu: number | null;
  readonly memoryGiB: number | null;
}

export interface PlanSummary {
  readonly platform: string;
  readonly cloud: string;
  readonly kubernetes: string;
  readonly objects: readonly { target: string; stage: string; kind: string; count: number }[];
  readonly controlPlane: { readonly replicas: number; readonly size: string | null } | null;
  readonly pools: readonly PoolSummary[];
  readonly addons: readonly { name: string; chart: string; version: string; stage: string }[];
  readonly storageClasses: readonly string[];
  readonly credentials: readonly {
    secret: string;
    keys: readonly string[];
    where: string;
    written: boolean;
  }[];
  readonly facts: CloudFacts;
  /** Whether the platform fits its node pools (src/platform/capacity.ts). */
  readonly capacity: CapacityReport;
}

export function summarize(p: Platform, objects: readonly RenderedObject[]): PlanSummary {
  const { module, platform } = cloudOf(p);
  const counts = new Map<string, { target: string; stage: string; kind: string; count: number }>();
  for (const o of objects) {
    const key = `${o.target}\0${o.stage}\0${o.object.kind}`;
    const c = counts.get(key) ?? { target: o.target, stage: o.stage, kind: o.object.kind, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  const written = new Set(
    objects.filter((o) => o.object.kind === 'Secret').map((o) => o.object.metadata.name),
  );
  return {
    platform: p.metadata.name,
    cloud: p.spec.cloud.provider,
    kubernetes: p.spec.kubernetes.version,
    objects: [...counts.values()],
    controlPlane: module.capi
      ? { replicas: p.spec.controlPlane.replicas, size: p.spec.controlPlane.size ?? null }
      : null,
    pools: p.spec.nodePools.map((pool) => {
      const cap = capacityOf(module, pool);
      return {
        name: pool.name,
        size: pool.size ?? null,
        replicas: pool.autoscale
          ? `${pool.autoscale.min}-${pool.autoscale.max} (autoscaled)`
          : String(pool.replicas ?? 0),
        cpu: cap?.cpu ?? null,
        memoryGiB: cap?.memoryGiB ?? null,
      };
    }),
    addons: [...addonsFor(module, platform), ...platformAddons(p)].map((a) => ({
      name: a.name,
      chart: `${a.chartName} (${a.repoURL})`,
      version: a.version,
      stage: a.stage,
    })),
    storageClasses: objects
      .filter((o) => o.object.kind === 'StorageClass')
      .map((o) => o.object.metadata.name),
    credentials: module.credentials(platform).map((c) => ({
      secret: c.name,
      keys: c.keys,
      where:
        c.workloadNamespace === undefined
          ? `management cluster, ${c.managementNamespace ?? managementNamespace(p)}`
          : `workload cluster, ${c.workloadNamespace}`,
      written: written.has(c.name),
    })),
    facts: module.facts(platform),
    capacity: capacityReport(p),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatSummary(s: PlanSummary): string {
  const out: string[] = [];
  out.push(`Platform ${s.platform} on ${s.facts.title} (Kubernetes ${s.kubernetes})`);
  out.push('');
  out.push('Objects:');
  out.push(
    table([
      ['TARGET', 'STAGE', 'KIND', 'COUNT'],
      ...s.objects.map((o) => [o.target, o.stage, o.kind, String(o.count)]),
    ]),
  );
  out.push('');
  out.push('Machines:');
  const rows = [['POOL', 'SIZE', 'MACHINES', 'CPU', 'MEMORY']];
  if (s.controlPlane)
    rows.push(['(control plane)', s.controlPlane.size ?? '-', String(s.controlPlane.replicas), '', '']);
  for (const p of s.pools)
    rows.push([
      p.name,
      p.size ?? '-',
      p.replicas,
      p.cpu === null ? '?' : String(p.cpu),
      p.memoryGiB === null ? '?' : `${p.memoryGiB}Gi`,
    ]);
  out.push(table(rows));
  out.push('');
  out.push('Addons:');
  out.push(
    table([
      ['ADDON', 'CHART', 'VERSION', 'STAGE'],
      ...s.addons.map((a) => [a.name, a.chart, a.version, a.stage]),
    ]),
  );
  out.push('');
  const f = s.facts;
  out.push('Cloud services:');
  out.push(
    table([
      ['cloud controller manager', f.ccm ?? 'none'],
      [
        'block storage (RWO)',
        f.blockStorage
          ? `${f.blockStorage.storageClass || '(cluster default)'} — ${f.blockStorage.driver}`
          : 'none',
      ],
      [
        'shared storage (RWX)',
        f.sharedStorage ? `${f.sharedStorage.storageClass} — ${f.sharedStorage.driver}` : 'none',
      ],
      [
        'object store',
        f.objectStore ? `${f.objectStore.name}${f.objectStore.s3 ? '' : ' (not S3)'}` : 'none',
      ],
      ['load balancer', f.loadBalancer ?? 'none'],
      ['storage classes rendered', s.storageClasses.join(', ') || 'none'],
    ]),
  );
  if (f.substitutes.length) {
    out.push('');
    out.push(`What ${f.title} does not provide, and what is used instead:`);
    for (const x of f.substitutes) out.push(`  - ${x.missing}: ${x.instead}`);
  }
  if (s.credentials.length) {
    out.push('');
    out.push('Credentials (Secrets):');
    for (const c of s.credentials) {
      out.push(
        `  - ${c.secret} in the ${c.where}: keys ${c.keys.join(', ')}${c.written ? ' (written)' : ' (referenced, not written; --include-secrets writes it)'}`,
      );
    }
  }
  out.push('', formatCapacity(s.capacity).trimEnd());
  return `${out.join('\n')}\n`;
}
