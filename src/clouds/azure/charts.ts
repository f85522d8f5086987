/**
 * Pinned charts for Azure addons, from the chart repositories the upstream
 * projects publish in their own GitHub repositories (as CAPZ's addon templates use).
 * The CCM chart picks the image matching the cluster's Kubernetes minor itself.
 */
import type { ChartPin } from '../../render/charts.js';

export const azureCharts = {
  ccm: {
    repoURL: 'https://raw.githubusercontent.com/kubernetes-sigs/cloud-provider-azure/master/helm/repo',
    chartName: 'cloud-provider-azure',
    version: '1.36.0',
  },
  disk: {
    repoURL: 'https://raw.githubusercontent.com/kubernetes-sigs/azuredisk-csi-driver/master/charts',
    chartName: 'azuredisk-csi-driver',
    version: '1.34.5',
  },
  file: {
    repoURL: 'https://raw.githubusercontent.com/kubernetes-sigs/azurefile-csi-driver/master/charts',
    chartName: 'azurefile-csi-driver',
    version: '1.35.7',
  },
} as const satisfies Record<string, ChartPin>;
