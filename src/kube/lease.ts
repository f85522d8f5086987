/**
 * A Lease (coordination.k8s.io/v1) per platform, in aglais-system, stops two
 * `up`/`down` runs on one platform at once. Taken with optimistic concurrency
 * (create, or update at the resourceVersion read), renewed while the run
 * lasts, deleted when it ends.
 */
import { hostname, userInfo } from 'node:os';
import { systemNamespace } from './applyset.js';
import type { KubeClient } from './client.js';
import { KubeApiError, isNotFound } from './errors.js';
import { ensureSystemNamespace } from './members.js';
import {
  heldMessage,
  identityString,
  leaseState,
  microTime,
  type Identity,
  type LeaseSpec,
} from './lease-state.js';

interface LeaseObject {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: { name: string; namespace: string; resourceVersion?: string; labels?: Record<string, string> };
  spec?: LeaseSpec;
}

export interface LockOptions {
  readonly platform: string;
  readonly command: string;
  /** Wait for the holder to finish, up to this deadline (epoch ms). Default: fail at once. */
  readonly waitUntil?: number;
  /** Lease duration in seconds. Default 30; renewed every third of it. */
  readonly durationSeconds?: number;
  /** Told when the lock is held by someone else and we wait. */
  readonly onWait?: (message: string) => void;
  readonly signal?: AbortSignal;
}

export interface Lock {
  readonly holder: string;
  release(): Promise<void>;
}

/** Thrown when the lock is held (and we do not or can no longer wait). */
export class LockedError extends Error {
  override readonly name = 'LockedError';
}

const leasePath = (name: string) =>
  `/apis/coordination.k8s.io/v1/namespaces/${systemNamespace}/leases/${encodeURIComponent(name)}`;

export const leaseName = (platform: string) => `aglais-${platform}`;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function currentIdentity(command: string): Identity {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers): keep 'unknown'
  }
  return { user, host: hostname(), pid: process.pid, command };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

export async function acquireLock(client: KubeClient, opts: LockOptions): Promise<Lock> {
  const me = currentIdentity(opts.command);
  const holder = identityString(me);
  const name = leaseName(opts.platform);
  const duration = opts.durationSeconds ?? 30;
  const path = leasePath(name);
  await ensureSystemNamespace(client);
  let told = false;
  let lease: LeaseObject | undefined;
  for (;;) {
    if (opts.signal?.aborted)
      throw new LockedError(`lock: interrupted while waiting for the lock of ${opts.platform}`);
    let live: LeaseObject | undefined;
    try {
      live = await client.request<LeaseObject>(path);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    const now = Date.now();
    const state = leaseState(live?.spec, now, me, pidAlive);
    const spec: LeaseSpec = {
      holderIdentity: holder,
      leaseDurationSeconds: duration,
      acquireTime: microTime(now),
      renewTime: microTime(now),
    };
    if (state.kind !== 'held') {
      const body: LeaseObject = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name,
          namespace: systemNamespace,
          labels: { 'app.kubernetes.io/managed-by': 'aglais', 'aglais.dev/platform': opts.platform },
          ...(live?.metadata.resourceVersion ? { resourceVersion: live.metadata.resourceVersion } : {}),
        },
        spec,
      };
      try {
        lease = live
          ? await client.request<LeaseObject>(path, { method: 'PUT', body })
          : await client.request<LeaseObject>(path.replace(/\/[^/]+$/, ''), { method: 'POST', body });
        break;
      } catch (e) {
        // Someone else got there between our read and write: look again.
        if (e instanceof KubeApiError && e.status === 409) continue;
        throw e;
      }
    }
    const message = heldMessage(opts.platform, state, now);
    if (opts.waitUntil === undefined || now >= opts.waitUntil) throw new LockedError(message);
    if (!told) opts.onWait?.(`waiting: ${message.replace(/^lock: /, '').replace(/ Wait for.*$/, '')}`);
    told = true;
    await sleep(Math.min(2000, Math.max(0, opts.waitUntil - now)), opts.signal);
  }

  let current = lease;
  let lost = false;
  const renew = setInterval(
    () => {
      const body = { ...current, spec: { ...current.spec, renewTime: microTime(Date.now()) } };
      client.request<LeaseObject>(path, { method: 'PUT', body }).then(
        (l) => {
          current = l;
        },
        (e: unknown) => {
          // A conflict means another run took the lease over (ours had expired).
          if (e instanceof KubeApiError && e.status === 409) lost = true;
        },
      );
    },
    (duration * 1000) / 3,
  );
  renew.unref();
  return {
    holder,
    async release() {
      clearInterval(renew);
      if (lost) return;
      try {
        await client.request(path, {
          method: 'DELETE',
          body: {
            kind: 'DeleteOptions',
            apiVersion: 'v1',
            preconditions: { resourceVersion: current.metadata.resourceVersion },
          },
        });
      } catch (e) {
        // Gone or changed hands: either way it is not ours to delete any more.
        if (!(e instanceof KubeApiError) || (e.status !== 404 && e.status !== 409)) throw e;
      }
    },
  };
}
