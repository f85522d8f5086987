/** Pinned charts for AWS addons: the upstream Kubernetes projects' own chart repositories. */
import type { ChartPin } from '../../render/charts.js';

export const awsCharts = {
  ccm: {
    repoURL: 'https://kubernetes.github.io/cloud-provider-aws',
    chartName: 'aws-cloud-controller-manager',
    version: '0.0.11',
  },
  ebs: {
    repoURL: 'https://kubernetes-sigs.github.io/aws-ebs-csi-driver',
    chartName: 'aws-ebs-csi-driver',
    version: '2.64.0',
  },
  efs: {
    repoURL: 'https://kubernetes-sigs.github.io/aws-efs-csi-driver',
    chartName: 'aws-efs-csi-driver',
    version: '4.4.1',
  },
} as const satisfies Record<string, ChartPin>;

/**
 * cloud-provider-aws image per Kubernetes minor: the CCM is released in step with
 * Kubernetes and should match the cluster's minor (the chart's default is the newest).
 */
export const awsCcmImages: Readonly<Record<number, string>> = {
  31: 'v1.31.9',
  32: 'v1.32.8',
  33: 'v1.33.4',
  34: 'v1.34.3',
  35: 'v1.35.2',
};
