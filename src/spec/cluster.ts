/** The Kubernetes cluster itself: version, networking, control plane and node pools. */
import { z } from 'zod';
import { byteSize, cidr, count, dnsLabel, labels } from './fields.js';

export const kubernetesSchema = z
  .strictObject({
    version: z
      .string()
      .regex(/^v\d+\.\d+\.\d+$/, {
        message: 'expected a Kubernetes release such as v1.34.2 (with the leading v)',
      })
      .describe('Kubernetes release for the control plane and every node, such as v1.34.2.'),
    podCIDR: cidr.default('172.16.0.0/13').describe('Pod network. Default: 172.16.0.0/13.'),
    serviceCIDR: cidr.default('10.96.0.0/12').describe('Service network. Default: 10.96.0.0/12.'),
    cni: z.enum(['calico', 'cilium']).default('calico').describe('Pod network plugin. Default: calico.'),
  })
  .describe('The Kubernetes release and cluster networking.');

export const rootVolumeSchema = z
  .strictObject({
    sizeGiB: count(10).describe('Root disk size in GiB (at least 10).'),
    type: z
      .string()
      .min(1)
      .optional()
      .describe('Volume type where the cloud has several (Cinder type, EBS type, Azure SKU).'),
  })
  .describe('A root disk separate from the flavor/size default. Not every cloud supports it.');

export const machineCapacitySchema = z
  .strictObject({
    cpu: z.number().positive().describe('CPU cores.'),
    memory: byteSize.describe('Memory, such as 44Gi.'),
    ephemeralStorage: byteSize.optional().describe('Local disk for pods (emptyDir, images, logs).'),
  })
  .describe("The machine's capacity, for the capacity check, when aglais does not know the size's figures.");

export const controlPlaneSchema = z
  .strictObject({
    replicas: count(1)
      .default(3)
      .describe(
        'Control-plane machines: 1, or an odd number for high availability (etcd quorum). Default: 3.',
      ),
    size: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Flavor / size / instance type of the control-plane machines (required on clouds with sizes).',
      ),
    rootVolume: rootVolumeSchema.optional(),
  })
  .default({ replicas: 3 })
  .describe('The control plane (kubeadm, stacked etcd).');

export const taintSchema = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

export const nodePoolSchema = z
  .strictObject({
    name: dnsLabel('pool name', 30).describe('Pool name, unique in the platform.'),
    size: z
      .string()
      .min(1)
      .optional()
      .describe('Flavor / size / instance type (required on clouds with sizes).'),
    replicas: count(0).optional().describe('A fixed number of machines. Give this or autoscale.'),
    autoscale: z
      .strictObject({ min: count(0), max: count(1) })
      .optional()
      .describe('Let the cluster autoscaler choose between min and max machines.'),
    labels: labels.default({}).describe('Node labels. Every node also gets aglais.dev/pool=<name>.'),
    taints: z.array(taintSchema).default([]).describe('Node taints.'),
    rootVolume: rootVolumeSchema.optional(),
    capacity: machineCapacitySchema.optional(),
  })
  .describe('A group of identical worker machines.');

export type KubernetesSpec = z.output<typeof kubernetesSchema>;
export type ControlPlaneSpec = z.output<typeof controlPlaneSchema>;
export type NodePoolSpec = z.output<typeof nodePoolSchema>;
export type RootVolumeSpec = z.output<typeof rootVolumeSchema>;
