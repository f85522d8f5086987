/**
 * Checks before `up` writes anything: the cluster answers, every kind the
 * platform needs is served (else exactly how to install its provider), the
 * providers' controllers exist, and the credential Secrets are there and
 * well-formed.
 */
import { parse } from 'yaml';
import { ExitCode, UserError } from '../cli/errors.js';
import { cloudOf } from '../clouds/registry.js';
import { getObject } from '../kube/apply.js';
import type { KubeClient } from '../kube/client.js';
import { findResource, groupOf } from '../kube/resources.js';
import type { RenderedObject } from '../render/types.js';
import type { Platform } from '../spec/schema.js';
import { preflightReachable } from './reachable.js';
import type { Session } from './session.js';

/** clusterctl's name for each cloud's infrastructure provider. */
const infraProvider: Readonly<Record<string, string>> = {
  openstack: 'openstack',
  digitalocean: 'digitalocean',
  linode: 'linode-linode',
  aws: 'aws',
  azure: 'azure',
  dev: 'docker',
};

/** The clusterctl provider serving an API group, and the command that installs it. */
export function installHint(
  group: string,
  provider: string,
): { provider: string; command: string } | undefined {
  if (
    group === 'cluster.x-k8s.io' ||
    group === 'bootstrap.cluster.x-k8s.io' ||
    group === 'controlplane.cluster.x-k8s.io'
  ) {
    return {
      provider: 'Cluster API core with the kubeadm bootstrap and control-plane providers',
      command: 'clusterctl init',
    };
  }
  if (group === 'infrastructure.cluster.x-k8s.io') {
    const x = infraProvider[provider] ?? provider;
    return { provider: `the ${x} infrastructure provider`, command: `clusterctl init --infrastructure ${x}` };
  }
  if (group === 'addons.cluster.x-k8s.io') {
    return { provider: 'the Cluster API Helm addon provider', command: 'clusterctl init --addon helm' };
  }
  return undefined;
}

export interface PreflightResult {
  readonly notes: readonly string[];
}

/** Kinds of `objects` the cluster does not serve, grouped into install advice. */
export async function missingKinds(
  client: KubeClient,
  objects: readonly RenderedObject[],
  provider: string,
): Promise<string[]> {
  const seen = new Set<string>();
  const missing = new Map<string, string[]>();
  for (const { object: o } of objects) {
    const key = `${o.apiVersion}/${o.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (await findResource(client, o.apiVersion, o.kind)) continue;
    const hint = installHint(groupOf(o.apiVersion), provider);
    const line = hint
      ? `${hint.provider} is not installed: run \`${hint.command}\``
      : `the cluster serves no ${o.kind} (${o.apiVersion}): install its CustomResourceDefinition`;
    const kinds = missing.get(line) ?? [];
    kinds.push(`${o.kind} (${o.apiVersion})`);
    missing.set(line, kinds);
  }
  return [...missing.entries()].map(([line, kinds]) => `${line} [missing: ${kinds.join(', ')}]`).sort();
}

interface DeploymentList {
  readonly items: readonly {
    metadata: { name: string; namespace?: string; labels?: Record<string, string> };
    status?: { availableReplicas?: number };
  }[];
}

/**
 * clusterctl labels each provider's Deployment `cluster.x-k8s.io/provider=<type>-<name>`.
 * None at all means the controllers run outside the cluster (as in aglais's test
 * environment): that is a note, not an error; some but not ours is an error.
 */
async function controllers(
  client: KubeClient,
  session: Session,
  needed: readonly string[],
): Promise<string[] | undefined> {
  const l = await client.request<DeploymentList>('/apis/apps/v1/deployments', {
    query: { labelSelector: 'cluster.x-k8s.io/provider' },
  });
  if (l.items.length === 0) return undefined;
  const found = new Map(l.items.map((d) => [d.metadata.labels?.['cluster.x-k8s.io/provider'] ?? '', d]));
  const problems: string[] = [];
  for (const n of needed) {
    const d = found.get(n);
    if (!d) problems.push(`no Deployment of the provider ${n} runs in ${session.mgmt.name}`);
    else if (!d.status?.availableReplicas)
      problems.push(
        `the ${n} controller (Deployment ${d.metadata.namespace}/${d.metadata.name}) is not available`,
      );
  }
  return problems;
}

function neededProviders(p: Platform, objects: readonly RenderedObject[]): string[] {
  const x = infraProvider[p.spec.cloud.provider] ?? p.spec.cloud.provider;
  const out = ['cluster-api', 'bootstrap-kubeadm', 'control-plane-kubeadm', `infrastructure-${x}`];
  if (objects.some((o) => groupOf(o.object.apiVersion) === 'addons.cluster.x-k8s.io')) out.push('addon-helm');
  return out;
}

/** Credential Secrets the spec references but aglais does not write must exist with their keys. */
async function credentialProblems(client: KubeClient, session: Session): Promise<string[]> {
  const { module, platform } = cloudOf(session.platform);
  const rendered = new Set(
    session.objects.filter((o) => o.object.kind === 'Secret').map((o) => o.object.metadata.name),
  );
  const problems: string[] = [];
  for (const s of module.credentials(platform)) {
    if (rendered.has(s.name) || s.workloadNamespace !== undefined) continue;
    const live = await getObject(client, {
      apiVersion: 'v1',
      kind: 'Secret',
      name: s.name,
      namespace: session.namespace,
    });
    if (!live) {
      problems.push(
        `credential Secret ${session.namespace}/${s.name} does not exist and the spec gives no fromFile/fromEnv to make it`,
      );
      continue;
    }
    const data = (live as { data?: Record<string, string> }).data ?? {};
    const missing = s.keys.filter((k) => data[k] === undefined && k !== 'cacert');
    if (missing.length)
      problems.push(`credential Secret ${session.namespace}/${s.name} lacks key(s) ${missing.join(', ')}`);
    const clouds = data['clouds.yaml'];
    const cloud = session.platform.spec.cloud;
    if (clouds !== undefined && cloud.provider === 'openstack') {
      let doc: { clouds?: Record<string, unknown> } | undefined;
      try {
        doc = parse(Buffer.from(clouds, 'base64').toString('utf8')) as typeof doc;
      } catch {
        problems.push(`credential Secret ${session.namespace}/${s.name}: key clouds.yaml is not valid YAML`);
        continue;
      }
      if (!doc?.clouds?.[cloud.cloudName]) {
        problems.push(
          `credential Secret ${session.namespace}/${s.name}: clouds.yaml has no cloud named "${cloud.cloudName}" (it has: ${Object.keys(doc?.clouds ?? {}).join(', ') || 'none'})`,
        );
      }
    }
  }
  return problems;
}

export async function preflight(session: Session): Promise<PreflightResult> {
  const client = session.mgmt;
  await preflightReachable(client);
  const notes: string[] = [];
  const mgmtObjects = session.objects.filter((o) => o.target === 'management');
  const problems = await missingKinds(client, mgmtObjects, session.platform.spec.cloud.provider);
  if (session.capi && problems.length === 0) {
    const c = await controllers(client, session, neededProviders(session.platform, mgmtObjects));
    if (c) problems.push(...c);
    else
      notes.push(
        'no clusterctl-installed provider Deployments found: assuming the controllers run outside the cluster',
      );
  }
  problems.push(...(await credentialProblems(client, session)));
  if (problems.length) {
    throw new UserError(
      `preflight: ${client.name} is not ready for platform ${session.name}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      ExitCode.remote,
    );
  }
  return { notes };
}
