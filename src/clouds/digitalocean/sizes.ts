/**
 * Common Droplet sizes (slug → vCPUs, memory, local SSD). The disk is part of the
 * size and cannot be changed, so it is the node's ephemeral storage.
 */
import type { MachineCapacity } from '../types.js';

export const doSizes: Readonly<Record<string, MachineCapacity>> = {
  // Basic (shared CPU)
  's-2vcpu-4gb': { cpu: 2, memoryGiB: 4, ephemeralGiB: 80 },
  's-4vcpu-8gb': { cpu: 4, memoryGiB: 8, ephemeralGiB: 160 },
  's-8vcpu-16gb': { cpu: 8, memoryGiB: 16, ephemeralGiB: 320 },
  // General purpose (dedicated CPU)
  'g-2vcpu-8gb': { cpu: 2, memoryGiB: 8, ephemeralGiB: 25 },
  'g-4vcpu-16gb': { cpu: 4, memoryGiB: 16, ephemeralGiB: 50 },
  'g-8vcpu-32gb': { cpu: 8, memoryGiB: 32, ephemeralGiB: 100 },
  'g-16vcpu-64gb': { cpu: 16, memoryGiB: 64, ephemeralGiB: 200 },
  'g-32vcpu-128gb': { cpu: 32, memoryGiB: 128, ephemeralGiB: 400 },
  // CPU-optimised
  'c-4': { cpu: 4, memoryGiB: 8, ephemeralGiB: 50 },
  'c-8': { cpu: 8, memoryGiB: 16, ephemeralGiB: 100 },
  'c-16': { cpu: 16, memoryGiB: 32, ephemeralGiB: 200 },
  // Memory-optimised
  'm-2vcpu-16gb': { cpu: 2, memoryGiB: 16, ephemeralGiB: 50 },
  'm-4vcpu-32gb': { cpu: 4, memoryGiB: 32, ephemeralGiB: 100 },
  'm-8vcpu-64gb': { cpu: 8, memoryGiB: 64, ephemeralGiB: 200 },
  'm-16vcpu-128gb': { cpu: 16, memoryGiB: 128, ephemeralGiB: 400 },
  'm-32vcpu-256gb': { cpu: 32, memoryGiB: 256, ephemeralGiB: 800 },
};
