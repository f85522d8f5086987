/**
 * For `aglais plan -o DIR` on libvirt: the host artefacts written under
 * `DIR/hosts/<host>/…` (replacing what an earlier plan wrote there), and a VM
 * table for the plan summary. The plan command calls these; render stays pure.
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PlatformOn } from '../types.js';
import { hostArtefacts } from './hosts.js';
import { placeVms } from './placement.js';

type LV = PlatformOn<'libvirt'>;

/** Writes every host artefact; returns the paths written, sorted. */
export async function writeHostArtefacts(dir: string, p: LV): Promise<string[]> {
  // Only aglais writes under DIR/hosts: a VM that left the spec must not leave its files behind.
  await rm(join(dir, 'hosts'), { recursive: true, force: true });
  const written: string[] = [];
  for (const [rel, content] of hostArtefacts(p)) {
    const path = join(dir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    if (rel.endsWith('.sh')) await chmod(path, 0o755);
    written.push(path);
  }
  return written;
}

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
