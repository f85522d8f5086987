/** CAPDO objects: the DOCluster and machine templates (infrastructure.cluster.x-k8s.io/v1beta1, CAPDO v1.6). */
import { object } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { MachineRequest, PlatformOn } from '../types.js';

export const capdoVersion = 'infrastructure.cluster.x-k8s.io/v1beta1';

type DO = PlatformOn<'digitalocean'>;

export function doCluster(p: DO, namespace: string): KubernetesObject {
  const c = p.spec.cloud;
  const spec: Record<string, unknown> = { region: c.region };
  if (c.vpc) spec['network'] = { vpc: { vpc_uuid: c.vpc.uuid } };
  return object(p, capdoVersion, 'DOCluster', p.metadata.name, namespace, { spec });
}

/** A numeric image is an image id; anything else a slug or name. */
function image(i: string): string | number {
  return /^[0-9]+$/.test(i) ? Number(i) : i;
}

export function doMachineTemplate(p: DO, m: MachineRequest): { kind: string; spec: Record<string, unknown> } {
  const c = p.spec.cloud;
  return {
    kind: 'DOMachineTemplate',
    spec: {
      size: m.size,
      image: image(c.image),
      // Required by the schema even when empty.
      sshKeys: [...c.sshKeys],
      additionalTags: [`aglais-${p.metadata.name}`],
    },
  };
}
