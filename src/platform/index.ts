/**
 * The analysis platform on the workload cluster (Zeppelin, Spark, data sets,
 * users, ingress). Rendered by its own issue; until then it adds nothing.
 */
import { noNodeSetup, type PlatformLayer } from '../render/seam.js';

export const platformLayer: PlatformLayer = {
  nodeSetup: () => noNodeSetup,
  objects: () => [],
};
