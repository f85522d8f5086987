/**
 * The `spec.cloud` section: which cloud the platform runs on and that cloud's
 * own settings. One branch per provider, told apart by `provider`.
 */
import { z } from 'zod';
import { libvirtCloudSchema } from '../clouds/libvirt/spec.js';
import { byteSize, cidr, count, dnsLabel, nameOrId, secretRef } from './fields.js';

const openstack = z
  .strictObject({
    provider: z.literal('openstack'),
    cloudName: z
      .string()
      .min(1)
      .default('openstack')
      .describe('The entry in clouds.yaml to use. Default: openstack.'),
    credentials: secretRef(
      'clouds.yaml (application credentials)',
      'key clouds.yaml; key cacert if present',
    ).describe(
      'The Secret with clouds.yaml (prefer application credentials to passwords). One Secret serves CAPO, the cloud controller manager and the CSI drivers.',
    ),
    region: z.string().min(1).optional().describe('Region name, when the cloud has several.'),
    network: z
      .union([
        z.strictObject({
          existing: nameOrId('network').describe(
            'Use a network that already exists (with its route to the Ceph network, for example).',
          ),
          subnet: nameOrId('subnet')
            .optional()
            .describe('The subnet to use on that network. Default: the only one.'),
        }),
        z.strictObject({
          create: z
            .strictObject({
              cidr: cidr.default('10.10.0.0/24').describe('The node subnet. Default: 10.10.0.0/24.'),
              dnsNameservers: z.array(z.string().min(1)).default([]).describe('DNS servers for the subnet.'),
            })
            .describe('Let CAPO create a network, subnet and router.'),
        }),
      ])
      .default({ create: { cidr: '10.10.0.0/24', dnsNameservers: [] } })
      .describe('The node network: `existing` (name or id) or `create`. Default: create 10.10.0.0/24.'),
    externalNetwork: nameOrId('external network')
      .optional()
      .describe('The external network for the router and floating IPs. Default: the only external one.'),
    additionalNetworks: z
      .array(nameOrId('network'))
      .default([])
      .describe(
        'Extra networks every node gets a port on (for example a storage network that reaches CephFS).',
      ),
    image: nameOrId('image').describe(
      'The node image (with kubeadm, kubelet and containerd for the Kubernetes version).',
    ),
    sshKeyName: z.string().min(1).optional().describe('Name of an OpenStack keypair to put on every node.'),
    loadBalancer: z
      .enum(['amphora', 'ovn', 'none'])
      .default('amphora')
      .describe(
        'Octavia provider for the API server and for Services of type LoadBalancer: amphora, ovn, or none (no Octavia: API server on a floating IP, ingress on NodePorts behind an external proxy). Default: amphora.',
      ),
    apiServerFloatingIP: z
      .string()
      .optional()
      .describe('A floating IP to give the API server, kept across rebuilds.'),
    availabilityZone: z.string().min(1).optional().describe('Compute availability zone for all machines.'),
    volumeAvailabilityZone: z.string().min(1).optional().describe('Availability zone for Cinder volumes.'),
    blockVolumeType: z
      .string()
      .min(1)
      .optional()
      .describe('Cinder volume type for the default StorageClass.'),
    manilaShareType: z
      .string()
      .min(1)
      .default('cephfsnativetype')
      .describe('Manila share type for CephFS shares. Default: cephfsnativetype.'),
    allowedCIDRs: z
      .array(cidr)
      .default([])
      .describe('CIDRs allowed to reach the API server load balancer. Default: any.'),
  })
  .describe('OpenStack through Cluster API Provider OpenStack (CAPO).');

/** RWX storage on clouds without a managed file service that CSI can provision (DigitalOcean, Linode). */
const sharedFilesystem = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('nfs'),
        server: z
          .string()
          .min(1)
          .describe('NFS server address (a DigitalOcean NFS share, or your own server).'),
        path: z.string().startsWith('/', { message: 'expected an absolute export path' }),
      })
      .describe('An NFS export; csi-driver-nfs makes one subdirectory per volume.'),
    z
      .strictObject({
        type: z.literal('rookCephfs'),
        osdSize: byteSize.default('500Gi').describe('Size of each Ceph OSD block volume. Default: 500Gi.'),
        osdCount: count(3).default(3).describe('Number of OSDs (at least 3, one per node). Default: 3.'),
      })
      .describe('A Rook Ceph cluster on block volumes, serving CephFS.'),
  ])
  .default({ type: 'rookCephfs', osdSize: '500Gi', osdCount: 3 })
  .describe('Shared (RWX) storage: an NFS export, or Rook CephFS on block volumes. Default: rookCephfs.');

const digitalocean = z
  .strictObject({
    provider: z.literal('digitalocean'),
    credentials: secretRef('API token', 'key access-token'),
    region: z.string().min(1).describe('Region slug, such as ams3 or lon1.'),
    image: z.string().min(1).describe('Droplet image id or slug prepared for Kubernetes.'),
    sshKeys: z
      .array(z.union([z.string().min(1), z.number().int()]))
      .default([])
      .describe('SSH key ids or fingerprints.'),
    vpc: z
      .strictObject({ uuid: z.string().min(1).describe('UUID of an existing VPC.') })
      .optional()
      .describe('Use an existing VPC. Default: the region default VPC.'),
    sharedStorage: sharedFilesystem,
  })
  .describe('DigitalOcean through CAPDO.');

const linode = z
  .strictObject({
    provider: z.literal('linode'),
    credentials: secretRef('API token', 'key apiToken'),
    region: z.string().min(1).describe('Region, such as us-ord or eu-central.'),
    image: z.string().min(1).default('linode/ubuntu22.04').describe('Image. Default: linode/ubuntu22.04.'),
    authorizedKeys: z.array(z.string().min(1)).default([]).describe('SSH public keys for the nodes.'),
    vpc: z
      .union([
        z.strictObject({ existingID: z.number().int().positive().describe('ID of an existing VPC.') }),
        z.strictObject({ create: z.strictObject({ cidr: cidr.default('10.0.0.0/8') }) }),
      ])
      .default({ create: { cidr: '10.0.0.0/8' } })
      .describe(
        'The VPC: an existing one by id, or one created for the cluster. Default: create 10.0.0.0/8.',
      ),
    sharedStorage: sharedFilesystem,
  })
  .describe('Linode (Akamai) through CAPL.');

const aws = z
  .strictObject({
    provider: z.literal('aws'),
    credentials: secretRef('access key', 'keys AccessKeyID, SecretAccessKey'),
    region: z.string().min(1).describe('Region, such as eu-west-2.'),
    sshKeyName: z.string().min(1).optional().describe('EC2 key pair name.'),
    ami: z
      .string()
      .regex(/^ami-[0-9a-f]+$/, { message: 'expected an AMI id such as ami-0123456789abcdef0' })
      .optional()
      .describe('AMI id. Default: CAPA looks up its published image for the Kubernetes version.'),
    network: z
      .union([
        z.strictObject({
          existing: z.strictObject({
            vpcID: z.string().regex(/^vpc-[0-9a-f]+$/, { message: 'expected a VPC id such as vpc-0123abcd' }),
            subnetIDs: z
              .array(
                z
                  .string()
                  .regex(/^subnet-[0-9a-f]+$/, { message: 'expected a subnet id such as subnet-0123abcd' }),
              )
              .min(1),
          }),
        }),
        z.strictObject({ create: z.strictObject({ cidr: cidr.default('10.0.0.0/16') }) }),
      ])
      .default({ create: { cidr: '10.0.0.0/16' } })
      .describe('The VPC: `existing` (VPC and subnets) or `create`. Default: create 10.0.0.0/16.'),
    efsFileSystemID: z
      .string()
      .regex(/^fs-[0-9a-f]+$/, { message: 'expected an EFS file system id such as fs-0123abcd' })
      .optional()
      .describe(
        'An EFS file system for shared (RWX) volumes (one access point per volume). Default: none, no RWX class.',
      ),
  })
  .describe('Amazon Web Services through CAPA.');

const azure = z
  .strictObject({
    provider: z.literal('azure'),
    credentials: secretRef('service principal secret', 'key clientSecret'),
    subscriptionID: z.string().uuid({ message: 'expected the subscription id (a UUID)' }),
    tenantID: z.string().uuid({ message: 'expected the tenant id (a UUID)' }),
    clientID: z.string().uuid({ message: 'expected the service principal client id (a UUID)' }),
    location: z.string().min(1).describe('Region, such as uksouth.'),
    resourceGroup: z.string().min(1).optional().describe('Resource group. Default: the platform name.'),
    sshPublicKey: z.string().min(1).optional().describe('SSH public key (OpenSSH format) for the nodes.'),
    vnet: z
      .union([
        z.strictObject({
          existing: z.strictObject({
            name: z.string().min(1),
            resourceGroup: z.string().min(1),
            controlPlaneSubnet: z
              .string()
              .min(1)
              .default('control-plane-subnet')
              .describe('Existing subnet for the control plane. Default: control-plane-subnet.'),
            nodeSubnet: z
              .string()
              .min(1)
              .default('node-subnet')
              .describe('Existing subnet for the nodes. Default: node-subnet.'),
          }),
        }),
        z.strictObject({ create: z.strictObject({ cidr: cidr.default('10.0.0.0/16') }) }),
      ])
      .default({ create: { cidr: '10.0.0.0/16' } })
      .describe('The virtual network: existing or created. Default: create 10.0.0.0/16.'),
  })
  .describe('Microsoft Azure through CAPZ.');

const dev = z
  .strictObject({
    provider: z.literal('dev'),
    backend: z
      .enum(['docker', 'inMemory'])
      .default('inMemory')
      .describe(
        'CAPD Dev backend: docker (containers as machines) or inMemory (simulated machines, for tests). Default: inMemory.',
      ),
  })
  .describe('A local development cluster through CAPD Dev kinds.');

const existing = z
  .strictObject({
    provider: z.literal('existing'),
    kubeconfig: z
      .strictObject({
        file: z
          .string()
          .min(1)
          .optional()
          .describe('Path of a kubeconfig file. Default: $KUBECONFIG or ~/.kube/config.'),
        context: z.string().min(1).optional().describe('Context to use. Default: the current one.'),
      })
      .default({})
      .describe('How to reach the cluster.'),
    blockStorageClass: dnsLabel('blockStorageClass', 253)
      .optional()
      .describe('StorageClass for RWO volumes. Default: the cluster default.'),
    sharedStorageClass: dnsLabel('sharedStorageClass', 253)
      .optional()
      .describe('StorageClass for RWX volumes, if the cluster has one.'),
    ingressClass: dnsLabel('ingressClass', 253)
      .optional()
      .describe('IngressClass to use. Default: install ingress-nginx.'),
    nodeCapacity: z
      .strictObject({ cpu: z.number().positive(), memoryGiB: z.number().positive() })
      .optional()
      .describe('Capacity of the worker nodes, for the capacity check.'),
  })
  .describe(
    'A cluster made elsewhere (Magnum, Terraform, a managed service): no Cluster API objects are rendered.',
  );

export const providers = [
  'openstack',
  'digitalocean',
  'linode',
  'aws',
  'azure',
  'libvirt',
  'dev',
  'existing',
] as const;
export type Provider = (typeof providers)[number];

export const cloudSchema = z
  .discriminatedUnion('provider', [
    openstack,
    digitalocean,
    linode,
    aws,
    azure,
    libvirtCloudSchema,
    dev,
    existing,
  ])
  .describe('The cloud and its own settings; `provider` picks the branch.');

export type CloudSpec = z.output<typeof cloudSchema>;
export type CloudOf<P extends Provider> = Extract<CloudSpec, { provider: P }>;
