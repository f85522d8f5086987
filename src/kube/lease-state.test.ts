import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heldMessage, identityString, leaseState, microTime, parseIdentity } from './lease-state.js';

const me = { user: 'ann', host: 'h1', pid: 100, command: 'up' };
const other = { user: 'bob', host: 'h2', pid: 200, command: 'down' };
const now = Date.parse('2026-01-01T10:00:00Z');
const alive = () => true;

test('identity round trip', () => {
  assert.equal(identityString(me), 'ann@h1/100 (aglais up)');
  assert.deepEqual(parseIdentity(identityString(other)), { host: 'h2', pid: 200 });
});

test('microTime has microseconds, as Lease times need', () => {
  assert.equal(microTime(now), '2026-01-01T10:00:00.000000Z');
});

test('free, mine, held, expired', () => {
  assert.equal(leaseState(undefined, now, me, alive).kind, 'free');
  assert.equal(leaseState({ holderIdentity: '' }, now, me, alive).kind, 'free');
  const fresh = {
    holderIdentity: identityString(other),
    leaseDurationSeconds: 30,
    acquireTime: '2026-01-01T09:50:00.000000Z',
    renewTime: '2026-01-01T09:59:50.000000Z',
  };
  assert.equal(leaseState({ ...fresh, holderIdentity: identityString(me) }, now, me, alive).kind, 'mine');
  const held = leaseState(fresh, now, me, alive);
  assert.equal(held.kind, 'held');
  assert.equal(
    leaseState({ ...fresh, renewTime: '2026-01-01T09:59:29.000000Z' }, now, me, alive).kind,
    'expired',
  );
  if (held.kind !== 'held') return;
  const msg = heldMessage('gaia', held, now);
  assert.match(msg, /locked by bob@h2\/200 \(aglais down\) since 2026-01-01T09:50:00\.000000Z/);
  assert.match(msg, /expires in 20s/);
  assert.match(msg, /--wait-lock/);
});

test('a holder on this host whose process is gone is stale; one elsewhere is not judged by pid', () => {
  const here = {
    holderIdentity: identityString({ ...other, host: 'h1' }),
    leaseDurationSeconds: 30,
    renewTime: microTime(now - 1000),
  };
  assert.equal(leaseState(here, now, me, () => false).kind, 'stale');
  assert.equal(leaseState(here, now, me, () => true).kind, 'held');
  const there = { ...here, holderIdentity: identityString(other) };
  assert.equal(leaseState(there, now, me, () => false).kind, 'held');
});
