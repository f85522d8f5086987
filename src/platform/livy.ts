/**
 * Apache Livy 0.9 (optional): REST for Spark on 8998, its sessions submitted
 * in cluster mode into the user's namespace (Zeppelin's %livy interpreter of
 * each user passes livy.spark.kubernetes.namespace), drivers running as the
 * user's `interpreter` service account. Livy's own service account may only
 * manage pods, services and config maps in the user namespaces.
 */
import type { ClusterContext } from '../render/seam.js';
import type { RenderedObject } from '../render/types.js';
import type { Platform } from '../spec/schema.js';
import {
  componentLabel,
  containerSecurity,
  part,
  platformNamespace,
  podSecurity,
  pools,
  poolLabel,
  sparkUid,
  tolerationsFor,
  workload,
} from './names.js';
import { formatSparkDefaults, sparkDefaults } from './spark.js';
import { effectiveUsers, userVolumeClaim } from './users.js';
import { stringify } from 'yaml';

export const livyPort = 8998;
/** Port range drivers call back to (livy.rsc.launcher.port.range). */
export const livyRpcPorts = { from: 10000, to: 10010 } as const;
export const livyResources = { cpu: '500m', memory: '2Gi' } as const;
export const livyUid = 1000;

export function livyImage(p: Platform): string {
  return `apache/livy:${p.spec.platform.livy.version}`;
}

export function livyURL(): string {
  return `http://livy.${platformNamespace}.svc:${livyPort}`;
}

/**
 * Livy's spark-defaults: the platform's Spark settings for cluster mode, where
 * Spark itself makes the driver pod: the data volumes, scratch, S3 variables
 * and the pool for the driver as well as the executors, and pod templates
 * that pass Pod Security `restricted` in the user namespaces.
 */
export function livySparkDefaults(p: Platform, cluster: ClusterContext): Record<string, string> {
  const first = effectiveUsers(p)[0];
  const base = first ? sparkDefaults(p, first, cluster) : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) {
    // Per-user or client-mode keys: Livy's per-user setting gives the namespace.
    if (
      k === 'spark.master' ||
      k === 'spark.submit.deployMode' ||
      k === 'spark.kubernetes.namespace' ||
      k === 'spark.kubernetes.executor.label.aglais.dev/user' ||
      k.startsWith(`spark.kubernetes.executor.volumes.persistentVolumeClaim.${userVolumeClaim}.`) ||
      k.startsWith('spark.kubernetes.executor.podTemplate')
    )
      continue;
    out[k] = v;
    // What executors get from spark-defaults, the driver pod gets too (data, S3 variables).
    const driverKey = k.replace(
      /^spark\.kubernetes\.executor\.(volumes\.persistentVolumeClaim\.data-|secretKeyRef\.)/,
      'spark.kubernetes.driver.$1',
    );
    if (driverKey !== k) out[driverKey] = v;
  }
  out['spark.kubernetes.driver.podTemplateFile'] = '/etc/livy/driver-pod.yaml';
  out['spark.kubernetes.executor.podTemplateFile'] = '/etc/livy/executor-pod.yaml';
  out['spark.kubernetes.driver.node.selector.aglais.dev/pool'] = pools(p).interpreters;
  out['spark.kubernetes.driver.limit.cores'] = String(p.spec.platform.spark.driver.cores);
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k] as string]),
  );
}

/** A pod template of a Livy session's driver or executor: restricted, on its pool. */
function livyPodTemplate(p: Platform, role: 'driver' | 'executor'): Record<string, unknown> {
  const pool = role === 'driver' ? pools(p).interpreters : pools(p).executors;
  const tolerations = tolerationsFor(p, pool);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels: { [componentLabel]: role === 'driver' ? 'livy-driver' : 'spark-executor' } },
    spec: {
      securityContext: podSecurity(sparkUid),
      automountServiceAccountToken: role === 'driver',
      ...(tolerations.length ? { tolerations } : {}),
      containers: [{ name: `spark-kubernetes-${role}`, securityContext: containerSecurity }],
    },
  };
}

export function livyObjects(p: Platform, cluster: ClusterContext): RenderedObject[] {
  if (!p.spec.platform.livy.enabled) return [];
  const ns = platformNamespace;
  const labels = { [componentLabel]: 'livy' };
  const conf = [
    'livy.server.port = 8998',
    'livy.spark.master = k8s://https://kubernetes.default.svc',
    'livy.spark.deploy-mode = cluster',
    `livy.rsc.launcher.port.range = ${livyRpcPorts.from}~${livyRpcPorts.to}`,
    'livy.server.session.timeout = 1h',
    'livy.repl.enable-hive-context = true',
    `livy.server.kubernetes.defaultNamespace = ${platformNamespace}`,
  ].join('\n');
  const defaults = formatSparkDefaults(livySparkDefaults(p, cluster));
  const out: RenderedObject[] = [
    workload(
      'platform',
      part(p, 'livy', 'v1', 'ServiceAccount', 'livy', ns, { automountServiceAccountToken: true }),
    ),
    workload(
      'platform',
      part(p, 'livy', 'v1', 'ConfigMap', 'livy-conf', ns, {
        data: {
          'livy.conf': `${conf}\n`,
          'spark-defaults.conf': defaults,
          'driver-pod.yaml': stringify(livyPodTemplate(p, 'driver'), { version: '1.1', lineWidth: 0 }),
          'executor-pod.yaml': stringify(livyPodTemplate(p, 'executor'), { version: '1.1', lineWidth: 0 }),
        },
      }),
    ),
  ];
  for (const u of effectiveUsers(p)) {
    out.push(
      workload(
        'platform',
        part(p, 'livy', 'rbac.authorization.k8s.io/v1', 'Role', 'livy', u.namespace, {
          rules: [
            {
              apiGroups: [''],
              resources: ['pods', 'services', 'configmaps'],
              verbs: ['create', 'get', 'list', 'watch', 'delete'],
            },
            { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
          ],
        }),
      ),
      workload(
        'platform',
        part(p, 'livy', 'rbac.authorization.k8s.io/v1', 'RoleBinding', 'livy', u.namespace, {
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'livy' },
          subjects: [{ kind: 'ServiceAccount', name: 'livy', namespace: ns }],
        }),
      ),
    );
  }
  const pool = pools(p).platform;
  const tolerations = tolerationsFor(p, pool);
  out.push(
    workload(
      'platform',
      part(p, 'livy', 'apps/v1', 'Deployment', 'livy', ns, {
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              serviceAccountName: 'livy',
              securityContext: podSecurity(livyUid),
              nodeSelector: { [poolLabel]: pool },
              ...(tolerations.length ? { tolerations } : {}),
              containers: [
                {
                  name: 'livy',
                  image: livyImage(p),
                  env: [
                    { name: 'LIVY_CONF_DIR', value: '/etc/livy' },
                    { name: 'SPARK_CONF_DIR', value: '/etc/livy' },
                  ],
                  ports: [
                    { name: 'http', containerPort: livyPort },
                    { name: 'rpc', containerPort: livyRpcPorts.from },
                  ],
                  readinessProbe: { httpGet: { path: '/version', port: 'http' }, periodSeconds: 10 },
                  resources: { requests: livyResources, limits: livyResources },
                  securityContext: containerSecurity,
                  volumeMounts: [
                    { name: 'conf', mountPath: '/etc/livy', readOnly: true },
                    { name: 'tmp', mountPath: '/tmp' },
                  ],
                },
              ],
              volumes: [
                { name: 'conf', configMap: { name: 'livy-conf' } },
                { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
              ],
            },
          },
        },
      }),
    ),
    workload(
      'platform',
      part(p, 'livy', 'v1', 'Service', 'livy', ns, {
        spec: {
          selector: labels,
          ports: [
            { name: 'http', port: livyPort, targetPort: 'http' },
            { name: 'rpc', port: livyRpcPorts.from, targetPort: 'rpc' },
          ],
        },
      }),
    ),
  );
  return out;
}
