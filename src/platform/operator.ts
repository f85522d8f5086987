/**
 * kubeflow spark-operator (v2.5), watching the user namespaces only
 * (spark.jobNamespaces): users submit SparkApplication and
 * ScheduledSparkApplication objects in their own namespace, under their quota.
 *
 * Installed as a Helm chart (a HelmChartProxy on Cluster API clouds, helm on an
 * existing cluster), like the other third-party parts (design §7): its CRDs and
 * webhook certificates come with the chart, and no copy of upstream templates
 * lives here.
 */
import type { HelmAddon } from '../clouds/types.js';
import type { Platform } from '../spec/schema.js';
import { operatorNamespace, pools, poolLabel, sparkUid } from './names.js';
import { effectiveUsers, interpreterServiceAccount } from './users.js';

export const sparkOperatorChart = {
  repoURL: 'https://kubeflow.github.io/spark-operator',
  chartName: 'spark-operator',
  version: '2.5.2',
} as const;

const restrictedPod = { runAsNonRoot: true, runAsUser: sparkUid, seccompProfile: { type: 'RuntimeDefault' } };
const restrictedContainer = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
};

export function sparkOperatorAddon(p: Platform): HelmAddon | undefined {
  if (!p.spec.platform.spark.operator.enabled) return undefined;
  const pool = pools(p).platform;
  const placement = { nodeSelector: { [poolLabel]: pool } };
  return {
    name: 'spark-operator',
    stage: 'addons',
    ...sparkOperatorChart,
    namespace: operatorNamespace,
    releaseName: 'spark-operator',
    values: {
      spark: {
        jobNamespaces: effectiveUsers(p).map((u) => u.namespace),
        // Drivers run as the user's interpreter account, which aglais makes.
        serviceAccount: { create: false, name: interpreterServiceAccount },
        rbac: { create: false },
      },
      controller: {
        replicas: 1,
        ...placement,
        podSecurityContext: restrictedPod,
        securityContext: restrictedContainer,
      },
      webhook: {
        enable: true,
        ...placement,
        podSecurityContext: restrictedPod,
        securityContext: restrictedContainer,
      },
      prometheus: { metrics: { enable: p.spec.platform.monitoring.enabled } },
    },
  };
}
