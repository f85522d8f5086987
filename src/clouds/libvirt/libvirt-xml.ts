/**
 * libvirt's own documents for a platform: the storage pool, the bridged
 * network, the volumes (base image, root disks, seeds) and the domains.
 * Each is checked by virt-xml-validate in the tests.
 */
import type { PlatformOn } from '../types.js';
import type { VmPlan } from './placement.js';
import { el, renderXml } from './xml.js';

type LV = PlatformOn<'libvirt'>;

/** Namespace of aglais's own metadata in domain XML. */
export const metadataNamespace = 'https://aglais.dev/libvirt/v1';

/** libvirt network name: a bridged network over the host bridge. */
export function networkName(p: LV): string {
  return `aglais-${p.spec.cloud.network.bridge}`;
}

/** Volume names in the storage pool. */
export function baseImageVolume(p: LV): string {
  const c = p.spec.cloud;
  const from = c.image.url ?? c.image.path ?? '';
  const file = from.split('/').pop() ?? 'image';
  return `base-${file.replace(/[^A-Za-z0-9._-]/g, '_').replace(/\.(img|qcow2)$/, '')}.qcow2`;
}
export const rootVolume = (vm: VmPlan): string => `${vm.name}.qcow2`;
export const seedVolume = (vm: VmPlan): string => `${vm.name}-seed.iso`;

export function poolXml(p: LV): string {
  const sp = p.spec.cloud.storagePool;
  return renderXml(
    el(
      'pool',
      { type: 'dir' },
      el('name', {}, sp.name),
      el('target', {}, el('path', {}, sp.path), el('permissions', {}, el('mode', {}, '0711'))),
    ),
  );
}

/** A libvirt network that hands VMs to the existing host bridge: no NAT, no DHCP from libvirt. */
export function networkXml(p: LV): string {
  return renderXml(
    el(
      'network',
      {},
      el('name', {}, networkName(p)),
      el('forward', { mode: 'bridge' }),
      el('bridge', { name: p.spec.cloud.network.bridge }),
    ),
  );
}

/** The base image volume; aglais uploads the image into it (vol-upload) once per host. */
export function baseVolumeXml(p: LV): string {
  return renderXml(
    el(
      'volume',
      { type: 'file' },
      el('name', {}, baseImageVolume(p)),
      // Grown by the upload; libvirt needs a starting capacity.
      el('capacity', { unit: 'bytes' }, '0'),
      el('target', {}, el('format', { type: 'qcow2' })),
    ),
  );
}

/** A VM's root disk: a qcow2 overlay on the base image, grown to the size's disk. */
export function rootVolumeXml(p: LV, vm: VmPlan): string {
  const sp = p.spec.cloud.storagePool;
  return renderXml(
    el(
      'volume',
      { type: 'file' },
      el('name', {}, rootVolume(vm)),
      el('capacity', { unit: 'GiB' }, String(vm.size.diskGiB)),
      el('target', {}, el('format', { type: 'qcow2' })),
      el(
        'backingStore',
        {},
        el('path', {}, `${sp.path}/${baseImageVolume(p)}`),
        el('format', { type: 'qcow2' }),
      ),
    ),
  );
}

/** The NoCloud seed volume (an ISO 9660 image labelled cidata), filled by vol-upload. */
export function seedVolumeXml(vm: VmPlan): string {
  return renderXml(
    el(
      'volume',
      { type: 'file' },
      el('name', {}, seedVolume(vm)),
      el('capacity', { unit: 'MiB' }, '1'),
      el('target', {}, el('format', { type: 'raw' })),
    ),
  );
}

export function domainXml(p: LV, vm: VmPlan): string {
  const pool = p.spec.cloud.storagePool.name;
  return renderXml(
    el(
      'domain',
      { type: 'kvm' },
      el('name', {}, vm.name),
      el('uuid', {}, vm.uuid),
      el('title', {}, `${p.metadata.name} ${vm.role} (${vm.group})`),
      el(
        'metadata',
        {},
        el('aglais:vm', {
          'xmlns:aglais': metadataNamespace,
          platform: p.metadata.name,
          group: vm.group,
          role: vm.role,
          size: vm.sizeName,
        }),
      ),
      el('memory', { unit: 'MiB' }, String(vm.size.memoryMiB)),
      el('currentMemory', { unit: 'MiB' }, String(vm.size.memoryMiB)),
      el('vcpu', { placement: 'static' }, String(vm.size.vcpu)),
      el('os', {}, el('type', { arch: 'x86_64', machine: 'q35' }, 'hvm'), el('boot', { dev: 'hd' })),
      el('features', {}, el('acpi'), el('apic')),
      // Spark and the JVM want the host's CPU flags (AVX and friends).
      el('cpu', { mode: 'host-passthrough', check: 'none', migratable: 'on' }),
      el('clock', { offset: 'utc' }),
      el('on_poweroff', {}, 'destroy'),
      el('on_reboot', {}, 'restart'),
      el('on_crash', {}, 'restart'),
      el(
        'devices',
        {},
        el(
          'disk',
          { type: 'volume', device: 'disk' },
          el('driver', { name: 'qemu', type: 'qcow2', discard: 'unmap' }),
          el('source', { pool, volume: rootVolume(vm) }),
          el('target', { dev: 'vda', bus: 'virtio' }),
        ),
        el(
          'disk',
          { type: 'volume', device: 'cdrom' },
          el('driver', { name: 'qemu', type: 'raw' }),
          el('source', { pool, volume: seedVolume(vm) }),
          el('target', { dev: 'sda', bus: 'sata' }),
          el('readonly'),
        ),
        el(
          'interface',
          { type: 'network' },
          el('mac', { address: vm.mac }),
          el('source', { network: networkName(p) }),
          el('model', { type: 'virtio' }),
        ),
        el('serial', { type: 'pty' }, el('target', { port: '0' })),
        el('console', { type: 'pty' }, el('target', { type: 'serial', port: '0' })),
        el('channel', { type: 'unix' }, el('target', { type: 'virtio', name: 'org.qemu.guest_agent.0' })),
        el('rng', { model: 'virtio' }, el('backend', { model: 'random' }, '/dev/urandom')),
        el('memballoon', { model: 'virtio' }),
      ),
    ),
  );
}
