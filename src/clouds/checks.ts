/** Spec checks that depend on the chosen cloud. */
import type { Platform } from '../spec/schema.js';
import type { RawIssue } from '../spec/zod-issues.js';
import { cloudOf } from './registry.js';

export function cloudChecks(p: Platform): RawIssue[] {
  const { module, platform } = cloudOf(p);
  const out: RawIssue[] = [];
  const provider = p.spec.cloud.provider;
  const facts = module.facts(platform);
  // Every CAPI cloud but dev picks machines by a size name (flavor, slug, instance type).
  if (module.capi !== undefined && provider !== 'dev') {
    if (p.spec.controlPlane.size === undefined) {
      out.push({
        path: ['spec', 'controlPlane'],
        message: `controlPlane.size is required on ${provider} (${facts.title} machine size)`,
      });
    }
    p.spec.nodePools.forEach((pool, i) => {
      if (pool.size === undefined)
        out.push({
          path: ['spec', 'nodePools', i, 'name'],
          message: `pool "${pool.name}" needs a size on ${provider}`,
        });
    });
  }
  p.spec.datasets.forEach((d, i) => {
    const at = ['spec', 'datasets', i, 'source', 'type'];
    const t = d.source.type;
    if (t === 'manila' && provider !== 'openstack') {
      out.push({
        path: at,
        message: `a Manila share needs OpenStack; ${provider} cannot provide it (use nfs, cephfs, pvc or s3)`,
      });
    }
    if (t === 'hostPath' && provider !== 'dev') {
      out.push({
        path: at,
        message: `hostPath data sets are for dev clusters only; on ${provider} use nfs, cephfs, pvc or s3`,
      });
    }
    if (
      t === 's3' &&
      d.source.endpoint === undefined &&
      (facts.objectStore === null || !facts.objectStore.s3)
    ) {
      out.push({
        path: ['spec', 'datasets', i, 'source'],
        message: `${provider} has no S3-compatible object store of its own${facts.objectStore ? ` (${facts.objectStore.name})` : ''}: give source.endpoint`,
      });
    }
  });
  out.push(...module.check(platform));
  return out;
}
