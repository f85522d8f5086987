/**
 * Addons installed into the workload cluster: the CNI, the cloud's own addons
 * (CCM, CSI) and the ingress controller and cert-manager every platform uses.
 * On CAPI clouds each becomes a HelmChartProxy that selects the platform's
 * Cluster by label; "addons-ready" ones are what the cluster needs to become Ready.
 */
import { emitYAML } from '../manifest/emit.js';
import type { CloudModule, HelmAddon, PlatformOn } from '../clouds/types.js';
import type { Provider } from '../spec/cloud.js';
import { charts } from './charts.js';
import { managementNamespace, object, platformLabel } from './meta.js';
import type { KubernetesObject, RenderedObject } from './types.js';

export const helmAddonVersion = 'addons.cluster.x-k8s.io/v1alpha1';
export const ingressClassName = 'nginx';

function cni(p: PlatformOn<Provider>, mtu: number | undefined): HelmAddon {
  const podCIDR = p.spec.kubernetes.podCIDR;
  if (p.spec.kubernetes.cni === 'cilium') {
    return {
      name: 'cni',
      stage: 'addons-ready',
      ...charts.cilium,
      namespace: 'kube-system',
      releaseName: 'cilium',
      values: {
        ipam: { mode: 'kubernetes' },
        hubble: { enabled: false },
        operator: { replicas: 1 },
        ...(mtu ? { MTU: mtu } : {}),
      },
    };
  }
  return {
    name: 'cni',
    stage: 'addons-ready',
    ...charts.calico,
    namespace: 'tigera-operator',
    releaseName: 'calico',
    values: {
      installation: {
        cni: { type: 'Calico' },
        // VXLAN works where clouds filter IP-in-IP (OpenStack port security does).
        calicoNetwork: {
          bgp: 'Disabled',
          ipPools: [{ cidr: podCIDR, encapsulation: 'VXLAN', natOutgoing: 'Enabled' }],
        },
      },
    },
  };
}

function ingress<P extends Provider>(module: CloudModule<P>, p: PlatformOn<P>): HelmAddon {
  const svc = module.ingressService(p);
  return {
    name: 'ingress-nginx',
    stage: 'addons',
    ...charts.ingressNginx,
    namespace: 'ingress-nginx',
    releaseName: 'ingress-nginx',
    values: {
      controller: {
        ingressClassResource: { name: ingressClassName, default: true },
        service: {
          type: svc.type,
          ...(Object.keys(svc.annotations).length ? { annotations: svc.annotations } : {}),
          // Fixed NodePorts so that an external proxy can be pointed at them once.
          ...(svc.type === 'NodePort' ? { nodePorts: { http: 30080, https: 30443 } } : {}),
        },
        // Large notebook uploads and long-running paragraph requests.
        config: { 'proxy-body-size': '64m', 'proxy-read-timeout': '3600' },
      },
    },
  };
}

function certManager(): HelmAddon {
  return {
    name: 'cert-manager',
    stage: 'addons',
    ...charts.certManager,
    namespace: 'cert-manager',
    releaseName: 'cert-manager',
    values: { crds: { enabled: true } },
  };
}

/** Every addon of the platform, in install order. */
export function addonsFor<P extends Provider>(module: CloudModule<P>, p: PlatformOn<P>): HelmAddon[] {
  const own = module.addons(p);
  const common: HelmAddon[] = module.capi ? [cni(p, module.capi.cniMTU)] : [];
  const needIngress = !(
    p.spec.cloud.provider === 'existing' &&
    'ingressClass' in p.spec.cloud &&
    p.spec.cloud.ingressClass
  );
  const after: HelmAddon[] = [
    ...(needIngress ? [ingress(module, p)] : []),
    ...(p.spec.platform.tls.type === 'none' ? [] : [certManager()]),
  ];
  return [...common, ...own, ...after];
}

export function helmChartProxy(p: PlatformOn<Provider>, a: HelmAddon): KubernetesObject {
  return object(
    p,
    helmAddonVersion,
    'HelmChartProxy',
    `${p.metadata.name}-${a.name}`,
    managementNamespace(p),
    {
      spec: {
        clusterSelector: { matchLabels: { [platformLabel]: p.metadata.name } },
        repoURL: a.repoURL,
        chartName: a.chartName,
        version: a.version,
        namespace: a.namespace,
        releaseName: a.releaseName ?? a.name,
        valuesTemplate: emitYAML(a.values),
        options: { wait: true, timeout: '10m0s', install: { createNamespace: true } },
      },
    },
  );
}

export function renderAddons<P extends Provider>(module: CloudModule<P>, p: PlatformOn<P>): RenderedObject[] {
  if (!module.capi) return [];
  return addonsFor(module, p).map((a) => ({
    target: 'management',
    stage: a.stage,
    object: helmChartProxy(p, a),
  }));
}
