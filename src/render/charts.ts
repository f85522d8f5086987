/**
 * Pinned upstream charts used on every cloud. Cloud-specific charts are pinned
 * in their cloud's folder. A version bump is a one-line change here, and the
 * golden files show its effect.
 */
export interface ChartPin {
  readonly repoURL: string;
  readonly chartName: string;
  readonly version: string;
}

export const charts = {
  calico: {
    repoURL: 'https://docs.tigera.io/calico/charts',
    chartName: 'tigera-operator',
    version: 'v3.30.3',
  },
  cilium: { repoURL: 'https://helm.cilium.io/', chartName: 'cilium', version: '1.18.2' },
  ingressNginx: {
    repoURL: 'https://kubernetes.github.io/ingress-nginx',
    chartName: 'ingress-nginx',
    version: '4.13.3',
  },
  certManager: { repoURL: 'https://charts.jetstack.io', chartName: 'cert-manager', version: 'v1.21.1' },
} as const satisfies Record<string, ChartPin>;
