/**
 * NetworkPolicies. Users cannot reach each other's pods: every user namespace
 * denies all ingress and egress except
 * - within the namespace (driver ↔ executors, interpreter ↔ history server),
 * - from the Zeppelin server (and Livy) to the interpreter pods,
 * - to the Zeppelin server's interpreter event port (interpreters call back),
 * - DNS, and anything outside the pod network (API server, S3, NFS, Ceph),
 * - scraping by the monitoring stack, when it is on.
 * The platform namespace admits the ingress controller to Zeppelin and the
 * interpreters to Zeppelin's event port.
 */
import { ingressClassName } from '../render/addons.js';
import type { ClusterContext } from '../render/seam.js';
import type { RenderedObject } from '../render/types.js';
import type { Platform } from '../spec/schema.js';
import { historyPort } from './history.js';
import { livyPort, livyRpcPorts } from './livy.js';
import {
  componentLabel,
  interpreterPorts,
  monitoringNamespace,
  part,
  platformNamespace,
  userNamespaceLabel,
  workload,
  zeppelinHttpPort,
  zeppelinRpcPort,
} from './names.js';
import { effectiveUsers } from './users.js';

const nsName = 'kubernetes.io/metadata.name';
const inNamespace = (ns: string) => ({ namespaceSelector: { matchLabels: { [nsName]: ns } } });
const tcp = (port: number) => ({ protocol: 'TCP', port });

const dns = {
  to: [
    {
      namespaceSelector: { matchLabels: { [nsName]: 'kube-system' } },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    },
  ],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

/** Anything but the pod network: API server, object stores, file servers. */
function outside(p: Platform) {
  return { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [p.spec.kubernetes.podCIDR] } }] };
}

function policy(p: Platform, name: string, ns: string, spec: Record<string, unknown>) {
  return workload(
    'platform',
    part(p, 'network', 'networking.k8s.io/v1', 'NetworkPolicy', name, ns, { spec }),
  );
}

/** Where the ingress controller runs: ours in ingress-nginx; a cluster's own (existing clouds) anywhere. */
function ingressPeer(cluster: ClusterContext) {
  return cluster.ingressClass === ingressClassName ? inNamespace('ingress-nginx') : { namespaceSelector: {} };
}

export function networkObjects(p: Platform, cluster: ClusterContext): RenderedObject[] {
  const out: RenderedObject[] = [];
  const monitoring = p.spec.platform.monitoring.enabled;
  const zeppelin = {
    ...inNamespace(platformNamespace),
    podSelector: { matchLabels: { [componentLabel]: 'zeppelin-server' } },
  };
  const livy = {
    ...inNamespace(platformNamespace),
    podSelector: { matchLabels: { [componentLabel]: 'livy' } },
  };
  for (const u of effectiveUsers(p)) {
    const ns = u.namespace;
    out.push(
      policy(p, 'default-deny', ns, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy(p, 'same-namespace', ns, {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      }),
      policy(p, 'from-zeppelin', ns, {
        podSelector: { matchLabels: { [componentLabel]: 'interpreter' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [zeppelin, ...(p.spec.platform.livy.enabled ? [livy] : [])],
            ports: [interpreterPorts.rpc, interpreterPorts.ui].map(tcp),
          },
        ],
      }),
      policy(p, 'egress-platform', ns, {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          dns,
          { to: [zeppelin], ports: [tcp(zeppelinRpcPort)] },
          // Livy's drivers call back to the Livy server's RPC ports.
          ...(p.spec.platform.livy.enabled
            ? [
                {
                  to: [livy],
                  ports: [{ protocol: 'TCP', port: livyRpcPorts.from, endPort: livyRpcPorts.to }],
                },
              ]
            : []),
          outside(p),
        ],
      }),
    );
    if (monitoring) {
      out.push(
        policy(p, 'from-monitoring', ns, {
          podSelector: {},
          policyTypes: ['Ingress'],
          ingress: [{ from: [inNamespace(monitoringNamespace)] }],
        }),
      );
    }
  }
  // The platform namespace.
  const ns = platformNamespace;
  const users = { namespaceSelector: { matchLabels: { [userNamespaceLabel]: 'true' } } };
  out.push(
    policy(p, 'default-deny-ingress', ns, { podSelector: {}, policyTypes: ['Ingress'] }),
    policy(p, 'zeppelin', ns, {
      podSelector: { matchLabels: { [componentLabel]: 'zeppelin-server' } },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [ingressPeer(cluster)], ports: [tcp(zeppelinHttpPort)] },
        { from: [users], ports: [tcp(zeppelinRpcPort)] },
      ],
    }),
    // The shared %md interpreter runs here.
    policy(p, 'interpreters', ns, {
      podSelector: { matchLabels: { [componentLabel]: 'interpreter' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { [componentLabel]: 'zeppelin-server' } } }],
          ports: [tcp(interpreterPorts.rpc)],
        },
      ],
    }),
    policy(p, 'spark-history', ns, {
      podSelector: { matchLabels: { [componentLabel]: 'spark-history' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [ingressPeer(cluster), { podSelector: {} }], ports: [tcp(historyPort)] }],
    }),
  );
  if (p.spec.platform.livy.enabled) {
    out.push(
      policy(p, 'livy', ns, {
        podSelector: { matchLabels: { [componentLabel]: 'livy' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { [componentLabel]: 'zeppelin-server' } } }],
            ports: [tcp(livyPort)],
          },
          { from: [users], ports: [{ protocol: 'TCP', port: livyRpcPorts.from, endPort: livyRpcPorts.to }] },
        ],
      }),
    );
  }
  if (monitoring) {
    out.push(
      policy(p, 'from-monitoring', ns, {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [inNamespace(monitoringNamespace)] }],
      }),
    );
  }
  return out;
}
