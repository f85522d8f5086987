// Small helpers the integration tests share on top of @kubernetes/client-node.
import { ApiException, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';

export interface WaitOptions {
  /** What is awaited, for the timeout message. */
  readonly what: string;
  /** Give up after this many milliseconds (default 60 000). */
  readonly timeoutMs?: number;
  /** Poll interval in milliseconds (default 500). */
  readonly intervalMs?: number;
}

/**
 * Polls `probe` until it returns a value other than undefined; throws with the
 * last observation when the time is up so a failure says what was seen.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined>, opts: WaitOptions): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
      last = 'not yet';
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${opts.what}; last: ${String(last)}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
  }
}

/** HTTP status of a failed API call, or undefined for other errors. */
export function apiStatus(e: unknown): number | undefined {
  return e instanceof ApiException ? e.code : undefined;
}

/** The Status message the apiserver returned for a failed call (or the error's text). */
export function apiMessage(e: unknown): string {
  if (e instanceof ApiException) {
    const body: unknown = e.body;
    if (typeof body === 'string') {
      try {
        const parsed = JSON.parse(body) as { message?: unknown };
        if (typeof parsed.message === 'string') return parsed.message;
      } catch {
        return body;
      }
      return body;
    }
    if (body && typeof body === 'object' && 'message' in body) return String(body.message);
  }
  return e instanceof Error ? e.message : String(e);
}

/** Runs `call`, which must fail; returns its error. */
export async function rejection(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (e) {
    return e;
  }
  throw new Error('expected the API call to be rejected, but it succeeded');
}

/**
 * Creates a namespace with a unique name and waits for its default
 * ServiceAccount (made by kube-controller-manager; Pod admission needs it).
 */
export async function createTestNamespace(
  kc: KubeConfig,
  prefix: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<string> {
  const core = kc.makeApiClient(CoreV1Api);
  const ns = await core.createNamespace({
    body: {
      metadata: { generateName: `${prefix}-`, labels: { 'aglais.test/integration': 'true', ...labels } },
    },
  });
  const name = ns.metadata?.name;
  if (!name) throw new Error('testenv: created namespace has no name');
  await waitFor(() => core.readNamespacedServiceAccount({ name: 'default', namespace: name }), {
    what: `ServiceAccount default in namespace ${name}`,
  });
  return name;
}

/** Deletes a namespace, ignoring one that is already gone. */
export async function deleteNamespace(kc: KubeConfig, name: string): Promise<void> {
  try {
    await kc.makeApiClient(CoreV1Api).deleteNamespace({ name });
  } catch (e) {
    if (apiStatus(e) !== 404) throw e;
  }
}
