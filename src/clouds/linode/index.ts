/** Placeholder: the linode module is being written; it renders nothing yet. */
import type { CloudModule } from '../types.js';

export const linode: CloudModule<'linode'> = {
  provider: 'linode',
  sizes: {},
  facts: () => ({
    title: 'linode',
    capiProvider: null,
    ccm: null,
    blockStorage: null,
    sharedStorage: null,
    objectStore: null,
    loadBalancer: null,
    substitutes: [],
  }),
  check: () => [],
  credentials: () => [],
  addons: () => [],
  ingressService: () => ({ type: 'LoadBalancer', annotations: {} }),
  storageClasses: () => [],
};
