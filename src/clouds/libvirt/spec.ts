/**
 * The `spec.cloud` branch for `provider: libvirt`: the team's own libvirt hosts.
 * aglais defines the VMs on the hosts itself (domain XML, volumes, cloud-init seed)
 * and hands them to Cluster API as a pool of k0smotron RemoteMachines (docs/libvirt.md).
 */
import { z } from 'zod';
import { byteSize, cidr, count, dnsLabel, secretRef } from '../../spec/fields.js';

const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4Pattern = `${octet}(\\.${octet}){3}`;

/** An IPv4 address such as `192.0.2.10`. */
export const ipv4 = z.string().regex(new RegExp(`^${ipv4Pattern}$`), {
  message: 'expected an IPv4 address such as 192.0.2.10',
});

/** An IPv4 range `first-last` or a CIDR block, as MetalLB takes them. */
export const ipv4Range = z
  .string()
  .regex(new RegExp(`^${ipv4Pattern}(-${ipv4Pattern}|\\/(3[0-2]|[12]?\\d))$`), {
    message:
      'expected an address range such as 192.0.2.240-192.0.2.250 or a CIDR block such as 192.0.2.240/28',
  });

const sshPublicKey = z
  .string()
  .regex(/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/, {
    message: 'expected an OpenSSH public key line such as "ssh-ed25519 AAAA... comment"',
  });

const hostSchema = z
  .strictObject({
    name: dnsLabel('host name', 30).describe('Short name of the host, unique in the platform.'),
    uri: z
      .string()
      .regex(/^qemu(\+(ssh|tls|tcp|libssh|libssh2))?:\/\/[^/\s]*\/system(\?\S*)?$/, {
        message:
          'expected a libvirt URI of the system instance such as qemu+ssh://aglais@hv1.example.org/system',
      })
      .describe('libvirt connection URI, such as qemu+ssh://aglais@hv1.example.org/system.'),
    capacity: z
      .strictObject({
        cpu: count(1).describe('vCPUs aglais may give to VMs on this host.'),
        memory: byteSize.describe('Memory aglais may give to VMs on this host, such as 192Gi.'),
      })
      .describe('What aglais may use on this host; placement never goes beyond it.'),
  })
  .describe('A libvirt host that runs VMs for the platform.');

const imageSchema = z
  .strictObject({
    url: z
      .string()
      .regex(/^https?:\/\/\S+$/, { message: 'expected an http(s) URL of a cloud image' })
      .optional()
      .describe('URL of a cloud image (qcow2); fetched where aglais runs and uploaded to each host.'),
    path: z
      .string()
      .regex(/^\/\S+$/, { message: 'expected an absolute path' })
      .optional()
      .describe('Path of a cloud image (qcow2) where aglais runs; uploaded to each host.'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { message: 'expected a SHA-256 checksum (64 hex digits)' })
      .optional()
      .describe('Checksum of the image; checked after download.'),
  })
  .refine((v) => (v.url === undefined) !== (v.path === undefined), {
    message: 'give the image url or path, exactly one of them',
  })
  .describe('The base image of every VM: an Ubuntu or Debian cloud image with cloud-init.');

const sizeSchema = z.strictObject({
  vcpu: count(1).describe('Virtual CPUs.'),
  memory: byteSize.describe('Memory, such as 16Gi.'),
  disk: byteSize.describe('Root disk, such as 100Gi.'),
});

export const libvirtCloudSchema = z
  .strictObject({
    provider: z.literal('libvirt'),
    hosts: z.array(hostSchema).min(1, { message: 'expected at least one libvirt host' }),
    storagePool: z
      .strictObject({
        name: dnsLabel('storage pool name').default('aglais'),
        path: z
          .string()
          .regex(/^\/\S+$/, { message: 'expected an absolute path' })
          .default('/var/lib/libvirt/aglais'),
      })
      .default({ name: 'aglais', path: '/var/lib/libvirt/aglais' })
      .describe(
        'Directory storage pool that aglais defines on every host for VM disks and seeds. Default: aglais at /var/lib/libvirt/aglais.',
      ),
    network: z
      .strictObject({
        bridge: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,15}$/, { message: 'expected a Linux bridge name such as br0' })
          .describe('Host bridge on the node network (same name on every host).'),
        cidr: cidr.describe('The node network, such as 192.0.2.0/24.'),
        gateway: ipv4.describe('Default gateway of the node network.'),
        nameservers: z.array(ipv4).default([]).describe('DNS servers for the VMs.'),
        addresses: z
          .strictObject({
            first: ipv4.describe('First address aglais may give to a VM.'),
            last: ipv4.describe('Last address aglais may give to a VM.'),
            perGroup: count(2)
              .default(16)
              .describe(
                'Addresses reserved for the control plane and for each pool, in spec order, so that growing one pool never renumbers another. Default: 16.',
              ),
          })
          .describe('Static addresses of the VMs.'),
      })
      .describe('The node network: a bridge on each host into one routed subnet.'),
    image: imageSchema,
    sizes: z
      .record(dnsLabel('size name'), sizeSchema)
      .default({})
      .describe('VM sizes of your own, added to the built-in small, medium, large and xlarge.'),
    placement: z
      .enum(['spread', 'pack'])
      .default('spread')
      .describe(
        'How VMs are placed on hosts: spread (each group across hosts, for availability) or pack (fill hosts in order). Default: spread.',
      ),
    poolHosts: z
      .record(z.string().min(1), z.array(dnsLabel('host name', 30)).min(1))
      .default({})
      .describe(
        'Hosts a group may use, by pool name (control-plane for the control plane). Default: every host.',
      ),
    spares: count(0)
      .default(1)
      .describe(
        'Extra VMs per group, so that a rolling update or a remediation has a machine to move to. Default: 1.',
      ),
    credentials: secretRef('SSH private key of the VMs', 'key value').describe(
      'The Secret with the private SSH key (key `value`) that Cluster API (k0smotron RemoteMachine) provisions the VMs with.',
    ),
    sshPublicKey: sshPublicKey.describe('The matching public key; aglais puts it on every VM for root.'),
    apiServerVIP: ipv4.describe(
      'Virtual IP of the API server, held by kube-vip on the control plane (on the node network, outside the VM range).',
    ),
    ingressAddresses: ipv4Range.describe(
      'Addresses MetalLB gives to Services of type LoadBalancer; the ingress controller takes the first.',
    ),
    sharedStorage: z
      .strictObject({
        nfs: z.strictObject({
          server: z.string().min(1).describe('NFS server name or address.'),
          share: z
            .string()
            .regex(/^\/\S*$/, { message: 'expected an absolute export path' })
            .describe('Exported directory under which volumes are made.'),
        }),
      })
      .optional()
      .describe('RWX volumes: an NFS export (csi-driver-nfs makes a directory per volume). Default: none.'),
  })
  .describe(
    'Your own libvirt hosts: aglais defines the VMs, Cluster API runs them through k0smotron RemoteMachines.',
  );

export type LibvirtCloudSpec = z.output<typeof libvirtCloudSchema>;
