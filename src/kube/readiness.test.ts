import assert from 'node:assert/strict';
import { test } from 'node:test';
import { controlPlaneInitialized, readiness, worthWaiting } from './readiness.js';

const md = (status: Record<string, unknown>, replicas = 2, generation = 3) => ({
  apiVersion: 'cluster.x-k8s.io/v1beta2',
  kind: 'MachineDeployment',
  metadata: { name: 'w', generation },
  spec: { replicas },
  status: { observedGeneration: generation, ...status },
});

test('MachineDeployment: ready when every replica is ready, available and up to date', () => {
  assert.equal(
    readiness(md({ readyReplicas: 2, availableReplicas: 2, upToDateReplicas: 2, replicas: 2 })).ready,
    true,
  );
  const r = readiness(md({ readyReplicas: 1, availableReplicas: 1, upToDateReplicas: 2, replicas: 2 }));
  assert.deepEqual(r, { ready: false, reason: 'ScalingUp', message: '1/2 ready, 1/2 available' });
  assert.equal(
    readiness(md({ readyReplicas: 2, availableReplicas: 2, upToDateReplicas: 2, replicas: 3 })).reason,
    'ScalingDown',
  );
  assert.equal(
    readiness(md({ readyReplicas: 3, availableReplicas: 3, upToDateReplicas: 3, observedGeneration: 2 }, 3))
      .reason,
    'NotObserved',
  );
});

test('Cluster: Available condition, with its reason and message when not', () => {
  const c = (conds: unknown[]) => ({
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { name: 'c' },
    status: { conditions: conds },
  });
  assert.equal(readiness(c([{ type: 'Available', status: 'True' }])).ready, true);
  assert.deepEqual(
    readiness(
      c([
        { type: 'Available', status: 'False', reason: 'NotAvailable', message: '* WorkersAvailable: 0 of 2' },
      ]),
    ),
    {
      ready: false,
      reason: 'NotAvailable',
      message: '* WorkersAvailable: 0 of 2',
    },
  );
  assert.equal(readiness(c([])).reason, 'AvailableUnknown');
  assert.equal(
    controlPlaneInitialized({ status: { initialization: { controlPlaneInitialized: true } } }).ready,
    true,
  );
  assert.equal(controlPlaneInitialized(c([{ type: 'ControlPlaneInitialized', status: 'True' }])).ready, true);
  assert.equal(controlPlaneInitialized(c([])).ready, false);
});

test('Deployment and Job; kinds without a wait are ready at once', () => {
  const d = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', generation: 1 },
    spec: { replicas: 1 },
    status: { observedGeneration: 1, updatedReplicas: 1, availableReplicas: 0 },
  };
  assert.equal(readiness(d).message, '0/1 available');
  const failed = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    status: {
      conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'too many' }],
    },
  };
  assert.equal(readiness(failed).reason, 'BackoffLimitExceeded');
  assert.equal(readiness({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }).ready, true);
  assert.equal(worthWaiting({ apiVersion: 'v1', kind: 'ConfigMap' }), false);
  assert.equal(
    worthWaiting({ apiVersion: 'addons.cluster.x-k8s.io/v1alpha1', kind: 'HelmChartProxy' }),
    true,
  );
  assert.equal(readiness({ ...d, metadata: { ...d.metadata, deletionTimestamp: 'x' } }).reason, 'Deleting');
});
