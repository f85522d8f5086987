/**
 * What render produces: plain Kubernetes objects, each tagged with the cluster it
 * is applied to and the apply stage it belongs to. Render is pure: no I/O, no
 * clock, no randomness; the same spec always gives the same list in the same order.
 */

/** Any Kubernetes object, as it would be written in a manifest. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Which cluster an object is applied to. */
export type Target = 'management' | 'workload';

/**
 * Apply stages, in order. A stage is applied (and waited on) before the next one.
 * - `credentials`: Secrets holding cloud credentials (only with --include-secrets).
 * - `cluster`: the CAPI Cluster, control plane, infra cluster, machine templates, pools.
 * - `addons-ready`: addons the cluster needs to become Ready (CNI, cloud controller manager).
 * - `addons`: addons installed once it is Ready (CSI, ingress controller, cert-manager, ...).
 * - `storage`: StorageClasses and static PersistentVolumes in the workload cluster.
 * - `platform`: the analysis platform (namespaces, Zeppelin, Spark, data sets, users).
 */
export const stages = ['credentials', 'cluster', 'addons-ready', 'addons', 'storage', 'platform'] as const;
export type Stage = (typeof stages)[number];

export interface RenderedObject {
  readonly target: Target;
  readonly stage: Stage;
  readonly object: KubernetesObject;
}
