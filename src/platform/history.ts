/**
 * The Spark history server. With event logs in S3, one server in the platform
 * namespace reads every user's logs. With event logs on a volume, a claim
 * cannot be shared across namespaces, so each user namespace gets its own
 * `spark-events` claim and a small history server of its own (counted in the
 * user's quota): the driver in the interpreter pod writes to the claim.
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
import { s3aURL, s3ContainerEnv, s3Settings } from './s3.js';
import { sparkImage } from './spark.js';
import { effectiveUsers } from './users.js';

export const historyPort = 18080;
export const eventsClaim = 'spark-events';
export const eventsMountPath = '/spark-events';
export const historyResources = { cpu: '250m', memory: '1Gi' } as const;

/** Where drivers write event logs, or undefined when there is no history server. */
export function eventLogDir(p: Platform): string | undefined {
  const h = p.spec.platform.spark.historyServer;
  if (!h.enabled) return undefined;
  if (h.eventLogs.type === 's3') return s3aURL(h.eventLogs.bucket, h.eventLogs.prefix, 'spark-events');
  return `file://${eventsMountPath}`;
}

/** Namespaces running a history server: the platform's (S3) or every user's (volume). */
export function historyNamespaces(p: Platform): string[] {
  const h = p.spec.platform.spark.historyServer;
  if (!h.enabled) return [];
  return h.eventLogs.type === 's3' ? [platformNamespace] : effectiveUsers(p).map((u) => u.namespace);
}

function server(p: Platform, ns: string, onVolume: boolean): RenderedObject[] {
  const dir = eventLogDir(p) ?? '';
  const opts = [
    `-Dspark.history.fs.logDirectory=${dir}`,
    '-Dspark.history.fs.cleaner.enabled=true',
    '-Dspark.history.fs.cleaner.maxAge=30d',
    ...(onVolume ? [] : Object.entries(s3Settings(p).conf).map(([k, v]) => `-D${k}=${v}`)),
  ].sort();
  const labels = { [componentLabel]: 'spark-history' };
  const pool = pools(p).platform;
  const tolerations = tolerationsFor(p, pool);
  const deployment = part(p, 'spark-history', 'apps/v1', 'Deployment', 'spark-history', ns, {
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          securityContext: podSecurity(sparkUid),
          automountServiceAccountToken: false,
          nodeSelector: { [poolLabel]: pool },
          ...(tolerations.length ? { tolerations } : {}),
          containers: [
            {
              name: 'history',
              image: sparkImage(p),
              command: ['/opt/spark/bin/spark-class', 'org.apache.spark.deploy.history.HistoryServer'],
              env: [
                { name: 'SPARK_NO_DAEMONIZE', value: 'true' },
                { name: 'SPARK_HISTORY_OPTS', value: opts.join(' ') },
                ...(onVolume ? [] : s3ContainerEnv(p)),
              ],
              ports: [{ name: 'http', containerPort: historyPort }],
              readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 10 },
              resources: { requests: historyResources, limits: historyResources },
              securityContext: containerSecurity,
              volumeMounts: [
                { name: 'tmp', mountPath: '/tmp' },
                ...(onVolume ? [{ name: 'events', mountPath: eventsMountPath, readOnly: true }] : []),
              ],
            },
          ],
          volumes: [
            { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
            ...(onVolume
              ? [{ name: 'events', persistentVolumeClaim: { claimName: eventsClaim, readOnly: true } }]
              : []),
          ],
        },
      },
    },
  });
  const service = part(p, 'spark-history', 'v1', 'Service', 'spark-history', ns, {
    spec: { selector: labels, ports: [{ name: 'http', port: historyPort, targetPort: 'http' }] },
  });
  return [workload('platform', deployment), workload('platform', service)];
}

export function historyObjects(p: Platform, cluster: ClusterContext): RenderedObject[] {
  const h = p.spec.platform.spark.historyServer;
  if (!h.enabled) return [];
  if (h.eventLogs.type === 's3') return server(p, platformNamespace, false);
  const size = h.eventLogs.size;
  const out: RenderedObject[] = [];
  for (const u of effectiveUsers(p)) {
    const rwx = cluster.sharedStorageClass;
    out.push(
      workload(
        'storage',
        part(p, 'spark-history', 'v1', 'PersistentVolumeClaim', eventsClaim, u.namespace, {
          spec: {
            accessModes: [rwx ? 'ReadWriteMany' : 'ReadWriteOnce'],
            ...(rwx
              ? { storageClassName: rwx }
              : cluster.blockStorageClass
                ? { storageClassName: cluster.blockStorageClass }
                : {}),
            resources: { requests: { storage: size } },
          },
        }),
      ),
      ...server(p, u.namespace, true),
    );
  }
  return out;
}
