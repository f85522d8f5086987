import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import {
  applySetId,
  asMember,
  groupKind,
  labels,
  parentObject,
  prunePlan,
  recordFor,
  type Member,
} from './applyset.js';

test('applySetId: the KEP-3659 v1 form, a valid label value', () => {
  const id = applySetId({ name: 'aglais-p', namespace: 'aglais-system' });
  assert.match(id, /^applyset-[A-Za-z0-9_-]{43}-v1$/);
  assert.ok(id.length <= 63, 'label values are at most 63 characters');
  // The hash input is name.namespace.kind.group, base64url without padding.
  const h = createHash('sha256').update('aglais-p.aglais-system.ConfigMap.').digest();
  assert.equal(
    id.slice('applyset-'.length, -'-v1'.length),
    h.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  );
  assert.notEqual(id, applySetId({ name: 'aglais-q', namespace: 'aglais-system' }));
});

test('groupKind and the parent record: sorted, core kinds without a group', () => {
  assert.equal(groupKind({ apiVersion: 'v1', kind: 'Secret' }), 'Secret');
  assert.equal(
    groupKind({ apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster' }),
    'Cluster.cluster.x-k8s.io',
  );
  const r = recordFor([
    { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', metadata: { name: 'c', namespace: 'b' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'a' } },
  ]);
  assert.deepEqual(r, {
    groupKinds: ['Cluster.cluster.x-k8s.io', 'Namespace', 'Secret'],
    namespaces: ['a', 'b'],
  });
  const p = parentObject({ name: 'n', namespace: 'ns' }, 'plat', r);
  assert.equal(
    p.metadata.annotations?.['applyset.kubernetes.io/contains-group-kinds'],
    'Cluster.cluster.x-k8s.io,Namespace,Secret',
  );
  assert.equal(p.metadata.labels?.[labels.id], applySetId({ name: 'n', namespace: 'ns' }));
});

test('asMember adds the part-of label and keeps the others', () => {
  const o = asMember(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { a: 'b' } } },
    'applyset-x-v1',
  );
  assert.deepEqual(o.metadata.labels, { a: 'b', [labels.partOf]: 'applyset-x-v1' });
});

const m = (kind: string, name: string, namespace?: string, id = 'applyset-me-v1'): Member => ({
  apiVersion: kind === 'MachineDeployment' ? 'cluster.x-k8s.io/v1beta2' : 'v1',
  kind,
  name,
  ...(namespace ? { namespace } : {}),
  labels: { [labels.partOf]: id },
});

test('prunePlan: only our members that are no longer rendered; data kept without --delete-data', () => {
  const live = [
    m('MachineDeployment', 'pool-a', 'p'),
    m('MachineDeployment', 'pool-b', 'p'),
    m('MachineDeployment', 'theirs', 'p', 'applyset-other-v1'),
    m('Namespace', 'old'),
    m('PersistentVolumeClaim', 'home-alice', 'users'),
    { ...m('ConfigMap', 'unlabelled', 'p'), labels: {} },
  ];
  const desired = [
    { apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'MachineDeployment', name: 'pool-a', namespace: 'p' },
  ];
  const isData = (x: Member) => x.kind === 'PersistentVolumeClaim';
  const plan = prunePlan('applyset-me-v1', live, desired, isData, false);
  assert.deepEqual(
    plan.remove.map((x) => `${x.kind}/${x.name}`),
    ['MachineDeployment/pool-b', 'Namespace/old'],
    'namespaced first, namespaces last; another ApplySet and unlabelled objects untouched; the version does not matter',
  );
  assert.deepEqual(
    plan.keep.map((x) => x.name),
    ['home-alice'],
  );
  const all = prunePlan('applyset-me-v1', live, desired, isData, true);
  assert.deepEqual(
    all.remove.map((x) => x.name),
    ['home-alice', 'pool-b', 'old'],
  );
  assert.equal(all.keep.length, 0);
});
