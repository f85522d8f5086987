/** Every cloud aglais renders for, by provider name. */
import type { Provider } from '../spec/cloud.js';
import type { Platform } from '../spec/schema.js';
import { aws } from './aws/index.js';
import { azure } from './azure/index.js';
import { dev } from './dev/index.js';
import { digitalocean } from './digitalocean/index.js';
import { existing } from './existing/index.js';
import { libvirt } from './libvirt/index.js';
import { linode } from './linode/index.js';
import { openstack } from './openstack/index.js';
import type { CloudModule, PlatformOn } from './types.js';

const modules: { readonly [P in Provider]: CloudModule<P> } = {
  openstack,
  digitalocean,
  linode,
  aws,
  azure,
  libvirt,
  dev,
  existing,
};

/** The module for the platform's cloud, typed for that platform. */
export function cloudOf<P extends Provider>(
  p: Platform & { spec: { cloud: { provider: P } } },
): {
  module: CloudModule<P>;
  platform: PlatformOn<P>;
} {
  return { module: modules[p.spec.cloud.provider as P], platform: p as PlatformOn<P> };
}

export function cloudModule<P extends Provider>(provider: P): CloudModule<P> {
  return modules[provider];
}
