/**
 * Waits on one object with a watch (one read, then events), re-reading when a
 * watch ends or breaks, so an apiserver restart mid-wait is survived. Every
 * change of what it waits on is reported, and a timeout says what was last seen.
 */
import type { KubeClient } from './client.js';
import { KubeApiError, isNotFound } from './errors.js';
import type { LiveObject } from './apply.js';
import { collectionPath, describeRef, objectPath, resourceFor, type ObjectRef } from './resources.js';
import type { Readiness } from './readiness.js';

export interface WaitOptions {
  /** Epoch ms after which the wait fails with {@link TimeoutError}. */
  readonly deadline: number;
  readonly signal?: AbortSignal;
  /** Called when what is awaited changes (reason/message), for progress lines. */
  readonly onProgress?: (r: Readiness) => void;
}

export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
}

/** `undefined` = the object is absent. */
export type Check = (o: LiveObject | undefined) => Readiness;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` passes on the live object; returns the last object seen. */
export async function waitFor(
  client: KubeClient,
  ref: ObjectRef,
  check: Check,
  opts: WaitOptions,
): Promise<LiveObject | undefined> {
  const r = await resourceFor(client, ref.apiVersion, ref.kind);
  const path = objectPath(r, ref.name, ref.namespace);
  let last: Readiness = { ready: false, reason: 'NotRead', message: 'not read yet' };
  let lastText = '';
  const note = (x: Readiness) => {
    last = x;
    const text = `${x.reason ?? ''}: ${x.message ?? ''}`;
    if (!x.ready && text !== lastText) opts.onProgress?.(x);
    lastText = text;
  };
  for (let failures = 0; ;) {
    if (opts.signal?.aborted) throw new InterruptedError(`interrupted while waiting for ${describeRef(ref)}`);
    if (Date.now() >= opts.deadline) {
      throw new TimeoutError(
        `timed out waiting for ${describeRef(ref)}: ${last.reason ?? ''}: ${last.message ?? ''}`,
      );
    }
    let obj: LiveObject | undefined;
    try {
      try {
        obj = await client.request<LiveObject>(path);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      failures = 0;
      const now = check(obj);
      note(now);
      if (now.ready) return obj;
      // Watch this one object from the version just read; the server ends it at timeoutSeconds.
      const controller = new AbortController();
      const stop = () => controller.abort();
      opts.signal?.addEventListener('abort', stop);
      const timer = setTimeout(stop, Math.max(0, opts.deadline - Date.now()));
      let done: LiveObject | undefined | null = null;
      try {
        await client.watch(
          collectionPath(r, ref.namespace),
          {
            fieldSelector: `metadata.name=${ref.name}`,
            resourceVersion: obj?.metadata.resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds: Math.max(1, Math.min(60, Math.ceil((opts.deadline - Date.now()) / 1000))),
          },
          (ev) => {
            if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') return;
            const o = ev.type === 'DELETED' ? undefined : (ev.object as LiveObject);
            const x = check(o);
            note(x);
            if (x.ready) {
              done = o;
              controller.abort();
            }
          },
          controller.signal,
        );
      } finally {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', stop);
      }
      if (done !== null) return done;
    } catch (e) {
      // The apiserver went away mid-wait: keep trying until the deadline.
      if (!(e instanceof KubeApiError) || (e.status !== 0 && e.status < 500)) throw e;
      failures++;
      note({ ready: false, reason: 'Unreachable', message: e.message });
      await sleep(Math.min(500 * failures, 3000));
    }
  }
}

/** Waits until the object is gone. */
export function waitGone(
  client: KubeClient,
  ref: ObjectRef,
  opts: WaitOptions,
): Promise<LiveObject | undefined> {
  return waitFor(
    client,
    ref,
    (o) =>
      o === undefined ? { ready: true } : { ready: false, reason: 'Deleting', message: finalizersText(o) },
    opts,
  );
}

function finalizersText(o: LiveObject): string {
  const f = (o.metadata as { finalizers?: string[] }).finalizers ?? [];
  return f.length ? `still there, finalizers: ${f.join(', ')}` : 'still there';
}
