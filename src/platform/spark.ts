/**
 * Spark settings for interpreters (client-mode drivers) and their executors:
 * spark-defaults.conf and the executor pod template, one copy per user
 * namespace (ConfigMap `spark-conf`), read through SPARK_CONF_DIR.
 *
 * Zeppelin adds the driver settings itself (master, client mode, namespace,
 * driver pod name/host, ports 22321/22322); these are everything else.
 */
import { stringify } from 'yaml';
import type { Platform } from '../spec/schema.js';
import { claimFor, claimName, mounted } from './datasets.js';
import { eventLogDir } from './history.js';
import {
  componentLabel,
  containerSecurity,
  part,
  podSecurity,
  pools,
  poolLabel,
  sparkUid,
  tolerationsFor,
  userLabel,
} from './names.js';
import { s3Settings } from './s3.js';
import { mib, quantityMiB, sparkMemory, sparkOverheadMiB } from './units.js';
import { userVolumeClaim, userVolumeMountPath, type EffectiveUser } from './users.js';
import type { KubernetesObject } from '../render/types.js';
import type { ClusterContext } from '../render/seam.js';

/** Hadoop release inside Spark 3.5's distribution; hadoop-aws must match it exactly. */
export const sparkHadoopVersion = '3.3.4';
export const hadoopAwsPackage = `org.apache.hadoop:hadoop-aws:${sparkHadoopVersion}`;
export const sparkConfDir = '/opt/aglais/spark-conf';
export const executorTemplateFile = `${sparkConfDir}/executor-pod.yaml`;
export const executorContainer = 'spark-executor';
export const scratchPath = '/scratch';

export function sparkImage(p: Platform): string {
  const s = p.spec.platform.spark;
  return s.image ?? `apache/spark:${s.version}`;
}

/** Memory of one executor pod in MiB: request = limit = memory + overhead (max(10%, 384 MiB)). */
export function executorPodMiB(p: Platform): { memory: number; overhead: number; total: number } {
  const memory = mib(p.spec.platform.spark.executor.memory);
  const overhead = sparkOverheadMiB(memory);
  return { memory, overhead, total: memory + overhead };
}

export function driverPodMiB(p: Platform): { memory: number; overhead: number; total: number } {
  const memory = mib(p.spec.platform.spark.driver.memory);
  const overhead = sparkOverheadMiB(memory);
  return { memory, overhead, total: memory + overhead };
}

/** Whether anything reads S3 through S3A (then the hadoop-aws package is needed). */
export function usesS3(p: Platform): boolean {
  return (
    p.spec.datasets.some((d) => d.source.type === 's3') ||
    (p.spec.platform.spark.historyServer.enabled &&
      p.spec.platform.spark.historyServer.eventLogs.type === 's3')
  );
}

/**
 * spark-defaults for one user, as key → value. Kubernetes-only keys start with
 * `spark.kubernetes.` (and spark.master / spark.submit.deployMode, which
 * Zeppelin sets); everything else also holds for a local Spark.
 */
export function sparkDefaults(
  p: Platform,
  u: EffectiveUser,
  cluster: ClusterContext,
): Record<string, string> {
  const s = p.spec.platform.spark;
  const ex = s.executor;
  const exMem = executorPodMiB(p);
  const dr = driverPodMiB(p);
  const c: Record<string, string> = {
    'spark.master': 'k8s://https://kubernetes.default.svc',
    'spark.submit.deployMode': 'client',
    'spark.kubernetes.namespace': u.namespace,
    'spark.kubernetes.container.image': sparkImage(p),
    'spark.kubernetes.authenticate.driver.serviceAccountName': 'interpreter',
    'spark.kubernetes.executor.podTemplateFile': executorTemplateFile,
    'spark.kubernetes.executor.podTemplateContainerName': executorContainer,
    'spark.kubernetes.executor.node.selector.aglais.dev/pool': pools(p).executors,
    'spark.kubernetes.executor.label.aglais.dev/user': u.name,
    [`spark.kubernetes.executor.label.${componentLabel}`]: 'spark-executor',
    'spark.kubernetes.executor.request.cores': String(ex.cores),
    // A CPU limit equal to the request: the user's quota counts limits too.
    'spark.kubernetes.executor.limit.cores': String(ex.cores),
    'spark.driver.cores': String(s.driver.cores),
    'spark.driver.memory': sparkMemory(s.driver.memory),
    'spark.driver.memoryOverhead': `${dr.overhead}m`,
    'spark.executor.cores': String(ex.cores),
    'spark.executor.memory': sparkMemory(ex.memory),
    // Explicit, so that the pod size is known in advance (the capacity check uses it).
    'spark.executor.memoryOverhead': `${exMem.overhead}m`,
    'spark.dynamicAllocation.enabled': 'true',
    // No external shuffle service on Kubernetes: keep executors that hold shuffle data.
    'spark.dynamicAllocation.shuffleTracking.enabled': 'true',
    'spark.dynamicAllocation.minExecutors': String(ex.min),
    'spark.dynamicAllocation.initialExecutors': String(ex.min),
    'spark.dynamicAllocation.maxExecutors': String(ex.max),
    'spark.dynamicAllocation.executorIdleTimeout': '120s',
    'spark.sql.sources.bucketing.enabled': 'true',
    'spark.ui.prometheus.enabled': String(p.spec.platform.monitoring.enabled),
  };
  // Data sets, read-only, in every executor (the interpreter pod mounts them too).
  for (const d of mounted(p)) {
    const k = `spark.kubernetes.executor.volumes.persistentVolumeClaim.${claimName(d)}`;
    c[`${k}.mount.path`] = d.mountPath;
    c[`${k}.mount.readOnly`] = 'true';
    c[`${k}.options.claimName`] = claimFor(d);
  }
  // The user's own volume, where it can be shared (RWX) with the executors.
  if (cluster.sharedStorageClass) {
    const k = `spark.kubernetes.executor.volumes.persistentVolumeClaim.${userVolumeClaim}`;
    c[`${k}.mount.path`] = userVolumeMountPath(u.name);
    c[`${k}.mount.readOnly`] = 'false';
    c[`${k}.options.claimName`] = userVolumeClaim;
  }
  // Scratch (spark.local.dir): a volume named spark-local-dir-* is used as the local dir.
  const sc = s.scratch;
  if (sc.type === 'emptyDir') {
    const k = 'spark.kubernetes.executor.volumes.emptyDir.spark-local-dir-1';
    c[`${k}.mount.path`] = scratchPath;
    c[`${k}.mount.readOnly`] = 'false';
    c[`${k}.options.sizeLimit`] = sc.sizeLimit;
  } else {
    const k = 'spark.kubernetes.executor.volumes.persistentVolumeClaim.spark-local-dir-1';
    c[`${k}.mount.path`] = scratchPath;
    c[`${k}.mount.readOnly`] = 'false';
    c[`${k}.options.claimName`] = 'OnDemand';
    c[`${k}.options.sizeLimit`] = sc.size;
    const sclass = sc.storageClass ?? cluster.blockStorageClass;
    if (sclass) c[`${k}.options.storageClass`] = sclass;
    // Claims belong to the driver and are reused by later executors.
    c['spark.kubernetes.driver.ownPersistentVolumeClaim'] = 'true';
    c['spark.kubernetes.driver.reusePersistentVolumeClaim'] = 'true';
    c['spark.kubernetes.driver.waitToReusePersistentVolumeClaim'] = 'true';
  }
  // Event logs for the history server.
  const logs = eventLogDir(p);
  if (logs) {
    c['spark.eventLog.enabled'] = 'true';
    c['spark.eventLog.dir'] = logs;
    c['spark.eventLog.compress'] = 'true';
    c['spark.eventLog.rolling.enabled'] = 'true';
    c['spark.eventLog.rolling.maxFileSize'] = '128m';
  }
  if (p.spec.platform.monitoring.enabled) {
    c['spark.metrics.conf.*.sink.prometheusServlet.class'] =
      'org.apache.spark.metrics.sink.PrometheusServlet';
    c['spark.metrics.conf.*.sink.prometheusServlet.path'] = '/metrics/prometheus';
    c['spark.kubernetes.executor.annotation.prometheus.io/scrape'] = 'true';
    c['spark.kubernetes.executor.annotation.prometheus.io/port'] = '4040';
    c['spark.kubernetes.executor.annotation.prometheus.io/path'] = '/metrics/executors/prometheus';
  }
  if (usesS3(p)) {
    c['spark.jars.packages'] = hadoopAwsPackage;
    c['spark.jars.ivy'] = '/tmp/ivy2';
    Object.assign(c, s3Settings(p).conf);
    for (const e of s3Settings(p).env) {
      c[`spark.kubernetes.executor.secretKeyRef.${e.name}`] = `${e.secret}:${e.key}`;
    }
  }
  return Object.fromEntries(
    Object.keys(c)
      .sort()
      .map((k) => [k, c[k] as string]),
  );
}

/** spark-defaults.conf text: `key value` lines, sorted. */
export function formatSparkDefaults(conf: Readonly<Record<string, string>>): string {
  return `${Object.keys(conf)
    .sort()
    .map((k) => `${k} ${conf[k]}`)
    .join('\n')}\n`;
}

/** Keys that only mean something to Spark on Kubernetes (left out when Spark runs locally). */
export function isKubernetesOnly(key: string): boolean {
  return (
    key.startsWith('spark.kubernetes.') ||
    key === 'spark.master' ||
    key === 'spark.submit.deployMode' ||
    key.startsWith('spark.dynamicAllocation.')
  );
}

/** The executor pod template: what spark-defaults cannot say (security context, tolerations, scratch request). */
export function executorPodTemplate(p: Platform, u: EffectiveUser): Record<string, unknown> {
  const sc = p.spec.platform.spark.scratch;
  const pool = pools(p).executors;
  const tolerations = tolerationsFor(p, pool);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels: { [componentLabel]: 'spark-executor', [userLabel]: u.name } },
    spec: {
      securityContext: podSecurity(sparkUid),
      automountServiceAccountToken: false,
      ...(tolerations.length ? { tolerations } : {}),
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: poolLabel, operator: 'In', values: [pool] }] }],
          },
        },
      },
      containers: [
        {
          name: executorContainer,
          securityContext: containerSecurity,
          // Scratch counted by the scheduler against the node's ephemeral storage.
          ...(sc.type === 'emptyDir'
            ? {
                resources: {
                  requests: { 'ephemeral-storage': sc.sizeLimit },
                  limits: { 'ephemeral-storage': sc.sizeLimit },
                },
              }
            : {}),
        },
      ],
    },
  };
}

/** ConfigMap `spark-conf` of one user namespace. */
export function sparkConfigMap(p: Platform, u: EffectiveUser, cluster: ClusterContext): KubernetesObject {
  return part(p, 'spark', 'v1', 'ConfigMap', 'spark-conf', u.namespace, {
    data: {
      'spark-defaults.conf': formatSparkDefaults(sparkDefaults(p, u, cluster)),
      'executor-pod.yaml': stringify(executorPodTemplate(p, u), { version: '1.1', lineWidth: 0 }),
    },
  });
}

/** Driver pod memory as a quantity (the interpreter pod's request and limit). */
export function driverPodQuantity(p: Platform): string {
  return quantityMiB(driverPodMiB(p).total);
}
