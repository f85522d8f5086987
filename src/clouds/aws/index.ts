/** Placeholder: the aws module is being written; it renders nothing yet. */
import type { CloudModule } from '../types.js';

export const aws: CloudModule<'aws'> = {
  provider: 'aws',
  sizes: {},
  facts: () => ({
    title: 'aws',
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
