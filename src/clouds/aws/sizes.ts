/**
 * Common EC2 instance types (vCPUs, memory). They have no local disk: the root
 * EBS volume (spec rootVolume, default 100 GiB) is the node's ephemeral storage.
 */
import type { MachineCapacity } from '../types.js';

export const awsSizes: Readonly<Record<string, MachineCapacity>> = {
  // Burstable
  't3.medium': { cpu: 2, memoryGiB: 4 },
  't3.large': { cpu: 2, memoryGiB: 8 },
  't3.xlarge': { cpu: 4, memoryGiB: 16 },
  // General purpose
  'm6i.large': { cpu: 2, memoryGiB: 8 },
  'm6i.xlarge': { cpu: 4, memoryGiB: 16 },
  'm6i.2xlarge': { cpu: 8, memoryGiB: 32 },
  'm6i.4xlarge': { cpu: 16, memoryGiB: 64 },
  'm6i.8xlarge': { cpu: 32, memoryGiB: 128 },
  'm7i.large': { cpu: 2, memoryGiB: 8 },
  'm7i.xlarge': { cpu: 4, memoryGiB: 16 },
  'm7i.2xlarge': { cpu: 8, memoryGiB: 32 },
  'm7i.4xlarge': { cpu: 16, memoryGiB: 64 },
  // Compute optimised
  'c6i.xlarge': { cpu: 4, memoryGiB: 8 },
  'c6i.2xlarge': { cpu: 8, memoryGiB: 16 },
  // Memory optimised
  'r6i.large': { cpu: 2, memoryGiB: 16 },
  'r6i.xlarge': { cpu: 4, memoryGiB: 32 },
  'r6i.2xlarge': { cpu: 8, memoryGiB: 64 },
  'r6i.4xlarge': { cpu: 16, memoryGiB: 128 },
  'r6i.8xlarge': { cpu: 32, memoryGiB: 256 },
  'r7i.2xlarge': { cpu: 8, memoryGiB: 64 },
  'r7i.4xlarge': { cpu: 16, memoryGiB: 128 },
};
