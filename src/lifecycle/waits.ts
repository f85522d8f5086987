/**
 * The waits of `up`: each names what it waits for and reports, as it changes,
 * the reason and message of what is still missing.
 */
import type { KubernetesObject } from '../render/types.js';
import { refOf } from '../kube/apply.js';
import type { KubeClient } from '../kube/client.js';
import { kubeConfigFromString } from '../kube/config.js';
import { controlPlaneInitialized, readiness, worthWaiting, type Readiness } from '../kube/readiness.js';
import { describeRef, type ObjectRef } from '../kube/resources.js';
import { waitFor, type WaitOptions } from '../kube/wait.js';
import type { KubeConfig } from '@kubernetes/client-node';

export interface WaitContext {
  readonly deadline: number;
  readonly signal?: AbortSignal;
}

function opts(ctx: WaitContext, what: string, update: (m: string) => void): WaitOptions {
  return {
    deadline: ctx.deadline,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onProgress: (r: Readiness) =>
      update(`${what}: ${r.reason ?? 'waiting'}${r.message ? `: ${r.message}` : ''}`),
  };
}

const absent: Readiness = { ready: false, reason: 'NotFound', message: 'does not exist (yet)' };

/** Waits for each object (of the kinds worth waiting for) to be ready, one after another. */
export async function waitReady(
  client: KubeClient,
  objects: readonly KubernetesObject[],
  ctx: WaitContext,
  update: (m: string) => void,
): Promise<void> {
  for (const o of objects.filter(worthWaiting)) {
    const ref = refOf(o);
    await waitFor(
      client,
      ref,
      (live) => (live ? readiness(live) : absent),
      opts(ctx, describeRef(ref), update),
    );
  }
}

/** Waits until the Cluster's control plane is initialised (its API server answers). */
export async function waitControlPlane(
  client: KubeClient,
  cluster: ObjectRef,
  ctx: WaitContext,
  update: (m: string) => void,
): Promise<void> {
  await waitFor(
    client,
    cluster,
    (live) => (live ? controlPlaneInitialized(live) : absent),
    opts(ctx, `${describeRef(cluster)} control plane`, update),
  );
}

/**
 * The workload cluster's kubeconfig from CAPI's `<cluster>-kubeconfig` Secret
 * (key `value`), waiting for the Secret to appear.
 */
export async function workloadKubeconfig(
  client: KubeClient,
  cluster: ObjectRef,
  ctx: WaitContext,
  update: (m: string) => void,
): Promise<{ text: string; kc: KubeConfig }> {
  const ref: ObjectRef = {
    apiVersion: 'v1',
    kind: 'Secret',
    name: `${cluster.name}-kubeconfig`,
    namespace: cluster.namespace ?? 'default',
  };
  const secret = await waitFor(
    client,
    ref,
    (live) => {
      const value = (live as { data?: Record<string, string> } | undefined)?.data?.['value'];
      return value
        ? { ready: true }
        : live
          ? { ready: false, reason: 'NoValue', message: 'has no key value yet' }
          : absent;
    },
    opts(ctx, describeRef(ref), update),
  );
  const text = Buffer.from(
    (secret as { data?: Record<string, string> } | undefined)?.data?.['value'] ?? '',
    'base64',
  ).toString('utf8');
  return { text, kc: kubeConfigFromString(text, `Secret ${ref.namespace}/${ref.name} key value`) };
}
