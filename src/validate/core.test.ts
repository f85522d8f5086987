/* eslint-disable @typescript-eslint/no-explicit-any -- tests edit deep copies of fixtures */
/**
 * Core kinds: kubernetes-models' schemas for types and enums, client-node's field
 * lists for unknown fields, the kind table for scope and name rules.
 * No CRDs are involved (an empty CRD directory).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crdValidatorFor, formatFinding, validateObjects, validateReport } from './index.js';

const empty = mkdtempSync(join(tmpdir(), 'aglais-validate-core-'));
after(() => rmSync(empty, { recursive: true, force: true }));
const crds = crdValidatorFor([empty], { cacheDir: undefined });

const ns = 'gaia';
const labels = { 'app.kubernetes.io/name': 'zeppelin' };

const valid: Record<string, unknown> = {
  Namespace: {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
  },
  Secret: {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'cloud-config', namespace: ns },
    type: 'Opaque',
    stringData: { 'clouds.yaml': 'x' },
  },
  ConfigMap: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'zeppelin-conf', namespace: ns },
    data: { 'zeppelin-site.xml': '<configuration/>' },
  },
  ServiceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'zeppelin', namespace: ns } },
  Service: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'zeppelin', namespace: ns },
    spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
  },
  PersistentVolume: {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'gaia-dr3' },
    spec: {
      capacity: { storage: '8Ti' },
      accessModes: ['ReadOnlyMany'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: '',
      csi: {
        driver: 'cephfs.manila.csi.openstack.org',
        volumeHandle: 'gaia-dr3',
        readOnly: true,
        volumeAttributes: { shareID: 'abc' },
      },
    },
  },
  PersistentVolumeClaim: {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'notebooks', namespace: ns },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
      storageClassName: 'cinder',
    },
  },
  ResourceQuota: {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'user-quota', namespace: ns },
    spec: { hard: { 'requests.cpu': '16', 'requests.memory': '64Gi', pods: '40' } },
  },
  LimitRange: {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'defaults', namespace: ns },
    spec: { limits: [{ type: 'Container', default: { cpu: '1', memory: '2Gi' } }] },
  },
  Deployment: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'zeppelin', namespace: ns, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: 'zeppelin',
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'zeppelin',
              image: 'apache/zeppelin:0.12.0',
              ports: [{ name: 'http', containerPort: 8080 }],
              resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { memory: '2Gi' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'notebooks', mountPath: '/notebook' }],
            },
          ],
          volumes: [{ name: 'notebooks', persistentVolumeClaim: { claimName: 'notebooks' } }],
        },
      },
    },
  },
  CronJob: {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'janitor', namespace: ns },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: {
        spec: {
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'j', image: 'busybox' }] } },
        },
      },
    },
  },
  Role: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'zeppelin:interpreters', namespace: ns },
    rules: [
      {
        apiGroups: [''],
        resources: ['pods', 'services'],
        verbs: ['create', 'get', 'list', 'watch', 'delete'],
      },
    ],
  },
  RoleBinding: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'zeppelin', namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'zeppelin:interpreters' },
    subjects: [{ kind: 'ServiceAccount', name: 'zeppelin', namespace: ns }],
  },
  NetworkPolicy: {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'isolate', namespace: ns },
    spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] },
  },
  StorageClass: {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'cinder' },
    provisioner: 'cinder.csi.openstack.org',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  },
  PodDisruptionBudget: {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'zeppelin', namespace: ns },
    spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
  },
  Lease: {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'aglais-lock', namespace: ns },
    spec: { holderIdentity: 'me', leaseDurationSeconds: 60 },
  },
};

async function findingsOf(object: unknown): Promise<string[]> {
  return (await validateObjects([{ target: 'workload', object }], { crds })).map(formatFinding);
}

function variant(kind: string, change: (o: Record<string, any>) => void): unknown {
  const o = structuredClone(valid[kind]) as Record<string, any>;
  change(o);
  return o;
}

test('hand-written core objects are valid', async () => {
  const report = await validateReport(
    Object.values(valid).map((object) => ({ target: 'workload', object })),
    { crds },
  );
  assert.deepEqual(report.findings.map(formatFinding), []);
  assert.equal(report.core, Object.keys(valid).length);
});

test('core: wrong type, bad enum and an unknown field deep in a pod template', async () => {
  const object = variant('Deployment', (o) => {
    o.spec.replicas = '2';
    o.spec.template.spec.containers[0].imagePullPolicy = 'Sometimes';
    o.spec.template.spec.containers[0].ports[0].protocoll = 'TCP';
  });
  const id = 'workload/Deployment/gaia/zeppelin';
  assert.deepEqual(await findingsOf(object), [
    `${id}: spec.replicas: expected integer, got string "2"`,
    `${id}: spec.template.spec.containers[0].imagePullPolicy: expected one of "Always", "IfNotPresent", "Never", got "Sometimes"`,
    `${id}: spec.template.spec.containers[0].ports[0].protocoll: unknown field "protocoll" (did you mean "protocol"?); the API server would drop it`,
  ]);
});

test('core: a malformed quantity is one finding, naming both accepted forms', async () => {
  const object = variant('PersistentVolumeClaim', (o) => {
    o.spec.resources.requests.storage = '10 GB';
  });
  assert.deepEqual(await findingsOf(object), [
    'workload/PersistentVolumeClaim/gaia/notebooks: spec.resources.requests.storage: expected number or format "quantity", got string "10 GB"',
  ]);
});

test('core: unknown top-level field, missing required field', async () => {
  const object = variant('RoleBinding', (o) => {
    delete o.roleRef;
    o.subject = o.subjects;
  });
  assert.deepEqual(await findingsOf(object), [
    'workload/RoleBinding/gaia/zeppelin: roleRef: missing (required)',
    'workload/RoleBinding/gaia/zeppelin: subject: unknown field "subject" (did you mean "subjects"?); the API server would drop it',
  ]);
});

test('core: scope and name rules per kind', async () => {
  assert.deepEqual(await findingsOf(variant('StorageClass', (o) => (o.metadata.namespace = 'gaia'))), [
    'workload/StorageClass/gaia/cinder: metadata.namespace: expected no namespace on a cluster-scoped kind, got "gaia" (the API server ignores it)',
  ]);
  assert.deepEqual(await findingsOf(variant('ConfigMap', (o) => delete o.metadata.namespace)), [
    'workload/ConfigMap/-/zeppelin-conf: metadata.namespace: missing (required): the kind is namespaced, and the namespace must not depend on kubectl defaults',
  ]);
  // Services need DNS-1035 labels (a leading digit is refused), Namespaces DNS labels (no dots).
  assert.deepEqual(await findingsOf(variant('Service', (o) => (o.metadata.name = '1zeppelin'))), [
    'workload/Service/gaia/1zeppelin: metadata.name: expected a DNS-1035 label (lower-case letters, digits and \'-\', starting with a letter), got "1zeppelin"',
  ]);
  assert.deepEqual(await findingsOf(variant('Namespace', (o) => (o.metadata.name = 'gaia.users'))), [
    'workload/Namespace/-/gaia.users: metadata.name: expected a DNS label (lower-case letters, digits and \'-\', starting and ending alphanumeric), got "gaia.users"',
  ]);
  // RBAC names may contain ':' (path segment rule), but not '/'.
  assert.deepEqual(await findingsOf(variant('Role', (o) => (o.metadata.name = 'a/b'))), [
    'workload/Role/gaia/a/b: metadata.name: expected a name usable as a path segment (not "." or "..", no \'/\' or \'%\'), got "a/b"',
  ]);
  const long = 'j'.repeat(53);
  assert.deepEqual(await findingsOf(variant('CronJob', (o) => (o.metadata.name = long))), [
    `workload/CronJob/gaia/${long}: metadata.name: expected a CronJob name of at most 52 characters, got 53 ("${long}")`,
  ]);
});

test('core: a version Kubernetes no longer serves has no schema', async () => {
  const object = variant('Deployment', (o) => (o.apiVersion = 'extensions/v1beta1'));
  assert.deepEqual(await findingsOf(object), [
    'workload/Deployment/gaia/zeppelin: no schema for extensions/v1beta1 Deployment (no CRDs found in ' +
      empty +
      ')',
  ]);
});
