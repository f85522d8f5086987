/**
 * Common Azure VM sizes (vCPUs, memory). Every one has premium storage (the `s`
 * in its name); the OS disk (spec rootVolume, default 128 GiB) holds pods' ephemeral storage.
 */
import type { MachineCapacity } from '../types.js';

export const azureSizes: Readonly<Record<string, MachineCapacity>> = {
  // Burstable
  Standard_B2ms: { cpu: 2, memoryGiB: 8 },
  Standard_B4ms: { cpu: 4, memoryGiB: 16 },
  // General purpose
  Standard_D2s_v5: { cpu: 2, memoryGiB: 8 },
  Standard_D4s_v5: { cpu: 4, memoryGiB: 16 },
  Standard_D8s_v5: { cpu: 8, memoryGiB: 32 },
  Standard_D16s_v5: { cpu: 16, memoryGiB: 64 },
  Standard_D32s_v5: { cpu: 32, memoryGiB: 128 },
  Standard_D4ds_v5: { cpu: 4, memoryGiB: 16 },
  Standard_D8ds_v5: { cpu: 8, memoryGiB: 32 },
  Standard_D16ds_v5: { cpu: 16, memoryGiB: 64 },
  // Memory optimised
  Standard_E4s_v5: { cpu: 4, memoryGiB: 32 },
  Standard_E8s_v5: { cpu: 8, memoryGiB: 64 },
  Standard_E16s_v5: { cpu: 16, memoryGiB: 128 },
  Standard_E32s_v5: { cpu: 32, memoryGiB: 256 },
  Standard_E8ds_v5: { cpu: 8, memoryGiB: 64 },
  Standard_E16ds_v5: { cpu: 16, memoryGiB: 128 },
};
