/**
 * The node-mount mode of Manila data sets, as the first users ran it when the
 * CSI mounts would not work: every worker mounts the CephFS share read-only at
 * boot (kubeadm preKubeadmCommands + /etc/fstab, so it comes back after a
 * reboot), and pods get it through a hostPath PersistentVolume (datasets.ts).
 *
 * The share's export location (monitors:/path) and the cephx key of its access
 * rule are not in the spec: they come from a management-cluster Secret per
 * data set, `<platform>-manila-<set>` with keys `export` and `key`, which
 * kubeadm writes to the node (files.contentFrom), never into the manifests.
 */
import type { NodeSetup } from '../render/seam.js';
import type { Platform } from '../spec/schema.js';
import type { DatasetSpec } from '../spec/datasets.js';
import { nodeMountRoot } from './datasets.js';

export function nodeMounted(p: Platform): DatasetSpec[] {
  return p.spec.datasets.filter((d) => d.source.type === 'manila' && d.source.mode === 'nodeMount');
}

/** Management-cluster Secrets the node-mount mode reads, with the keys each must hold. */
export function nodeMountSecrets(p: Platform): { name: string; keys: string[]; dataset: string }[] {
  return nodeMounted(p).map((d) => ({
    name: `${p.metadata.name}-manila-${d.name}`,
    keys: ['export', 'key'],
    dataset: d.name,
  }));
}

export function nodeSetup(p: Platform): NodeSetup {
  const sets = nodeMounted(p);
  if (sets.length === 0) return { files: [], preKubeadmCommands: [], mounts: [] };
  const files: Record<string, unknown>[] = [];
  const commands: string[] = [
    // mount.ceph reads secretfile=; images without it get ceph-common once.
    'command -v mount.ceph >/dev/null 2>&1 || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ceph-common)',
  ];
  for (const d of sets) {
    if (d.source.type !== 'manila') continue;
    const secret = `${p.metadata.name}-manila-${d.name}`;
    const keyFile = `/etc/ceph/aglais-${d.name}.secret`;
    const exportFile = `/etc/aglais/manila/${d.name}.export`;
    const dir = `${nodeMountRoot}/${d.name}`;
    const user = d.source.accessRuleName ?? d.source.accessRuleID ?? d.name;
    files.push(
      {
        path: keyFile,
        owner: 'root:root',
        permissions: '0600',
        contentFrom: { secret: { name: secret, key: 'key' } },
      },
      {
        path: exportFile,
        owner: 'root:root',
        permissions: '0644',
        contentFrom: { secret: { name: secret, key: 'export' } },
      },
    );
    commands.push(
      `mkdir -p ${dir}`,
      `grep -q ' ${dir} ' /etc/fstab || echo "$(tr -d '\\n' < ${exportFile}) ${dir} ceph name=${user},secretfile=${keyFile},ro,noatime,_netdev 0 0" >> /etc/fstab`,
      `mountpoint -q ${dir} || mount ${dir}`,
    );
  }
  return { files, preKubeadmCommands: commands, mounts: [] };
}
