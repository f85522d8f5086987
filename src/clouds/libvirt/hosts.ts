/**
 * Everything the hosts need, as files: per host `hosts/<host>/` holds the
 * storage pool and network XML, the volume and domain XML of its VMs, their
 * NoCloud seeds (as text to read and as the ISO image to upload) and an
 * apply.sh that creates them with virsh over the host's libvirt URI (remove.sh
 * takes VMs away again, for replacing a broken one or tearing down).
 * Relative path → content (text, or bytes for the ISO images), sorted by path.
 */
import type { PlatformOn } from '../types.js';
import {
  baseImageVolume,
  baseVolumeXml,
  domainXml,
  networkName,
  networkXml,
  poolXml,
  rootVolume,
  rootVolumeXml,
  seedVolume,
  seedVolumeXml,
} from './libvirt-xml.js';
import { isoImage } from './iso.js';
import { placeVms, type VmPlan } from './placement.js';
import { metaData, networkConfig, userData } from './seed.js';

type LV = PlatformOn<'libvirt'>;

export function hostArtefacts(p: LV): Map<string, string | Uint8Array> {
  const vms = placeVms(p).vms;
  const files = new Map<string, string | Uint8Array>();
  for (const host of p.spec.cloud.hosts) {
    const dir = `hosts/${host.name}`;
    const mine = vms.filter((v) => v.host === host.name);
    files.set(`${dir}/pool.xml`, poolXml(p));
    files.set(`${dir}/network.xml`, networkXml(p));
    files.set(`${dir}/volumes/${baseImageVolume(p)}.xml`, baseVolumeXml(p));
    for (const vm of mine) {
      files.set(`${dir}/volumes/${rootVolume(vm)}.xml`, rootVolumeXml(p, vm));
      files.set(`${dir}/volumes/${seedVolume(vm)}.xml`, seedVolumeXml(vm));
      files.set(`${dir}/domains/${vm.name}.xml`, domainXml(p, vm));
      const seed = [
        { name: 'meta-data', content: metaData(vm) },
        { name: 'network-config', content: networkConfig(p, vm) },
        { name: 'user-data', content: userData(p, vm) },
      ];
      for (const f of seed) files.set(`${dir}/seeds/${vm.name}/${f.name}`, f.content);
      files.set(`${dir}/seeds/${vm.name}.iso`, isoImage('cidata', seed));
    }
    files.set(`${dir}/apply.sh`, applyScript(p, host.uri, mine));
    files.set(`${dir}/remove.sh`, removeScript(p, host.uri, mine));
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The virsh steps for one host, idempotent: define what is missing, never
 * touch a running VM. Run from the host's directory; needs only virsh (and
 * curl for an image URL) where it runs, nothing on the host.
 */
export function applyScript(p: LV, uri: string, vms: readonly VmPlan[]): string {
  const c = p.spec.cloud;
  const pool = c.storagePool.name;
  const base = baseImageVolume(p);
  const lines = [
    '#!/bin/sh',
    `# aglais: create the VMs of platform ${p.metadata.name} on this host. Safe to run again.`,
    'set -eu',
    'cd "$(dirname "$0")"',
    `v() { virsh -q -c ${q(uri)} "$@"; }`,
    `v pool-info ${q(pool)} >/dev/null 2>&1 || { v pool-define pool.xml; v pool-build ${q(pool)}; }`,
    `v pool-start ${q(pool)} >/dev/null 2>&1 || true`,
    `v pool-autostart ${q(pool)}`,
    `v net-info ${q(networkName(p))} >/dev/null 2>&1 || v net-define network.xml`,
    `v net-start ${q(networkName(p))} >/dev/null 2>&1 || true`,
    `v net-autostart ${q(networkName(p))}`,
    `if ! v vol-info --pool ${q(pool)} ${q(base)} >/dev/null 2>&1; then`,
    `  v vol-create ${q(pool)} volumes/${q(`${base}.xml`)}`,
    c.image.url
      ? `  img="$(mktemp)"; curl -fsSL -o "$img" ${q(c.image.url)}`
      : `  img=${q(c.image.path ?? '')}`,
    ...(c.image.sha256 ? [`  echo ${q(`${c.image.sha256}  `)}"$img" | sha256sum -c -`] : []),
    `  v vol-upload --pool ${q(pool)} ${q(base)} "$img"`,
    'fi',
  ];
  for (const vm of vms) {
    lines.push(
      `if ! v dominfo ${q(vm.name)} >/dev/null 2>&1; then`,
      `  v vol-create ${q(pool)} volumes/${q(`${rootVolume(vm)}.xml`)}`,
      `  v vol-create ${q(pool)} volumes/${q(`${seedVolume(vm)}.xml`)}`,
      `  v vol-upload --pool ${q(pool)} ${q(seedVolume(vm))} seeds/${q(`${vm.name}.iso`)}`,
      `  v define domains/${q(`${vm.name}.xml`)}`,
      `  v autostart ${q(vm.name)}`,
      `  v start ${q(vm.name)}`,
      'fi',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `remove.sh [VM...]`: stops and undefines the named VMs of this host (default:
 * all of the platform's) and deletes their root and seed volumes. The pool,
 * the network and the base image stay for the next apply.sh.
 */
export function removeScript(p: LV, uri: string, vms: readonly VmPlan[]): string {
  const pool = p.spec.cloud.storagePool.name;
  const known = vms.map((vm) => vm.name);
  return `${[
    '#!/bin/sh',
    `# aglais: remove VMs of platform ${p.metadata.name} from this host (all of them, or those named).`,
    'set -eu',
    `v() { virsh -q -c ${q(uri)} "$@"; }`,
    `known=${q(known.join(' '))}`,
    'if [ "$#" -eq 0 ]; then set -- $known; fi',
    'for vm in "$@"; do',
    '  case " $known " in *" $vm "*) ;; *) echo "remove.sh: $vm is not a VM of this host: expected one of $known" >&2; exit 2 ;; esac',
    '  v destroy "$vm" >/dev/null 2>&1 || true',
    '  v undefine "$vm" >/dev/null 2>&1 || true',
    `  v vol-delete --pool ${q(pool)} "$vm.qcow2" >/dev/null 2>&1 || true`,
    `  v vol-delete --pool ${q(pool)} "$vm-seed.iso" >/dev/null 2>&1 || true`,
    'done',
  ].join('\n')}\n`;
}
