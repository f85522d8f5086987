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
  tolerationsFor,
  workload,
} from './names.js';
import { sparkImage } from './spark.js';
import { effectiveUsers } from './users.js';

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

export function livyObjects(p: Platform, _cluster: ClusterContext): RenderedObject[] {
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
  const defaults = [
    `spark.kubernetes.container.image ${sparkImage(p)}`,
    'spark.kubernetes.authenticate.driver.serviceAccountName interpreter',
  ].join('\n');
  const out: RenderedObject[] = [
    workload(
      'platform',
      part(p, 'livy', 'v1', 'ServiceAccount', 'livy', ns, { automountServiceAccountToken: true }),
    ),
    workload(
      'platform',
      part(p, 'livy', 'v1', 'ConfigMap', 'livy-conf', ns, {
        data: { 'livy.conf': `${conf}\n`, 'spark-defaults.conf': `${defaults}\n` },
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
