/**
 * Scripts the seed puts on every VM. The VMs are long-lived pool members:
 * k0smotron runs Cluster API's kubeadm bootstrap on them over SSH, and on
 * release it runs the reset script, so the VM can serve the next machine.
 */

/** Pinned kube-vip release for the API server VIP (static pod on control-plane VMs). */
export const kubeVipImage = 'ghcr.io/kube-vip/kube-vip:v0.8.9';

export const prepareScript = '/usr/local/sbin/aglais-node-prepare';
export const resetScript = '/usr/local/sbin/aglais-node-reset';
/** Where a control-plane VM keeps its kube-vip manifest; kubeadm reset leaves /etc/aglais alone. */
export const kubeVipSource = '/etc/aglais/kube-vip.yaml';

/**
 * `aglais-node-prepare vX.Y.Z`: waits for first boot to finish, installs
 * kubeadm/kubelet/kubectl of that release (idempotent, so a rollout to a new
 * release reuses the VM), and on control-plane VMs puts kube-vip in place.
 * kubeadm 1.29+ gives admin.conf its RBAC only after init, so the first
 * control-plane node starts kube-vip with super-admin.conf.
 */
export function prepareScriptText(): string {
  return `#!/bin/sh
# aglais: make this VM ready for kubeadm at the given Kubernetes release.
set -eu
release="\${1:?usage: aglais-node-prepare vX.Y.Z}"
v="\${release#v}"
minor="\${v%.*}"
cloud-init status --wait >/dev/null 2>&1 || true
if ! command -v kubeadm >/dev/null 2>&1 || [ "$(kubeadm version -o short)" != "v$v" ]; then
  install -d -m 0755 /etc/apt/keyrings
  curl -fsSL "https://pkgs.k8s.io/core:/stable:/v$minor/deb/Release.key" |
    gpg --dearmor --yes -o /etc/apt/keyrings/kubernetes.gpg
  echo "deb [signed-by=/etc/apt/keyrings/kubernetes.gpg] https://pkgs.k8s.io/core:/stable:/v$minor/deb/ /" \\
    >/etc/apt/sources.list.d/kubernetes.list
  apt-get update -q
  apt-mark unhold kubeadm kubelet kubectl >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --allow-downgrades \\
    "kubeadm=$v-*" "kubelet=$v-*" "kubectl=$v-*"
  apt-mark hold kubeadm kubelet kubectl
fi
systemctl enable kubelet
if [ -f ${kubeVipSource} ] && [ -f /run/kubeadm/kubeadm.yaml ]; then
  install -d -m 0755 /etc/kubernetes/manifests
  install -m 0600 ${kubeVipSource} /etc/kubernetes/manifests/kube-vip.yaml
  if grep -q '^kind: InitConfiguration' /run/kubeadm/kubeadm.yaml; then
    sed -i 's#/etc/kubernetes/admin.conf#/etc/kubernetes/super-admin.conf#' /etc/kubernetes/manifests/kube-vip.yaml
  fi
fi
`;
}

/** `aglais-node-reset`: undoes kubeadm so that the VM can go back to its pool. */
export function resetScriptText(): string {
  return `#!/bin/sh
# aglais: return this VM to its pool (run by k0smotron when its machine is deleted).
set -u
kubeadm reset --force || true
rm -rf /etc/cni/net.d /run/cluster-api /run/kubeadm /var/lib/etcd
systemctl restart containerd || true
`;
}

/** The kube-vip static pod: ARP mode, leader election, control plane only (MetalLB serves Services). */
export function kubeVipManifest(vip: string, iface: string): Record<string, unknown> {
  const env: Record<string, unknown>[] = [
    ['address', vip],
    ['port', '6443'],
    ['vip_arp', 'true'],
    ['vip_interface', iface],
    ['vip_subnet', '32'],
    ['cp_enable', 'true'],
    ['cp_namespace', 'kube-system'],
    ['svc_enable', 'false'],
    ['vip_leaderelection', 'true'],
    ['vip_leasename', 'plndr-cp-lock'],
    ['vip_leaseduration', '15'],
    ['vip_renewdeadline', '10'],
    ['vip_retryperiod', '2'],
  ].map(([name, value]) => ({ name, value }));
  // The lease holder's identity.
  env.push({ name: 'vip_nodename', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'kube-vip', namespace: 'kube-system' },
    spec: {
      hostNetwork: true,
      hostAliases: [{ ip: '127.0.0.1', hostnames: ['kubernetes'] }],
      containers: [
        {
          name: 'kube-vip',
          image: kubeVipImage,
          imagePullPolicy: 'IfNotPresent',
          args: ['manager'],
          env,
          securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
          volumeMounts: [{ name: 'kubeconfig', mountPath: '/etc/kubernetes/admin.conf' }],
        },
      ],
      volumes: [
        { name: 'kubeconfig', hostPath: { path: '/etc/kubernetes/admin.conf', type: 'FileOrCreate' } },
      ],
    },
  };
}
