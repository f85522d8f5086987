/**
 * Namespaces with Pod Security labels. Everything aglais runs for the
 * platform and its users passes `restricted` (data sets reach pods through
 * PersistentVolumes, never through hostPath volumes in pods). The monitoring
 * stack's node exporter needs host access, so its own namespace is
 * `privileged`, as design §6 allows for system parts.
 */
import type { RenderedObject } from '../render/types.js';
import type { Platform } from '../spec/schema.js';
import {
  monitoringNamespace,
  operatorNamespace,
  part,
  platformNamespace,
  userLabel,
  userNamespaceLabel,
  workload,
} from './names.js';
import { effectiveUsers } from './users.js';

export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/enforce-version': 'latest',
    // Warn and audit at restricted everywhere, so that exceptions stay visible.
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/warn-version': 'latest',
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/audit-version': 'latest',
  };
}

/** Every namespace the platform layer renders, with its Pod Security level. */
export function namespaceLevels(
  p: Platform,
): { name: string; level: PodSecurityLevel; labels: Record<string, string> }[] {
  const out: { name: string; level: PodSecurityLevel; labels: Record<string, string> }[] = [
    { name: platformNamespace, level: 'restricted', labels: {} },
  ];
  if (p.spec.platform.spark.operator.enabled)
    out.push({ name: operatorNamespace, level: 'restricted', labels: {} });
  if (p.spec.platform.monitoring.enabled)
    out.push({ name: monitoringNamespace, level: 'privileged', labels: {} });
  for (const u of effectiveUsers(p)) {
    out.push({
      name: u.namespace,
      level: 'restricted',
      labels: { [userNamespaceLabel]: 'true', [userLabel]: u.name },
    });
  }
  return out;
}

export function namespaceObjects(p: Platform): RenderedObject[] {
  // Namespaces come first: stage 'storage' holds the claims that live in them.
  return namespaceLevels(p).map((n) =>
    workload(
      'storage',
      part(
        p,
        'namespaces',
        'v1',
        'Namespace',
        n.name,
        undefined,
        {},
        { ...podSecurityLabels(n.level), ...n.labels },
      ),
    ),
  );
}
