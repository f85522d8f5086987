/**
 * The analysis platform on the workload cluster (Zeppelin, Spark, data sets,
 * users, ingress), behind the {@link PlatformLayer} seam. One module per part;
 * this file only puts them in order.
 */
import type { ClusterContext, PlatformLayer } from '../render/seam.js';
import type { RenderedObject } from '../render/types.js';
import type { Platform } from '../spec/schema.js';
import { addonObjects } from './addons.js';
import { datasetObjects } from './datasets.js';
import { historyObjects } from './history.js';
import { ingressObjects } from './ingress.js';
import { livyObjects } from './livy.js';
import { namespaceObjects } from './namespaces.js';
import { networkObjects } from './network.js';
import { nodeSetup } from './node-setup.js';
import { sparkConfigMap } from './spark.js';
import { effectiveUsers, userObjects } from './users.js';
import { workload } from './names.js';
import { zeppelinObjects } from './zeppelin.js';

export function platformObjects(p: Platform, cluster: ClusterContext): RenderedObject[] {
  return [
    ...addonObjects(p, cluster),
    ...namespaceObjects(p),
    ...datasetObjects(p, cluster),
    ...userObjects(p, cluster),
    ...effectiveUsers(p).map((u) => workload('platform', sparkConfigMap(p, u, cluster))),
    ...historyObjects(p, cluster),
    ...zeppelinObjects(p, cluster),
    ...livyObjects(p, cluster),
    ...networkObjects(p, cluster),
    ...ingressObjects(p, cluster),
  ];
}

export const platformLayer: PlatformLayer = {
  nodeSetup,
  objects: platformObjects,
};
