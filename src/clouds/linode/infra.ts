/**
 * CAPL objects (infrastructure.cluster.x-k8s.io/v1alpha2, CAPL v0.10): the
 * LinodeCluster, a LinodeVPC when aglais creates the VPC, and machine templates.
 */
import { object } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { MachineRequest, PlatformOn } from '../types.js';

export const caplVersion = 'infrastructure.cluster.x-k8s.io/v1alpha2';
/** The subnet of a VPC aglais creates. */
export const vpcSubnet = 'default';

type Linode = PlatformOn<'linode'>;

function credentialsRef(p: Linode): { name: string } {
  return { name: p.spec.cloud.credentials.secretName };
}

export function linodeCluster(p: Linode, namespace: string): KubernetesObject {
  const c = p.spec.cloud;
  const spec: Record<string, unknown> = { region: c.region, credentialsRef: credentialsRef(p) };
  if ('existingID' in c.vpc) spec['vpcID'] = c.vpc.existingID;
  else {
    spec['vpcRef'] = { apiVersion: caplVersion, kind: 'LinodeVPC', name: p.metadata.name };
    spec['network'] = { subnetName: vpcSubnet };
  }
  return object(p, caplVersion, 'LinodeCluster', p.metadata.name, namespace, { spec });
}

/** The VPC, when aglais creates it; named after the platform (the CCM finds it by that name). */
export function linodeVPC(p: Linode, namespace: string): KubernetesObject[] {
  const c = p.spec.cloud;
  if ('existingID' in c.vpc) return [];
  return [
    object(
      p,
      caplVersion,
      'LinodeVPC',
      p.metadata.name,
      namespace,
      {
        spec: {
          region: c.region,
          credentialsRef: credentialsRef(p),
          subnets: [{ label: vpcSubnet, ipv4: c.vpc.create.cidr }],
        },
      },
      { 'cluster.x-k8s.io/cluster-name': p.metadata.name },
    ),
  ];
}

export function linodeMachineTemplate(
  p: Linode,
  m: MachineRequest,
): { kind: string; spec: Record<string, unknown> } {
  const c = p.spec.cloud;
  const spec: Record<string, unknown> = {
    region: c.region,
    type: m.size,
    image: c.image,
    // CAPL adds the VPC interface from the cluster; the public one carries the NodeBalancer traffic.
    interfaces: [{ purpose: 'public' }],
  };
  if (c.authorizedKeys.length) spec['authorizedKeys'] = [...c.authorizedKeys];
  return { kind: 'LinodeMachineTemplate', spec };
}
