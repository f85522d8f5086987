/** Placeholder: the azure module is being written; it renders nothing yet. */
import type { CloudModule } from '../types.js';

export const azure: CloudModule<'azure'> = {
  provider: 'azure',
  sizes: {},
  facts: () => ({
    title: 'azure',
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
