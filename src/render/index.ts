/**
 * render(spec) → Kubernetes objects, pure and deterministic: no I/O, no clock,
 * no randomness. Objects come out in apply order (by stage, then as each
 * renderer emits them), each tagged with its target cluster.
 */
import { cloudOf } from '../clouds/registry.js';
import type { CloudModule, PlatformOn } from '../clouds/types.js';
import { platformLayer as defaultLayer } from '../platform/index.js';
import type { CloudSpec, Provider } from '../spec/cloud.js';
import type { Platform } from '../spec/schema.js';
import { ingressClassName, renderAddons } from './addons.js';
import { renderCapi } from './capi.js';
import { renderSecrets, type SecretValues } from './secrets.js';
import { noNodeSetup, type ClusterContext, type PlatformLayer } from './seam.js';
import { stages, type RenderedObject } from './types.js';
import { platformLabel } from './meta.js';

export interface RenderOptions {
  /**
   * Credential values by Secret name, read by the caller from the files and
   * environment the spec names. Secrets are rendered only when this is given.
   * Default: none (Secrets are referenced, never written).
   */
  readonly secrets?: SecretValues;
  /** The platform layer. Default: aglais's own (src/platform). */
  readonly platformLayer?: PlatformLayer;
}

export function clusterContext<P extends Provider>(module: CloudModule<P>, p: PlatformOn<P>): ClusterContext {
  const facts = module.facts(p);
  const cloud: CloudSpec = p.spec.cloud;
  const existing = cloud.provider === 'existing' ? cloud : undefined;
  return {
    facts,
    blockStorageClass: facts.blockStorage?.storageClass ?? '',
    sharedStorageClass: facts.sharedStorage?.storageClass ?? '',
    ingressClass: existing?.ingressClass ?? ingressClassName,
  };
}

export function render(spec: Platform, options: RenderOptions = {}): RenderedObject[] {
  const { module, platform } = cloudOf(spec);
  const layer = options.platformLayer ?? defaultLayer;
  const out: RenderedObject[] = [];
  if (options.secrets) out.push(...renderSecrets(platform, module.credentials(platform), options.secrets));
  if (module.capi) {
    out.push(
      ...renderCapi({
        platform,
        cloud: module.capi,
        capacity: (pool) => capacityOf(module, pool),
        nodeSetup: layer.nodeSetup(platform) ?? noNodeSetup,
        clusterLabels: { [platformLabel]: platform.metadata.name },
      }),
    );
  }
  out.push(...renderAddons(module, platform));
  out.push(
    ...module
      .storageClasses(platform)
      .map((object): RenderedObject => ({ target: 'workload', stage: 'storage', object })),
  );
  out.push(...layer.objects(platform, clusterContext(module, platform)));
  // Stable order: by stage, keeping each renderer's own order within a stage.
  return out
    .map((o, i) => ({ o, i }))
    .sort((a, b) => stages.indexOf(a.o.stage) - stages.indexOf(b.o.stage) || a.i - b.i)
    .map(({ o }) => o);
}

/** Capacity of a pool's machines: the spec's own figures, else the cloud's size table. */
export function capacityOf<P extends Provider>(
  module: CloudModule<P>,
  pool: { size?: string; capacity?: { cpu: number; memory: string; ephemeralStorage?: string } },
): { cpu: number; memoryGiB: number; ephemeralGiB?: number } | undefined {
  if (pool.capacity) {
    const eph = pool.capacity.ephemeralStorage;
    return {
      cpu: pool.capacity.cpu,
      memoryGiB: toGiB(pool.capacity.memory),
      ...(eph === undefined ? {} : { ephemeralGiB: toGiB(eph) }),
    };
  }
  return pool.size === undefined ? undefined : module.sizes[pool.size];
}

const units: Record<string, number> = {
  '': 1 / 2 ** 30,
  Ki: 1 / 2 ** 20,
  Mi: 1 / 1024,
  Gi: 1,
  Ti: 1024,
  Pi: 2 ** 20,
  k: 1e3 / 2 ** 30,
  M: 1e6 / 2 ** 30,
  G: 1e9 / 2 ** 30,
  T: 1e12 / 2 ** 30,
  P: 1e15 / 2 ** 30,
};

/** `44Gi` → 44; `512Mi` → 0.5. */
export function toGiB(size: string): number {
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(size);
  const factor = m ? units[m[2] ?? ''] : undefined;
  if (!m || factor === undefined) throw new Error(`render: not a size: ${size}`);
  return Number(m[1]) * factor;
}
