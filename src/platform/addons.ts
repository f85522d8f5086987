/**
 * Third-party charts the platform needs beside the cluster's own addons:
 * spark-operator and, as an option, the monitoring stack. On Cluster API
 * clouds each becomes a HelmChartProxy in the management cluster (stage
 * 'addons', like ingress-nginx and cert-manager); on an existing cluster,
 * `up` installs {@link platformAddons} with helm.
 */
import type { HelmAddon, PlatformOn } from '../clouds/types.js';
import { helmChartProxy } from '../render/addons.js';
import type { ClusterContext } from '../render/seam.js';
import type { RenderedObject } from '../render/types.js';
import type { Provider } from '../spec/cloud.js';
import type { Platform } from '../spec/schema.js';
import { monitoringAddon } from './monitoring.js';
import { sparkOperatorAddon } from './operator.js';

export function platformAddons(p: Platform): HelmAddon[] {
  return [sparkOperatorAddon(p), monitoringAddon(p)].filter((a): a is HelmAddon => a !== undefined);
}

export function addonObjects(p: Platform, cluster: ClusterContext): RenderedObject[] {
  if (cluster.facts.capiProvider === null) return [];
  return platformAddons(p).map((a) => ({
    target: 'management',
    stage: a.stage,
    object: helmChartProxy(p as PlatformOn<Provider>, a),
  }));
}
