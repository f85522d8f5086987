/**
 * Per user: a namespace (see namespaces.ts) with a ResourceQuota and a
 * LimitRange, so that no one can hold most of the cluster again (the first
 * platform's worst incident: one user held 61% of it); a home and a user
 * volume; and a service account for the interpreter and its executors.
 */
import type { ClusterContext } from '../render/seam.js';
import type { RenderedObject } from '../render/types.js';
import type { Platform } from '../spec/schema.js';
import type { QuotaSpec, UserSpec } from '../spec/users.js';
import { part, userNamespace, workload } from './names.js';
import { mib, millicores, quantityMiB, sparkOverheadMiB } from './units.js';

export interface EffectiveUser {
  readonly name: string;
  readonly namespace: string;
  readonly admin: boolean;
  readonly quota: QuotaSpec;
  readonly homeSize: string;
  readonly volumeSize: string;
}

export function effectiveUsers(p: Platform): EffectiveUser[] {
  const d = p.spec.userDefaults;
  return p.spec.users.map((u: UserSpec) => ({
    name: u.name,
    namespace: userNamespace(u),
    admin: u.admin,
    quota: { ...d.quota, ...u.quota },
    homeSize: u.homeSize ?? d.homeSize,
    volumeSize: u.volumeSize ?? d.volumeSize,
  }));
}

/** Service account of interpreter (driver) pods and executors in each user namespace. */
export const interpreterServiceAccount = 'interpreter';
export const homeClaim = 'home';
export const userVolumeClaim = 'user-data';
export const homeMountPath = (u: string) => `/home/${u}`;
export const userVolumeMountPath = (u: string) => `/user/${u}`;

/** Defaults for containers that set no resources: one executor's worth at most. */
function limitRange(p: Platform, u: EffectiveUser) {
  const ex = p.spec.platform.spark.executor;
  const exMiB = mib(ex.memory) + sparkOverheadMiB(mib(ex.memory));
  const drMiB =
    mib(p.spec.platform.spark.driver.memory) + sparkOverheadMiB(mib(p.spec.platform.spark.driver.memory));
  const maxMiB = Math.max(exMiB, drMiB);
  const maxCpu = Math.max(ex.cores, p.spec.platform.spark.driver.cores) * 1000;
  return part(p, 'users', 'v1', 'LimitRange', 'limits', u.namespace, {
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: '1', memory: '1Gi' },
          defaultRequest: { cpu: '250m', memory: '1Gi' },
          // No single pod may be bigger than the largest Spark pod the spec describes.
          max: { cpu: `${Math.max(maxCpu, millicores('1'))}m`, memory: quantityMiB(Math.max(maxMiB, 1024)) },
        },
        { type: 'PersistentVolumeClaim', max: { storage: u.quota.storage } },
      ],
    },
  });
}

/** Claims a user may hold beyond those aglais makes (the storage quota still bounds their size). */
export const spareClaims = 4;

/** Claims a user namespace holds: data sets, home, user volume, event logs, one scratch claim per executor, and spares. */
export function claimsPerUser(p: Platform): number {
  const s = p.spec.platform.spark;
  const data = p.spec.datasets.filter((d) => d.source.type !== 's3').length;
  return data + 3 + (s.scratch.type === 'onDemand' ? s.executor.max : 0) + spareClaims;
}

export function userObjects(p: Platform, cluster: ClusterContext): RenderedObject[] {
  const out: RenderedObject[] = [];
  const rwx = cluster.sharedStorageClass;
  for (const u of effectiveUsers(p)) {
    const ns = u.namespace;
    out.push(
      workload(
        'platform',
        part(p, 'users', 'v1', 'ResourceQuota', 'quota', ns, {
          spec: {
            hard: {
              'requests.cpu': u.quota.cpu,
              'limits.cpu': u.quota.cpu,
              'requests.memory': u.quota.memory,
              'limits.memory': u.quota.memory,
              pods: String(u.quota.pods),
              'requests.storage': u.quota.storage,
              persistentvolumeclaims: String(claimsPerUser(p)),
              'services.loadbalancers': '0',
              'services.nodeports': '0',
            },
          },
        }),
      ),
      workload('platform', limitRange(p, u)),
      workload(
        'platform',
        part(p, 'users', 'v1', 'ServiceAccount', interpreterServiceAccount, ns, {
          automountServiceAccountToken: true,
        }),
      ),
      // The driver (in the interpreter pod) creates and deletes its executors,
      // their headless services, config maps and OnDemand scratch claims: nothing else.
      workload(
        'platform',
        part(p, 'users', 'rbac.authorization.k8s.io/v1', 'Role', 'spark-driver', ns, {
          rules: [
            {
              apiGroups: [''],
              resources: ['pods', 'services', 'configmaps', 'persistentvolumeclaims'],
              verbs: ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete', 'deletecollection'],
            },
          ],
        }),
      ),
      workload(
        'platform',
        part(p, 'users', 'rbac.authorization.k8s.io/v1', 'RoleBinding', 'spark-driver', ns, {
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'spark-driver' },
          subjects: [{ kind: 'ServiceAccount', name: interpreterServiceAccount, namespace: ns }],
        }),
      ),
    );
    for (const [name, size, purpose] of [
      [homeClaim, u.homeSize, 'home'],
      [userVolumeClaim, u.volumeSize, 'user-data'],
    ] as const) {
      out.push(
        workload(
          'storage',
          part(
            p,
            'users',
            'v1',
            'PersistentVolumeClaim',
            name,
            ns,
            {
              spec: {
                // RWX where the cloud has it: interpreter and executors mount it at once.
                accessModes: [rwx ? 'ReadWriteMany' : 'ReadWriteOnce'],
                ...(rwx
                  ? { storageClassName: rwx }
                  : cluster.blockStorageClass
                    ? { storageClassName: cluster.blockStorageClass }
                    : {}),
                resources: { requests: { storage: size } },
              },
            },
            { 'aglais.dev/volume': purpose },
          ),
        ),
      );
    }
  }
  return out;
}
