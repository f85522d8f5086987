/** Placeholder: the digitalocean module is being written; it renders nothing yet. */
import type { CloudModule } from '../types.js';

export const digitalocean: CloudModule<'digitalocean'> = {
  provider: 'digitalocean',
  sizes: {},
  facts: () => ({
    title: 'digitalocean',
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
