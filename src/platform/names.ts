/**
 * Names, labels and small builders every platform module shares: the
 * platform and user namespaces, the pools things run on, and the pod
 * security settings that Pod Security `restricted` asks of every pod.
 */
import { object } from '../render/meta.js';
export { poolLabel } from '../render/meta.js';
import type { KubernetesObject, RenderedObject, Stage } from '../render/types.js';
import type { Platform } from '../spec/schema.js';
import type { UserSpec } from '../spec/users.js';

/** Namespace of Zeppelin, the shared history server, Livy and the setup objects. */
export const platformNamespace = 'aglais';
export const operatorNamespace = 'spark-operator';
export const monitoringNamespace = 'monitoring';

/** Label telling apart the platform's parts (NetworkPolicies select by it). */
export const componentLabel = 'app.kubernetes.io/component';
export const userLabel = 'aglais.dev/user';
export const datasetLabel = 'aglais.dev/dataset';
/** On every namespace that holds a user's pods. */
export const userNamespaceLabel = 'aglais.dev/user-namespace';

/** Port of the Zeppelin UI/REST and of the interpreter event server (interpreters call back on it). */
export const zeppelinHttpPort = 8080;
export const zeppelinRpcPort = 12320;
/** Ports Zeppelin fixes in interpreter pods: its own RPC, the Spark driver, the block manager and the UI. */
export const interpreterPorts = { rpc: 12321, driver: 22321, blockManager: 22322, ui: 4040 } as const;
/** uid/gid of the `spark` user in the apache/spark images and of `zeppelin` in apache/zeppelin. */
export const sparkUid = 185;
export const zeppelinUid = 1000;

export function userNamespace(u: Pick<UserSpec, 'name'>): string {
  return `user-${u.name}`;
}

/** The pool of each role, by the spec's placement and its documented defaults. */
export function pools(p: Platform): { platform: string; interpreters: string; executors: string } {
  const all = p.spec.nodePools;
  const first = all[0]?.name ?? '';
  const last = all[all.length - 1]?.name ?? first;
  const pl = p.spec.platform.placement;
  const platform = pl.platform ?? first;
  return { platform, interpreters: pl.interpreters ?? platform, executors: pl.executors ?? last };
}

/** Tolerations for the taints of a pool, so that pods placed there are admitted. */
export function tolerationsFor(p: Platform, pool: string): Record<string, unknown>[] {
  const spec = p.spec.nodePools.find((n) => n.name === pool);
  return (spec?.taints ?? []).map((t) => ({
    key: t.key,
    operator: t.value === undefined ? 'Exists' : 'Equal',
    ...(t.value === undefined ? {} : { value: t.value }),
    effect: t.effect,
  }));
}

/** What `restricted` asks of a pod: non-root with the RuntimeDefault seccomp profile. */
export function podSecurity(uid: number): Record<string, unknown> {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** What `restricted` asks of a container: no privilege escalation, every capability dropped. */
export const containerSecurity: Record<string, unknown> = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
};

/** A workload-cluster object of the platform, tagged for its stage. */
export function workload(stage: Stage, o: KubernetesObject): RenderedObject {
  return { target: 'workload', stage, object: o };
}

/** `object()` with the component label. */
export function part(
  p: Platform,
  component: string,
  apiVersion: string,
  kind: string,
  name: string,
  namespace: string | undefined,
  body: Record<string, unknown>,
  extraLabels: Record<string, string> = {},
): KubernetesObject {
  return object(p, apiVersion, kind, name, namespace, body, { [componentLabel]: component, ...extraLabels });
}

/** Keys sorted, so that rendered maps do not depend on insertion order. */
export function sorted<T>(m: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k] as T]),
  );
}
