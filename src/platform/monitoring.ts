/**
 * Monitoring (option): kube-prometheus-stack (Prometheus, Grafana, node
 * exporter) from its chart. Spark and Zeppelin are scraped through pod
 * annotations (prometheus.io/scrape, port, path) by one additional scrape
 * job, rather than ServiceMonitor/PodMonitor objects: their CRDs come with
 * the chart only, so such objects could not be validated or applied before it.
 * Drivers expose /metrics/executors/prometheus on the UI port
 * (spark.ui.prometheus.enabled), Zeppelin /metrics.
 */
import type { HelmAddon } from '../clouds/types.js';
import type { Platform } from '../spec/schema.js';
import { monitoringNamespace, platformNamespace, pools, poolLabel } from './names.js';
import { effectiveUsers } from './users.js';

export const monitoringChart = {
  repoURL: 'https://prometheus-community.github.io/helm-charts',
  chartName: 'kube-prometheus-stack',
  version: '79.5.0',
} as const;

/** The Prometheus scrape job for annotated pods in the platform's namespaces. */
export function annotatedPodsJob(p: Platform): Record<string, unknown> {
  return {
    job_name: 'aglais-pods',
    kubernetes_sd_configs: [
      {
        role: 'pod',
        namespaces: { names: [platformNamespace, ...effectiveUsers(p).map((u) => u.namespace)] },
      },
    ],
    relabel_configs: [
      {
        source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'],
        action: 'keep',
        regex: 'true',
      },
      {
        source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'],
        action: 'replace',
        target_label: '__metrics_path__',
        regex: '(.+)',
      },
      {
        source_labels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'],
        action: 'replace',
        regex: '([^:]+)(?::\\d+)?;(\\d+)',
        replacement: '$1:$2',
        target_label: '__address__',
      },
      { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
      { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
      { source_labels: ['__meta_kubernetes_pod_label_aglais_dev_user'], target_label: 'user' },
    ],
  };
}

export function monitoringAddon(p: Platform): HelmAddon | undefined {
  if (!p.spec.platform.monitoring.enabled) return undefined;
  const placement = { nodeSelector: { [poolLabel]: pools(p).platform } };
  return {
    name: 'monitoring',
    stage: 'addons',
    ...monitoringChart,
    namespace: monitoringNamespace,
    releaseName: 'monitoring',
    values: {
      prometheus: {
        prometheusSpec: {
          ...placement,
          retention: '15d',
          additionalScrapeConfigs: [annotatedPodsJob(p)],
        },
      },
      grafana: { enabled: true, ...placement },
      alertmanager: { enabled: false },
      prometheusOperator: placement,
    },
  };
}
