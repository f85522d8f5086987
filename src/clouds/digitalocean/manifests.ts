/**
 * An addon that applies pinned upstream release manifests, for components that
 * publish no Helm chart. A generic chart (bedag `raw`) creates a ServiceAccount
 * and a Job; the Job runs kubectl steps in order (init containers, then the last
 * one). Its name carries a hash of the steps, so a version bump makes a new Job
 * rather than editing an immutable one.
 */
import { shortHash } from '../../render/hash.js';
import type { HelmAddon, PlatformOn } from '../types.js';
import { kubectlImage, rawChart } from './charts.js';

export interface ManifestAddon {
  readonly name: string;
  readonly stage: HelmAddon['stage'];
  /** kubectl arguments of each step, run in order. */
  readonly steps: readonly (readonly string[])[];
}

/** `kubectl apply` of URLs, server-side so that re-runs and upgrades merge cleanly. */
export function applyStep(urls: readonly string[]): string[] {
  return ['apply', '--server-side', '--force-conflicts', ...urls.flatMap((u) => ['-f', u])];
}

export function manifestAddon(p: PlatformOn<'digitalocean'>, a: ManifestAddon): HelmAddon {
  const namespace = 'kube-system';
  const account = `aglais-${a.name}-apply`;
  const image = `${kubectlImage}:${p.spec.kubernetes.version}`;
  const containers = a.steps.map((args, i) => ({
    name: `step-${i + 1}`,
    image,
    args: [...args],
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  }));
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `aglais-${a.name}-${shortHash(a.steps)}`, namespace },
    spec: {
      backoffLimit: 20,
      template: {
        spec: {
          serviceAccountName: account,
          restartPolicy: 'OnFailure',
          // Runs before the CNI and the CCM are up: host network, and every taint tolerated
          // (nodes stay "uninitialized" until the CCM this Job installs runs).
          hostNetwork: true,
          dnsPolicy: 'Default',
          tolerations: [{ operator: 'Exists' }],
          initContainers: containers.slice(0, -1),
          containers: containers.slice(-1),
        },
      },
    },
  };
  return {
    name: a.name,
    stage: a.stage,
    ...rawChart,
    namespace,
    releaseName: a.name,
    values: {
      resources: [
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account, namespace } },
        {
          // Upstream manifests create ClusterRoles, CRDs and workloads: only cluster-admin can apply them all.
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: account },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
          subjects: [{ kind: 'ServiceAccount', name: account, namespace }],
        },
        job,
      ],
    },
  };
}
