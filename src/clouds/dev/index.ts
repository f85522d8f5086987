/**
 * A local development cluster through CAPD's Dev kinds (infrastructure.cluster.x-k8s.io/v1beta2):
 * backend `docker` (containers as machines) or `inMemory` (simulated machines and
 * API servers, as the test environment runs it).
 */
import { object } from '../../render/meta.js';
import type { CloudModule, KubeadmExtras, MachineRequest, PlatformOn } from '../types.js';

type Dev = PlatformOn<'dev'>;
export const devVersion = 'infrastructure.cluster.x-k8s.io/v1beta2';

function backend(p: Dev, m: MachineRequest | undefined): Record<string, unknown> {
  if (p.spec.cloud.backend === 'docker') {
    return m
      ? {
          docker: {
            extraMounts: [{ containerPath: '/var/run/docker.sock', hostPath: '/var/run/docker.sock' }],
          },
        }
      : { docker: {} };
  }
  if (!m) return { inMemory: {} };
  // Short simulated provisioning, so that a test cluster becomes Ready in seconds.
  const quick = { provisioning: { startupDuration: '2s' } };
  return {
    inMemory: {
      vm: quick,
      node: quick,
      ...(m.role === 'control-plane' ? { apiServer: quick, etcd: quick } : {}),
    },
  };
}

export const dev: CloudModule<'dev'> = {
  provider: 'dev',
  sizes: {},
  facts: (p: Dev) => ({
    title: `Dev (CAPD ${p.spec.cloud.backend})`,
    capiProvider: 'CAPD Dev',
    ccm: null,
    blockStorage: { driver: 'rancher.io/local-path', storageClass: 'local-path', note: 'node-local volumes' },
    sharedStorage: { driver: 'nfs.csi.k8s.io', storageClass: 'nfs', note: 'an NFS server you provide' },
    objectStore: { name: 'an S3-compatible server you provide', s3: true, note: 'give the endpoint' },
    loadBalancer: null,
    substitutes: [
      { missing: 'cloud controller manager', instead: 'none needed: nodes are local' },
      { missing: 'load balancer', instead: 'ingress on NodePorts 30080/30443' },
    ],
  }),
  check: () => [],
  capi: {
    infraApiVersion: devVersion,
    infraCluster: (p: Dev, namespace: string) => {
      const o = object(p, devVersion, 'DevCluster', p.metadata.name, namespace, {
        spec: { backend: backend(p, undefined) },
      });
      // CAPD v1.14.0 writes into the DevCluster's annotations without making the map: it panics when there is none.
      o.metadata.annotations = { 'aglais.dev/dev-backend': p.spec.cloud.backend };
      return o;
    },
    machineTemplate: (p: Dev, m: MachineRequest) => ({
      kind: 'DevMachineTemplate',
      spec: { backend: backend(p, m) },
    }),
    kubeadm: (p: Dev): KubeadmExtras => ({
      // The API server is reached on the developer's machine, by loopback names.
      apiServerCertSANs: ['localhost', '127.0.0.1', '0.0.0.0'],
      // kind-style nodes: no disk-pressure evictions on a developer's laptop.
      kubeletExtraArgs:
        p.spec.cloud.backend === 'docker'
          ? { 'eviction-hard': 'nodefs.available<0%,imagefs.available<0%' }
          : ({} as Record<string, string>),
    }),
  },
  credentials: () => [],
  addons: () => [],
  ingressService: () => ({ type: 'NodePort', annotations: {} }),
  storageClasses: () => [],
};
