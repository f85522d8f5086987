/**
 * Checks that need the whole spec: names that must be unique, ranges, references
 * between sections, and what the chosen cloud can provide. Each problem carries
 * the path it is about so that it can be located in the file.
 */
import type { Platform } from './schema.js';
import type { RawIssue } from './zod-issues.js';

/** Kubernetes minor releases that Cluster API v1.14 manages as workload clusters. */
export const supportedKubernetesMinors = { min: 31, max: 35 } as const;

function duplicates<T>(
  items: readonly T[],
  key: (t: T) => string,
  at: (i: number) => RawIssue['path'],
  what: string,
): RawIssue[] {
  const seen = new Map<string, number>();
  const out: RawIssue[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else out.push({ path: at(i), message: `duplicate ${what} "${k}" (also at index ${first})` });
  });
  return out;
}

export function checkCluster(p: Platform): RawIssue[] {
  const out: RawIssue[] = [];
  const s = p.spec;
  const m = /^v1\.(\d+)\.\d+$/.exec(s.kubernetes.version);
  const minor = m ? Number(m[1]) : NaN;
  if (!m || minor < supportedKubernetesMinors.min || minor > supportedKubernetesMinors.max) {
    out.push({
      path: ['spec', 'kubernetes', 'version'],
      message: `Kubernetes ${s.kubernetes.version} is not supported: expected v1.${supportedKubernetesMinors.min}.x to v1.${supportedKubernetesMinors.max}.x`,
    });
  }
  const cp = s.controlPlane.replicas;
  if (cp > 1 && cp % 2 === 0) {
    out.push({
      path: ['spec', 'controlPlane', 'replicas'],
      message: `a highly available control plane needs an odd number of machines (etcd quorum): expected 1, 3 or 5, got ${cp}`,
    });
  }
  out.push(
    ...duplicates(
      s.nodePools,
      (n) => n.name,
      (i) => ['spec', 'nodePools', i, 'name'],
      'node pool name',
    ),
  );
  s.nodePools.forEach((pool, i) => {
    const at = ['spec', 'nodePools', i];
    if (pool.replicas !== undefined && pool.autoscale !== undefined) {
      out.push({ path: [...at, 'autoscale'], message: 'give either replicas or autoscale, not both' });
    }
    if (pool.replicas === undefined && pool.autoscale === undefined) {
      out.push({
        path: [...at, 'name'],
        message: `pool "${pool.name}" needs replicas or autoscale {min, max}`,
      });
    }
    if (pool.autoscale && pool.autoscale.min > pool.autoscale.max) {
      out.push({
        path: [...at, 'autoscale', 'min'],
        message: `autoscale min ${pool.autoscale.min} is greater than max ${pool.autoscale.max}`,
      });
    }
    pool.taints.forEach((t, j) => {
      if (t.key.startsWith('node-role.kubernetes.io/')) {
        out.push({
          path: [...at, 'taints', j, 'key'],
          message: `taint key "${t.key}" is reserved for Kubernetes roles`,
        });
      }
    });
  });
  return out;
}

export function checkPlatform(p: Platform): RawIssue[] {
  const out: RawIssue[] = [];
  const s = p.spec;
  const pools = new Set(s.nodePools.map((n) => n.name));
  for (const role of ['platform', 'interpreters', 'executors'] as const) {
    const name = s.platform.placement[role];
    if (name !== undefined && !pools.has(name)) {
      out.push({
        path: ['spec', 'platform', 'placement', role],
        message: `no node pool named "${name}" (pools: ${[...pools].join(', ')})`,
      });
    }
  }
  const ex = s.platform.spark.executor;
  if (ex.min > ex.max) {
    out.push({
      path: ['spec', 'platform', 'spark', 'executor', 'min'],
      message: `executor min ${ex.min} is greater than max ${ex.max}`,
    });
  }
  out.push(
    ...duplicates(
      s.datasets,
      (d) => d.name,
      (i) => ['spec', 'datasets', i, 'name'],
      'data set name',
    ),
  );
  out.push(
    ...duplicates(
      s.datasets,
      (d) => d.mountPath,
      (i) => ['spec', 'datasets', i, 'mountPath'],
      'mount path',
    ),
  );
  s.datasets.forEach((d, i) => {
    s.datasets.forEach((o, j) => {
      if (i !== j && d.mountPath.startsWith(`${o.mountPath.replace(/\/$/, '')}/`)) {
        out.push({
          path: ['spec', 'datasets', i, 'mountPath'],
          message: `mount path ${d.mountPath} is inside data set "${o.name}" (${o.mountPath})`,
        });
      }
    });
    const src = d.source;
    if (src.type === 'manila' && (src.shareName === undefined) === (src.shareID === undefined)) {
      out.push({
        path: ['spec', 'datasets', i, 'source'],
        message: 'a Manila source needs shareName or shareID, exactly one of them',
      });
    }
    out.push(
      ...duplicates(
        d.tables,
        (t) => `${t.database ?? d.database ?? 'default'}.${t.name}`,
        (j) => ['spec', 'datasets', i, 'tables', j, 'name'],
        'table',
      ),
    );
    d.tables.forEach((t, j) => {
      if (t.database === undefined && d.database === undefined) {
        out.push({
          path: ['spec', 'datasets', i, 'tables', j],
          message: `table "${t.name}" needs a database (here or on the data set)`,
        });
      }
      for (const c of t.bucketing?.sortedBy ?? []) {
        if (t.partitionedBy.includes(c)) {
          out.push({
            path: ['spec', 'datasets', i, 'tables', j, 'bucketing', 'sortedBy'],
            message: `column "${c}" cannot be both a partition and a sort column`,
          });
        }
      }
    });
  });
  out.push(
    ...duplicates(
      s.users,
      (u) => u.name,
      (i) => ['spec', 'users', i, 'name'],
      'user name',
    ),
  );
  if (s.platform.auth.type === 'shiro') {
    s.users.forEach((u, i) => {
      if (u.passwordHash === undefined) {
        out.push({
          path: ['spec', 'users', i, 'name'],
          message: `user "${u.name}" needs a passwordHash with shiro auth (make one with 'aglais hash-password')`,
        });
      }
    });
  }
  return out;
}
