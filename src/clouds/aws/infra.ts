/**
 * CAPA objects (infrastructure.cluster.x-k8s.io/v1beta2, CAPA v2.11): the AWSCluster,
 * its AWSClusterStaticIdentity and machine templates.
 */
import { object } from '../../render/meta.js';
import type { KubernetesObject } from '../../render/types.js';
import type { MachineRequest, PlatformOn } from '../types.js';

export const capaVersion = 'infrastructure.cluster.x-k8s.io/v1beta2';

type AWS = PlatformOn<'aws'>;

/** Default root EBS volume when the spec gives none: room for images, logs and Spark scratch. */
export const defaultRootGiB = { 'control-plane': 50, worker: 100 } as const;

/** Cluster-scoped, so named after the namespace too: two platforms of the same name must not share it. */
export function identityName(p: AWS, namespace: string): string {
  return namespace === p.metadata.name ? `${p.metadata.name}-aws` : `${namespace}-${p.metadata.name}-aws`;
}

/** Node-to-node traffic of the pod network, which CAPA's default rules (Calico IP-in-IP) do not cover. */
function cniIngressRules(p: AWS): Record<string, unknown>[] {
  return p.spec.kubernetes.cni === 'cilium'
    ? [
        { description: 'cilium vxlan', protocol: 'udp', fromPort: 8472, toPort: 8472 },
        { description: 'cilium health', protocol: 'tcp', fromPort: 4240, toPort: 4240 },
      ]
    : [
        { description: 'calico vxlan', protocol: 'udp', fromPort: 4789, toPort: 4789 },
        { description: 'calico typha', protocol: 'tcp', fromPort: 5473, toPort: 5473 },
      ];
}

export function awsCluster(p: AWS, namespace: string): KubernetesObject {
  const c = p.spec.cloud;
  const network: Record<string, unknown> = { cni: { cniIngressRules: cniIngressRules(p) } };
  if ('existing' in c.network) {
    network['vpc'] = { id: c.network.existing.vpcID };
    network['subnets'] = c.network.existing.subnetIDs.map((id) => ({ id }));
  } else {
    network['vpc'] = { cidrBlock: c.network.create.cidr };
  }
  const spec: Record<string, unknown> = {
    region: c.region,
    identityRef: { kind: 'AWSClusterStaticIdentity', name: identityName(p, namespace) },
    // An NLB in front of the API servers, health-checked on /readyz over HTTPS.
    controlPlaneLoadBalancer: { loadBalancerType: 'nlb', healthCheckProtocol: 'HTTPS' },
    network,
  };
  if (c.sshKeyName) spec['sshKeyName'] = c.sshKeyName;
  return object(p, capaVersion, 'AWSCluster', p.metadata.name, namespace, { spec });
}

export function awsIdentity(p: AWS, namespace: string): KubernetesObject[] {
  return [
    object(p, capaVersion, 'AWSClusterStaticIdentity', identityName(p, namespace), undefined, {
      spec: {
        // CAPA reads this Secret from its own namespace (capa-system), not from the platform's.
        secretRef: p.spec.cloud.credentials.secretName,
        allowedNamespaces: { list: [namespace] },
      },
    }),
  ];
}

export function awsMachineTemplate(
  p: AWS,
  m: MachineRequest,
): { kind: string; spec: Record<string, unknown> } {
  const c = p.spec.cloud;
  const spec: Record<string, unknown> = {
    instanceType: m.size,
    // The instance profiles clusterawsadm creates; the control-plane one lets the CCM manage load balancers.
    iamInstanceProfile:
      m.role === 'control-plane'
        ? 'control-plane.cluster-api-provider-aws.sigs.k8s.io'
        : 'nodes.cluster-api-provider-aws.sigs.k8s.io',
    rootVolume: {
      size: m.rootVolume?.sizeGiB ?? defaultRootGiB[m.role],
      type: m.rootVolume?.type ?? 'gp3',
      encrypted: true,
    },
    // IMDSv2 only; two hops so that pods (CSI node plugins) reach it too.
    instanceMetadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 2 },
  };
  if (c.ami) spec['ami'] = { id: c.ami };
  if (c.sshKeyName) spec['sshKeyName'] = c.sshKeyName;
  return { kind: 'AWSMachineTemplate', spec };
}
