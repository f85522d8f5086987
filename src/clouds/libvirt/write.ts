/** The VM table of the plan summary: which VM runs on which host, with what address and shape. */
import type { PlatformOn } from '../types.js';
import { placeVms } from './placement.js';

type LV = PlatformOn<'libvirt'>;

/** One line per VM: where it runs, its address and shape. */
export function vmTable(p: LV): string {
  const rows = [
    ['VM', 'HOST', 'ADDRESS', 'SIZE', 'VCPU', 'MEMORY', 'DISK'],
    ...placeVms(p).vms.map((v) => [
      v.name,
      v.host,
      v.address,
      v.sizeName,
      String(v.size.vcpu),
      `${v.size.memoryMiB / 1024}Gi`,
      `${v.size.diskGiB}Gi`,
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return `${rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}
