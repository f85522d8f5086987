import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExitCode, UserError } from '../cli/errors.js';
import { KubeApiError } from '../kube/errors.js';
import { LockedError } from '../kube/lease.js';
import { TimeoutError } from '../kube/wait.js';
import { parseDuration, toUserError } from './fail.js';

test('parseDuration', () => {
  assert.equal(parseDuration('90s'), 90_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('45'), 45_000);
  assert.throws(
    () => parseDuration('soon'),
    /--timeout: expected a duration such as 90s, 30m or 1h, got "soon"/,
  );
  assert.throws(() => parseDuration('10x'), UserError);
});

test('exit codes: timeout 4, locked 5, remote 3', () => {
  const code = (e: unknown) => (toUserError(e, 'up') as UserError).exitCode;
  assert.equal(code(new TimeoutError('t')), ExitCode.timeout);
  assert.equal(code(new LockedError('l')), ExitCode.locked);
  assert.equal(code(new KubeApiError(500, 'x', 'boom')), ExitCode.remote);
  assert.match(
    (toUserError(new KubeApiError(0, 'Unreachable', 'cannot reach'), 'up') as Error).message,
    /^up: cannot reach/,
  );
});
