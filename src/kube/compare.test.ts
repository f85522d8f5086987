import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyChanges, fieldsCovered, isSubset } from './compare.js';

const desired = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'ns', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    template: {
      spec: { containers: [{ name: 'c', image: 'x:1', resources: { limits: { memory: '1Gi', cpu: 2 } } }] },
    },
  },
};

// What an apiserver returns for it: defaults added, quantities canonical, our manager's field set.
const live = {
  ...desired,
  metadata: {
    ...desired.metadata,
    resourceVersion: '7',
    managedFields: [
      {
        manager: 'aglais',
        operation: 'Apply',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:template': {
              'f:spec': {
                'f:containers': {
                  'k:{"name":"c"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:resources': { 'f:limits': { 'f:cpu': {}, 'f:memory': {} } },
                  },
                },
              },
            },
          },
        },
      },
      { manager: 'kube-controller-manager', operation: 'Update', fieldsV1: { 'f:status': {} } },
    ],
  },
  spec: {
    replicas: 2,
    strategy: { type: 'RollingUpdate' },
    template: {
      spec: {
        containers: [
          {
            name: 'c',
            image: 'x:1',
            terminationMessagePath: '/dev/termination-log',
            resources: { limits: { memory: '1024Mi', cpu: '2' } },
          },
        ],
      },
    },
  },
  status: { replicas: 2 },
};

test('isSubset: defaults on the live side do not count, values do', () => {
  assert.equal(isSubset(desired, live), true);
  assert.equal(isSubset({ spec: { replicas: 3 } }, live), false);
  assert.equal(isSubset({ a: [1, 2] }, { a: [1, 2, 3] }), false, 'list lengths must match');
});

test('isSubset: quantities and int-or-string compare as the apiserver canonicalises them', () => {
  assert.equal(isSubset({ m: '1Gi' }, { m: '1024Mi' }), true);
  assert.equal(isSubset({ c: 2 }, { c: '2' }), true);
  assert.equal(isSubset({ c: '500m' }, { c: '0.5' }), true);
  assert.equal(isSubset({ m: '1Gi' }, { m: '1G' }), false);
});

test('applyChanges: unchanged object needs no write', () => {
  assert.equal(applyChanges(desired, live, 'aglais'), false);
});

test('applyChanges: a changed value needs a write', () => {
  assert.equal(applyChanges({ ...desired, spec: { ...desired.spec, replicas: 3 } }, live, 'aglais'), true);
});

test('applyChanges: a field we owned and no longer send needs a write (the apply removes it)', () => {
  const { labels: _l, ...meta } = desired.metadata;
  assert.equal(applyChanges({ ...desired, metadata: meta }, live, 'aglais'), true);
});

test('applyChanges: without our Apply entry (someone else made it) we must apply', () => {
  assert.equal(applyChanges(desired, live, 'someone-else'), true);
});

test('fieldsCovered: keyed list items and set values are matched', () => {
  assert.equal(
    fieldsCovered({ 'f:l': { 'k:{"name":"a"}': { 'f:v': {} } } }, { l: [{ name: 'a', v: 1 }] }),
    true,
  );
  assert.equal(fieldsCovered({ 'f:l': { 'k:{"name":"b"}': {} } }, { l: [{ name: 'a' }] }), false);
  assert.equal(fieldsCovered({ 'f:s': { 'v:"x"': {} } }, { s: ['x', 'y'] }), true);
  assert.equal(fieldsCovered({ 'f:s': { 'v:"z"': {} } }, { s: ['x', 'y'] }), false);
});

test('applyChanges with the digest annotation: a field a webhook added during our apply does not count', async () => {
  const { withDigest, appliedAnnotation } = await import('./compare.js');
  const ann = (o: { metadata: object }) =>
    (o.metadata as { annotations?: Record<string, string> }).annotations;
  const d = withDigest(desired);
  const digest = ann(d)?.[appliedAnnotation] ?? '';
  assert.match(digest, /^[0-9a-f]{20}$/);
  assert.equal(
    ann(withDigest({ ...desired, metadata: { ...desired.metadata } }))?.[appliedAnnotation],
    digest,
    'stable',
  );
  // The webhook's `spec.paused` is in our managed fields but not in what we send.
  const fields = live.metadata.managedFields[0]?.fieldsV1 as unknown as Record<
    string,
    Record<string, unknown>
  >;
  const webhooked = {
    ...live,
    metadata: {
      ...live.metadata,
      annotations: { [appliedAnnotation]: digest },
      managedFields: [
        {
          ...live.metadata.managedFields[0],
          fieldsV1: { ...fields, 'f:spec': { ...fields['f:spec'], 'f:paused': {} } },
        },
      ],
    },
    spec: { ...live.spec, paused: false },
  };
  assert.equal(applyChanges(d, webhooked, 'aglais'), false);
  const changed = withDigest({ ...desired, spec: { ...desired.spec, replicas: 3 } });
  assert.equal(applyChanges(changed, webhooked, 'aglais'), true);
  const fewer = withDigest({ ...desired, metadata: { name: 'web', namespace: 'ns' } });
  assert.equal(applyChanges(fewer, webhooked, 'aglais'), true, 'a dropped label changes the digest');
});
