/**
 * Validation of core Kubernetes kinds: types, enums, formats and required fields
 * with kubernetes-models' precompiled validators, unknown fields with the
 * client-node field lists (./core-fields.ts), metadata as the API server checks it
 * (./metadata.ts) with each kind's scope and name rule from the table below.
 * Each kind's modules are imported on first use only.
 */
import type { KubernetesObject } from '../render/types.js';
import { describeValue, type Issue } from './finding.js';
import { errorsToIssues } from './messages.js';
import { checkMetadata, type NameRule, type Scope } from './metadata.js';

export interface CoreKind {
  readonly apiVersion: string;
  readonly kind: string;
  readonly scope: Scope;
  readonly nameRule: NameRule;
  /** The @kubernetes/client-node model holding the kind's field list. */
  readonly model: string;
  /** A kind-specific name length limit below the name rule's own (CronJob: 52). */
  readonly maxName?: number;
}

const N: Scope = 'Namespaced';
const C: Scope = 'Cluster';

/** Kinds served by current Kubernetes releases (GA versions only). */
const table: readonly (readonly [string, string, Scope, NameRule, string, number?])[] = [
  ['v1', 'ConfigMap', N, 'subdomain', 'V1ConfigMap'],
  ['v1', 'Endpoints', N, 'subdomain', 'V1Endpoints'],
  ['v1', 'Event', N, 'subdomain', 'CoreV1Event'],
  ['v1', 'LimitRange', N, 'subdomain', 'V1LimitRange'],
  ['v1', 'Namespace', C, 'label', 'V1Namespace'],
  ['v1', 'Node', C, 'subdomain', 'V1Node'],
  ['v1', 'PersistentVolume', C, 'subdomain', 'V1PersistentVolume'],
  ['v1', 'PersistentVolumeClaim', N, 'subdomain', 'V1PersistentVolumeClaim'],
  ['v1', 'Pod', N, 'subdomain', 'V1Pod'],
  ['v1', 'PodTemplate', N, 'subdomain', 'V1PodTemplate'],
  ['v1', 'ReplicationController', N, 'subdomain', 'V1ReplicationController'],
  ['v1', 'ResourceQuota', N, 'subdomain', 'V1ResourceQuota'],
  ['v1', 'Secret', N, 'subdomain', 'V1Secret'],
  ['v1', 'Service', N, 'label1035', 'V1Service'],
  ['v1', 'ServiceAccount', N, 'subdomain', 'V1ServiceAccount'],
  [
    'admissionregistration.k8s.io/v1',
    'MutatingWebhookConfiguration',
    C,
    'subdomain',
    'V1MutatingWebhookConfiguration',
  ],
  [
    'admissionregistration.k8s.io/v1',
    'ValidatingAdmissionPolicy',
    C,
    'subdomain',
    'V1ValidatingAdmissionPolicy',
  ],
  [
    'admissionregistration.k8s.io/v1',
    'ValidatingAdmissionPolicyBinding',
    C,
    'subdomain',
    'V1ValidatingAdmissionPolicyBinding',
  ],
  [
    'admissionregistration.k8s.io/v1',
    'ValidatingWebhookConfiguration',
    C,
    'subdomain',
    'V1ValidatingWebhookConfiguration',
  ],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', C, 'subdomain', 'V1CustomResourceDefinition'],
  ['apiregistration.k8s.io/v1', 'APIService', C, 'segment', 'V1APIService'],
  ['apps/v1', 'ControllerRevision', N, 'subdomain', 'V1ControllerRevision'],
  ['apps/v1', 'DaemonSet', N, 'subdomain', 'V1DaemonSet'],
  ['apps/v1', 'Deployment', N, 'subdomain', 'V1Deployment'],
  ['apps/v1', 'ReplicaSet', N, 'subdomain', 'V1ReplicaSet'],
  ['apps/v1', 'StatefulSet', N, 'subdomain', 'V1StatefulSet'],
  ['autoscaling/v1', 'HorizontalPodAutoscaler', N, 'subdomain', 'V1HorizontalPodAutoscaler'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', N, 'subdomain', 'V2HorizontalPodAutoscaler'],
  ['batch/v1', 'CronJob', N, 'subdomain', 'V1CronJob', 52],
  ['batch/v1', 'Job', N, 'subdomain', 'V1Job'],
  ['certificates.k8s.io/v1', 'CertificateSigningRequest', C, 'subdomain', 'V1CertificateSigningRequest'],
  ['coordination.k8s.io/v1', 'Lease', N, 'subdomain', 'V1Lease'],
  ['discovery.k8s.io/v1', 'EndpointSlice', N, 'subdomain', 'V1EndpointSlice'],
  ['events.k8s.io/v1', 'Event', N, 'subdomain', 'EventsV1Event'],
  ['flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', C, 'subdomain', 'V1FlowSchema'],
  [
    'flowcontrol.apiserver.k8s.io/v1',
    'PriorityLevelConfiguration',
    C,
    'subdomain',
    'V1PriorityLevelConfiguration',
  ],
  ['networking.k8s.io/v1', 'Ingress', N, 'subdomain', 'V1Ingress'],
  ['networking.k8s.io/v1', 'IngressClass', C, 'subdomain', 'V1IngressClass'],
  ['networking.k8s.io/v1', 'NetworkPolicy', N, 'subdomain', 'V1NetworkPolicy'],
  ['node.k8s.io/v1', 'RuntimeClass', C, 'subdomain', 'V1RuntimeClass'],
  ['policy/v1', 'PodDisruptionBudget', N, 'subdomain', 'V1PodDisruptionBudget'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', C, 'segment', 'V1ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', C, 'segment', 'V1ClusterRoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'Role', N, 'segment', 'V1Role'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', N, 'segment', 'V1RoleBinding'],
  ['scheduling.k8s.io/v1', 'PriorityClass', C, 'subdomain', 'V1PriorityClass'],
  ['storage.k8s.io/v1', 'CSIDriver', C, 'subdomain', 'V1CSIDriver'],
  ['storage.k8s.io/v1', 'CSINode', C, 'subdomain', 'V1CSINode'],
  ['storage.k8s.io/v1', 'CSIStorageCapacity', N, 'subdomain', 'V1CSIStorageCapacity'],
  ['storage.k8s.io/v1', 'StorageClass', C, 'subdomain', 'V1StorageClass'],
  ['storage.k8s.io/v1', 'VolumeAttachment', C, 'subdomain', 'V1VolumeAttachment'],
];

const byKey = new Map<string, CoreKind>(
  table.map(([apiVersion, kind, scope, nameRule, model, maxName]) => [
    `${apiVersion} ${kind}`,
    maxName === undefined
      ? { apiVersion, kind, scope, nameRule, model }
      : { apiVersion, kind, scope, nameRule, model, maxName },
  ]),
);

/** The core kind for apiVersion+kind, or undefined when it is not a (served) core kind. */
export function coreKind(apiVersion: string, kind: string): CoreKind | undefined {
  return byKey.get(`${apiVersion} ${kind}`);
}

/** Every core kind this validator knows, as `apiVersion kind`, sorted. */
export function coreKinds(): string[] {
  return [...byKey.keys()].sort();
}

interface ModelModule {
  [name: string]: new (data: unknown) => { validate(): void };
}

interface ValidationFailure {
  errors?: unknown;
}

async function modelValidate(k: CoreKind, object: KubernetesObject): Promise<Issue[]> {
  // kubernetes-models' entry points are `kubernetes-models/<apiVersion>/<Kind>` (core group: `v1`).
  const mod = (await import(`kubernetes-models/${k.apiVersion}/${k.kind}`)) as ModelModule;
  const Model = mod[k.kind];
  if (Model === undefined) throw new Error(`validate: kubernetes-models has no ${k.apiVersion} ${k.kind}`);
  try {
    new Model(object).validate();
    return [];
  } catch (err) {
    const errors = (err as ValidationFailure).errors;
    if (!Array.isArray(errors)) throw err;
    // Metadata is checked by ./metadata.ts with Kubernetes' own rules.
    return errorsToIssues(errors, object).filter((i) => i.segments[0] !== 'metadata');
  }
}

/** Validates a core object; undefined when apiVersion+kind is not a core kind. */
export async function validateCore(object: KubernetesObject): Promise<Issue[] | undefined> {
  const k = coreKind(String(object.apiVersion), String(object.kind));
  if (k === undefined) return undefined;
  const issues = checkMetadata(object.metadata, k.scope, k.nameRule);
  const name = (object.metadata as { name?: unknown } | undefined)?.name;
  if (k.maxName !== undefined && typeof name === 'string' && name.length > k.maxName)
    issues.push({
      segments: ['metadata', 'name'],
      message: `expected a ${k.kind} name of at most ${k.maxName} characters, got ${name.length} (${describeValue(name)})`,
    });
  issues.push(...(await modelValidate(k, object)));
  const { unknownCoreFields } = await import('./core-fields.js');
  issues.push(...(await unknownCoreFields(object as Record<string, unknown>, k.model)));
  return issues;
}
