/**
 * Pinned charts and upstream releases for DigitalOcean addons.
 *
 * DigitalOcean publishes no Helm chart for its cloud controller manager or its
 * CSI driver (requests for one are open upstream:
 * digitalocean/digitalocean-cloud-controller-manager#629, digitalocean/csi-digitalocean#381),
 * and no community chart is maintained. Both are installed from their release
 * manifests, pinned here, by a Job that a generic manifest chart (bedag `raw`)
 * creates; see ./manifests.ts.
 */
import type { ChartPin } from '../../render/charts.js';

/** A generic chart that renders the resources given in its values (maintained by Bedag). */
export const rawChart: ChartPin = {
  repoURL: 'https://bedag.github.io/helm-charts',
  chartName: 'raw',
  version: '2.0.2',
};

const ccmVersion = 'v0.1.68';
const csiVersion = 'v4.16.0';
const ccmBase = 'https://raw.githubusercontent.com/digitalocean/digitalocean-cloud-controller-manager';
const csiBase = `https://raw.githubusercontent.com/digitalocean/csi-digitalocean/${csiVersion}/deploy/kubernetes/releases/csi-digitalocean-${csiVersion}`;

export const doReleases = {
  ccm: {
    version: ccmVersion,
    manifests: [`${ccmBase}/${ccmVersion}/releases/digitalocean-cloud-controller-manager/${ccmVersion}.yml`],
  },
  csi: {
    version: csiVersion,
    /** CRDs first: driver.yaml holds a VolumeSnapshotClass. */
    crds: `${csiBase}/crds.yaml`,
    manifests: [`${csiBase}/driver.yaml`, `${csiBase}/snapshot-controller.yaml`],
  },
} as const;

/** kubectl image for the apply Jobs (SIG Release publishes one per Kubernetes release). */
export const kubectlImage = 'registry.k8s.io/kubectl';
