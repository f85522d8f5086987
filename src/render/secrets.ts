/**
 * Credential Secrets. Rendered only when the caller passes their values
 * (`plan --include-secrets`, or `up`); otherwise they are referenced by name
 * and listed in the plan summary with the keys they must hold.
 */
import type { CredentialSecret, PlatformOn } from '../clouds/types.js';
import type { Provider } from '../spec/cloud.js';
import { managementNamespace, object } from './meta.js';
import type { RenderedObject } from './types.js';

/** Secret name → key → value. */
export type SecretValues = Readonly<Record<string, Readonly<Record<string, string>>>>;

export function renderSecrets(
  p: PlatformOn<Provider>,
  wanted: readonly CredentialSecret[],
  values: SecretValues,
): RenderedObject[] {
  const out: RenderedObject[] = [];
  for (const s of wanted) {
    const data = values[s.name];
    if (data === undefined) continue;
    const all: Record<string, string> = { ...data, ...s.generated };
    const stringData = Object.fromEntries(
      Object.keys(all)
        .sort()
        .map((k) => [k, all[k] as string]),
    );
    // A Secret with a workload namespace lives in the workload cluster (for CCM and CSI) only.
    const target = s.workloadNamespace === undefined ? 'management' : 'workload';
    const namespace = s.workloadNamespace ?? s.managementNamespace ?? managementNamespace(p);
    out.push({
      target,
      stage: 'credentials',
      object: object(p, 'v1', 'Secret', s.name, namespace, { type: 'Opaque', stringData }),
    });
  }
  return out;
}
