/**
 * What every lifecycle command starts from: the spec, its rendering, and a
 * client for the cluster that holds the platform's objects (the management
 * cluster, or for `existing` clouds the cluster itself).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { render } from '../render/index.js';
import { managementNamespace } from '../render/meta.js';
import type { RenderedObject } from '../render/types.js';
import { readSecretValues } from '../secrets/read.js';
import { loadSpec } from '../spec/load.js';
import type { Platform } from '../spec/schema.js';
import { makeClient, type KubeClient } from '../kube/client.js';
import { loadKubeConfig } from '../kube/config.js';
import type { ObjectRef } from '../kube/resources.js';

export interface ConnectOptions {
  /** As kubectl's --kubeconfig. For `existing` clouds default: the spec's kubeconfig.file. */
  readonly kubeconfig?: string;
  /** As kubectl's --context. */
  readonly context?: string;
  /** Environment for credential variables. Default: process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface Session {
  readonly platform: Platform;
  readonly name: string;
  /** Namespace of the CAPI objects in the management cluster. */
  readonly namespace: string;
  readonly objects: readonly RenderedObject[];
  /** True when Cluster API manages the cluster (every cloud but `existing`). */
  readonly capi: boolean;
  /** The CAPI Cluster object, when there is one. */
  readonly cluster?: ObjectRef;
  /** The management cluster (or the existing cluster). */
  readonly mgmt: KubeClient;
  /** A second client for the lock, so its renewals never count as platform writes. */
  readonly lockClient: KubeClient;
  /** Why workload objects are not applied, when they are not. */
  readonly workloadSkipped?: string;
  close(): void;
}

/** Default path of the workload kubeconfig: ~/.kube/aglais/<platform>.kubeconfig. */
export function defaultWorkloadKubeconfig(name: string): string {
  return join(homedir(), '.kube', 'aglais', `${name}.kubeconfig`);
}

export async function openSession(
  specPath: string,
  opts: ConnectOptions & { readonly withSecrets?: boolean },
): Promise<Session> {
  const { platform } = await loadSpec(specPath);
  // A spec may name a credential Secret made beforehand (no fromFile/fromEnv):
  // then nothing is read here, and preflight checks that the Secret exists.
  const cloud = platform.spec.cloud;
  const source = 'credentials' in cloud ? cloud.credentials : undefined;
  const readable = source?.fromFile !== undefined || source?.fromEnv !== undefined;
  const secrets =
    opts.withSecrets === false || !readable
      ? undefined
      : await readSecretValues(platform, opts.env ?? process.env);
  const objects = render(platform, secrets ? { secrets } : {});
  return connect(platform, objects, opts);
}

export function connect(
  platform: Platform,
  objects: readonly RenderedObject[],
  opts: ConnectOptions,
): Session {
  const cloud = platform.spec.cloud;
  const existing = cloud.provider === 'existing' ? cloud : undefined;
  const kubeconfig = opts.kubeconfig ?? existing?.kubeconfig.file;
  const context = opts.context ?? existing?.kubeconfig.context;
  const kc = loadKubeConfig({
    ...(kubeconfig ? { kubeconfig: kubeconfig.replace(/^~\//, `${homedir()}/`) } : {}),
    ...(context ? { context } : {}),
  });
  const mgmt = makeClient(kc);
  const lockClient = makeClient(kc);
  // CAPD's in-memory backend simulates the workload API server, which serves a
  // few kinds and no server-side apply: platform objects cannot land there.
  const simulated = cloud.provider === 'dev' && cloud.backend === 'inMemory';
  const workloadCount = objects.filter((o) => o.target === 'workload').length;
  const kept = simulated ? objects.filter((o) => o.target !== 'workload') : objects;
  const c = objects.find(
    (o) => o.object.kind === 'Cluster' && o.object.apiVersion.startsWith('cluster.x-k8s.io/'),
  );
  return {
    platform,
    name: platform.metadata.name,
    namespace: managementNamespace(platform),
    // For clusters made elsewhere everything lands in the one cluster there is.
    objects: existing ? objects.map((o) => ({ ...o, target: 'workload' as const })) : kept,
    ...(simulated && workloadCount > 0
      ? {
          workloadSkipped: `the dev inMemory backend simulates the workload cluster: its ${workloadCount} platform objects are not applied`,
        }
      : {}),
    capi: !existing,
    ...(c
      ? {
          cluster: {
            apiVersion: c.object.apiVersion,
            kind: 'Cluster',
            name: c.object.metadata.name,
            namespace: c.object.metadata.namespace ?? managementNamespace(platform),
          },
        }
      : {}),
    mgmt,
    lockClient,
    close() {
      mgmt.close();
      lockClient.close();
    },
  };
}
