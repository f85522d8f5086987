/** Names, namespaces and labels shared by every rendered object. */
import type { Platform } from '../spec/schema.js';
import type { KubernetesObject } from './types.js';

export const managedBy = 'aglais';
export const platformLabel = 'aglais.dev/platform';
export const poolLabel = 'aglais.dev/pool';

/** Namespace of the Cluster API objects in the management cluster. */
export function managementNamespace(p: Platform): string {
  return p.metadata.namespace ?? p.metadata.name;
}

/** Labels on every object aglais renders for this platform. */
export function commonLabels(p: Platform): Record<string, string> {
  return {
    ...p.metadata.labels,
    'app.kubernetes.io/managed-by': managedBy,
    [platformLabel]: p.metadata.name,
  };
}

/** A fresh object with the common labels and, when given, a namespace. */
export function object(
  p: Platform,
  apiVersion: string,
  kind: string,
  name: string,
  namespace: string | undefined,
  body: Record<string, unknown>,
  extraLabels: Record<string, string> = {},
): KubernetesObject {
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      ...(namespace === undefined ? {} : { namespace }),
      labels: { ...commonLabels(p), ...extraLabels },
    },
    ...body,
  };
}

/** `{apiGroup, kind, name}` as CAPI v1beta2 references objects. */
export function ref(o: KubernetesObject): { apiGroup: string; kind: string; name: string } {
  return { apiGroup: o.apiVersion.split('/')[0] ?? '', kind: o.kind, name: o.metadata.name };
}

/** `[{name, value}]` as kubeadm v1beta2 wants its argument lists, sorted by name. */
export function argList(args: Readonly<Record<string, string>>): { name: string; value: string }[] {
  return Object.keys(args)
    .sort()
    .map((name) => ({ name, value: args[name] as string }));
}
