/**
 * The seam between the cluster renderer and the platform layer (Zeppelin,
 * Spark, data sets, users). The platform layer implements {@link PlatformLayer};
 * the cluster renderer calls it and never knows what the platform contains.
 */
import type { CloudFacts } from '../clouds/types.js';
import type { Platform } from '../spec/schema.js';
import type { RenderedObject } from './types.js';

/** What every worker node needs at boot for the platform (kubeadm files, commands, mounts). */
export interface NodeSetup {
  readonly files: readonly Record<string, unknown>[];
  readonly preKubeadmCommands: readonly string[];
  readonly mounts: readonly string[][];
}

export const noNodeSetup: NodeSetup = { files: [], preKubeadmCommands: [], mounts: [] };

/** What the platform layer is told about the cluster it lands on. */
export interface ClusterContext {
  readonly facts: CloudFacts;
  /** StorageClass names for RWO and RWX volumes ('' when there is none). */
  readonly blockStorageClass: string;
  readonly sharedStorageClass: string;
  /** IngressClass name of the ingress controller. */
  readonly ingressClass: string;
}

export interface PlatformLayer {
  nodeSetup(p: Platform): NodeSetup;
  /** Workload-cluster objects (stages 'storage' and 'platform'). */
  objects(p: Platform, cluster: ClusterContext): RenderedObject[];
}
