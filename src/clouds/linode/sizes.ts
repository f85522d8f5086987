/**
 * Common Linode plans (type → vCPUs, memory, disk). The disk belongs to the plan,
 * so it is the node's ephemeral storage.
 */
import type { MachineCapacity } from '../types.js';

export const linodeSizes: Readonly<Record<string, MachineCapacity>> = {
  // Shared CPU
  'g6-standard-2': { cpu: 2, memoryGiB: 4, ephemeralGiB: 80 },
  'g6-standard-4': { cpu: 4, memoryGiB: 8, ephemeralGiB: 160 },
  'g6-standard-6': { cpu: 6, memoryGiB: 16, ephemeralGiB: 320 },
  'g6-standard-8': { cpu: 8, memoryGiB: 32, ephemeralGiB: 640 },
  'g6-standard-16': { cpu: 16, memoryGiB: 64, ephemeralGiB: 1280 },
  'g6-standard-20': { cpu: 20, memoryGiB: 96, ephemeralGiB: 1920 },
  // Dedicated CPU
  'g6-dedicated-2': { cpu: 2, memoryGiB: 4, ephemeralGiB: 80 },
  'g6-dedicated-4': { cpu: 4, memoryGiB: 8, ephemeralGiB: 160 },
  'g6-dedicated-8': { cpu: 8, memoryGiB: 16, ephemeralGiB: 320 },
  'g6-dedicated-16': { cpu: 16, memoryGiB: 32, ephemeralGiB: 640 },
  'g6-dedicated-32': { cpu: 32, memoryGiB: 64, ephemeralGiB: 1280 },
  'g6-dedicated-48': { cpu: 48, memoryGiB: 96, ephemeralGiB: 1920 },
  // High memory
  'g7-highmem-1': { cpu: 2, memoryGiB: 24, ephemeralGiB: 20 },
  'g7-highmem-2': { cpu: 2, memoryGiB: 48, ephemeralGiB: 40 },
  'g7-highmem-4': { cpu: 4, memoryGiB: 90, ephemeralGiB: 90 },
  'g7-highmem-8': { cpu: 8, memoryGiB: 150, ephemeralGiB: 200 },
  'g7-highmem-16': { cpu: 16, memoryGiB: 300, ephemeralGiB: 340 },
};
