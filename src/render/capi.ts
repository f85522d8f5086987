/**
 * The Cluster API objects every CAPI-managed cloud shares: Cluster,
 * KubeadmControlPlane, one MachineDeployment + KubeadmConfigTemplate per pool,
 * MachineHealthChecks. The cloud module supplies the infrastructure kinds.
 * Machine and config templates are immutable in practice, so each is named by
 * a hash of its spec: a change makes a new template and CAPI rolls the machines.
 */
import type { CapiCloud, KubeadmExtras, MachineCapacity, PlatformOn } from '../clouds/types.js';
import type { Provider } from '../spec/cloud.js';
import type { NodePoolSpec } from '../spec/cluster.js';
import { shortHash } from './hash.js';
import { kubeletReservationArgs } from './node-budget.js';
import { argList, managementNamespace, object, platformLabel, poolLabel, ref } from './meta.js';
import type { NodeSetup } from './seam.js';
import type { KubernetesObject, RenderedObject } from './types.js';

export const capiVersion = 'cluster.x-k8s.io/v1beta2';
export const bootstrapVersion = 'bootstrap.cluster.x-k8s.io/v1beta2';
export const controlPlaneVersion = 'controlplane.cluster.x-k8s.io/v1beta2';

const autoscalerMin = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size';
const autoscalerMax = 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size';

export interface CapiInputs<P extends Provider> {
  readonly platform: PlatformOn<P>;
  readonly cloud: CapiCloud<P>;
  /** Known capacity of each pool's machines, for scale-from-zero annotations. */
  readonly capacity: (pool: NodePoolSpec) => MachineCapacity | undefined;
  /** What the platform layer needs on every worker (e.g. data shares mounted at boot). */
  readonly nodeSetup: NodeSetup;
  /** Labels CAAPH selects addons by. */
  readonly clusterLabels: Record<string, string>;
}

export function renderCapi<P extends Provider>(inputs: CapiInputs<P>): RenderedObject[] {
  const { platform: p, cloud } = inputs;
  const ns = managementNamespace(p);
  const name = p.metadata.name;
  const version = p.spec.kubernetes.version;
  const kubeadm = cloud.kubeadm(p);
  const out: KubernetesObject[] = [];

  if (ns !== 'default') out.push(object(p, 'v1', 'Namespace', ns, undefined, {}));

  const infra = cloud.infraCluster(p, ns);
  const cpTemplate = machineTemplate(
    inputs,
    ns,
    'control-plane',
    cloud.machineTemplate(p, {
      role: 'control-plane',
      size: p.spec.controlPlane.size,
      rootVolume: p.spec.controlPlane.rootVolume,
    }),
  );
  const kcp = object(p, controlPlaneVersion, 'KubeadmControlPlane', `${name}-control-plane`, ns, {
    spec: {
      replicas: p.spec.controlPlane.replicas,
      version,
      machineTemplate: { spec: { infrastructureRef: ref(cpTemplate) } },
      kubeadmConfigSpec: controlPlaneKubeadm(kubeadm),
    },
  });
  const cluster = object(
    p,
    capiVersion,
    'Cluster',
    name,
    ns,
    {
      spec: {
        clusterNetwork: {
          pods: { cidrBlocks: [p.spec.kubernetes.podCIDR] },
          services: { cidrBlocks: [p.spec.kubernetes.serviceCIDR] },
        },
        infrastructureRef: ref(infra),
        controlPlaneRef: ref(kcp),
      },
    },
    { ...cloud.clusterLabels, ...inputs.clusterLabels },
  );
  out.push(cluster, infra, ...(cloud.extraObjects?.(p, ns) ?? []), cpTemplate, kcp);

  for (const pool of p.spec.nodePools) out.push(...machineDeployment(inputs, ns, pool, kubeadm));
  out.push(...healthChecks(inputs, ns));
  return out.map((object) => ({ target: 'management', stage: 'cluster', object }));
}

function machineTemplate<P extends Provider>(
  inputs: CapiInputs<P>,
  ns: string,
  role: string,
  t: { kind: string; spec: Record<string, unknown> },
): KubernetesObject {
  const p = inputs.platform;
  return object(p, inputs.cloud.infraApiVersion, t.kind, `${p.metadata.name}-${role}-${shortHash(t)}`, ns, {
    spec: { template: { spec: t.spec } },
  });
}

function nodeRegistration(
  kubeadm: KubeadmExtras,
  extraArgs: Record<string, string>,
  taints: unknown[] = [],
  reservations: Record<string, string> = {},
) {
  // The cloud's own kubelet flags win over our reservations (dev's laptop-friendly eviction).
  const args = argList({ ...reservations, ...kubeadm.kubeletExtraArgs, ...extraArgs });
  // The v1beta2 schema rejects empty lists and maps: leave out what is empty.
  return {
    ...(kubeadm.nodeName === undefined ? {} : { name: kubeadm.nodeName }),
    ...(args.length > 0 ? { kubeletExtraArgs: args } : {}),
    ...(taints.length > 0 ? { taints } : {}),
  };
}

function controlPlaneKubeadm(kubeadm: KubeadmExtras): Record<string, unknown> {
  const external = kubeadm.kubeletExtraArgs['cloud-provider'] === 'external';
  const registration = nodeRegistration(kubeadm, {});
  const spec: Record<string, unknown> = {};
  const cluster: Record<string, unknown> = {};
  if (kubeadm.apiServerCertSANs?.length) cluster['apiServer'] = { certSANs: kubeadm.apiServerCertSANs };
  if (external) cluster['controllerManager'] = { extraArgs: argList({ 'cloud-provider': 'external' }) };
  if (Object.keys(cluster).length > 0) spec['clusterConfiguration'] = cluster;
  if (Object.keys(registration).length > 0) {
    spec['initConfiguration'] = { nodeRegistration: registration };
    spec['joinConfiguration'] = { nodeRegistration: registration };
  }
  if (kubeadm.files?.length) spec['files'] = kubeadm.files;
  if (kubeadm.preKubeadmCommands?.length) spec['preKubeadmCommands'] = kubeadm.preKubeadmCommands;
  return spec;
}

function machineDeployment<P extends Provider>(
  inputs: CapiInputs<P>,
  ns: string,
  pool: NodePoolSpec,
  kubeadm: KubeadmExtras,
): KubernetesObject[] {
  const p = inputs.platform;
  const name = p.metadata.name;
  const infraTemplate = machineTemplate(
    inputs,
    ns,
    pool.name,
    inputs.cloud.machineTemplate(p, {
      role: 'worker',
      pool,
      size: pool.size,
      rootVolume: pool.rootVolume,
    }),
  );
  const nodeLabels: Record<string, string> = { ...pool.labels, [poolLabel]: pool.name };
  // With a known capacity, the kubelet reserves what the capacity check assumed it does.
  const capacity = inputs.capacity(pool);
  const setup = inputs.nodeSetup;
  const configSpec: Record<string, unknown> = {
    joinConfiguration: {
      nodeRegistration: nodeRegistration(
        kubeadm,
        {
          'node-labels': Object.keys(nodeLabels)
            .sort()
            .map((k) => `${k}=${nodeLabels[k]}`)
            .join(','),
        },
        pool.taints.map((t) => ({
          key: t.key,
          ...(t.value === undefined ? {} : { value: t.value }),
          effect: t.effect,
        })),
        capacity ? kubeletReservationArgs(capacity) : {},
      ),
    },
  };
  const files = [...(kubeadm.files ?? []), ...setup.files];
  const pre = [...(kubeadm.preKubeadmCommands ?? []), ...setup.preKubeadmCommands];
  if (files.length) configSpec['files'] = files;
  if (pre.length) configSpec['preKubeadmCommands'] = pre;
  if (setup.mounts.length) configSpec['mounts'] = setup.mounts;
  const kct = object(
    p,
    bootstrapVersion,
    'KubeadmConfigTemplate',
    `${name}-${pool.name}-${shortHash(configSpec)}`,
    ns,
    {
      spec: { template: { spec: configSpec } },
    },
  );

  const annotations: Record<string, string> = {};
  if (pool.autoscale) {
    annotations[autoscalerMin] = String(pool.autoscale.min);
    annotations[autoscalerMax] = String(pool.autoscale.max);
    // Scale from zero: the autoscaler cannot look at a node that does not exist yet.
    const cap = capacity;
    if (cap) {
      annotations['capacity.cluster-autoscaler.kubernetes.io/cpu'] = String(cap.cpu);
      annotations['capacity.cluster-autoscaler.kubernetes.io/memory'] = `${cap.memoryGiB}G`;
      if (cap.ephemeralGiB)
        annotations['capacity.cluster-autoscaler.kubernetes.io/ephemeral-disk'] = `${cap.ephemeralGiB}Gi`;
    }
  }
  const selectorLabels = { 'cluster.x-k8s.io/cluster-name': name, [poolLabel]: pool.name };
  const md = object(p, capiVersion, 'MachineDeployment', `${name}-${pool.name}`, ns, {
    spec: {
      clusterName: name,
      // With an autoscaler, replicas belongs to it: leave the field out so apply does not fight it.
      ...(pool.autoscale ? {} : { replicas: pool.replicas ?? 0 }),
      selector: { matchLabels: selectorLabels },
      template: {
        metadata: { labels: { ...selectorLabels, [platformLabel]: name } },
        spec: {
          clusterName: name,
          version: p.spec.kubernetes.version,
          bootstrap: { configRef: ref(kct) },
          infrastructureRef: ref(infraTemplate),
        },
      },
    },
  });
  if (Object.keys(annotations).length) md.metadata.annotations = annotations;
  return [infraTemplate, kct, md];
}

function healthChecks<P extends Provider>(inputs: CapiInputs<P>, ns: string): KubernetesObject[] {
  const p = inputs.platform;
  const name = p.metadata.name;
  const unhealthy = [
    { type: 'Ready', status: 'Unknown', timeoutSeconds: 300 },
    { type: 'Ready', status: 'False', timeoutSeconds: 300 },
  ];
  return [
    object(p, capiVersion, 'MachineHealthCheck', `${name}-control-plane`, ns, {
      spec: {
        clusterName: name,
        selector: {
          matchLabels: { 'cluster.x-k8s.io/cluster-name': name, 'cluster.x-k8s.io/control-plane': '' },
        },
        checks: { nodeStartupTimeoutSeconds: 1200, unhealthyNodeConditions: unhealthy },
      },
    }),
    object(p, capiVersion, 'MachineHealthCheck', `${name}-workers`, ns, {
      spec: {
        clusterName: name,
        selector: {
          matchLabels: { 'cluster.x-k8s.io/cluster-name': name },
          matchExpressions: [{ key: poolLabel, operator: 'Exists' }],
        },
        checks: { nodeStartupTimeoutSeconds: 900, unhealthyNodeConditions: unhealthy },
        // Stop remediating when many machines fail at once: that is the cloud, not the machines.
        remediation: { triggerIf: { unhealthyLessThanOrEqualTo: '40%' } },
      },
    }),
  ];
}
