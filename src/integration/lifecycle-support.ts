// Helpers of the lifecycle integration tests: a private test env (its API
// server gets SIGKILLed, which must not disturb other suites), specs derived
// from examples/dev.yaml, and the aglais CLI run as a real child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { parse, stringify } from 'yaml';
import { apiStatus } from '../testenv/kube.js';

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcess;
  /** Resolves when stderr has shown text matching `re`. */
  seen(re: RegExp, timeoutMs?: number): Promise<void>;
  readonly done: Promise<Run>;
}

/** Starts `aglais ARGS` (the built CLI) with the test env's kubeconfig. */
export function start(root: string, kubeconfig: string, args: readonly string[]): Running {
  const child = spawn(process.execPath, [join(root, 'dist', 'cli', 'main.js'), ...args], {
    cwd: root,
    env: { ...process.env, KUBECONFIG: kubeconfig, CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
    for (const w of [...waiters]) {
      if (w.re.test(stderr)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    child,
    done,
    seen(re, timeoutMs = 300_000) {
      if (re.test(stderr)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`never saw ${re} on stderr; got:\n${stderr}`)),
          timeoutMs,
        );
        waiters.push({
          re,
          resolve: () => {
            clearTimeout(t);
            resolve();
          },
        });
        void done.then(() => {
          clearTimeout(t);
          if (!re.test(stderr)) reject(new Error(`exited before ${re} on stderr; got:\n${stderr}`));
        });
      });
    },
  };
}

export function run(root: string, kubeconfig: string, args: readonly string[]): Promise<Run> {
  return start(root, kubeconfig, args).done;
}

export interface Pool {
  readonly name: string;
  readonly replicas: number;
}

/** examples/dev.yaml with another name and other worker pools, written to `dir/<file>`. */
export function devSpec(
  root: string,
  dir: string,
  file: string,
  name: string,
  pools: readonly Pool[],
): string {
  const spec = parse(readFileSync(join(root, 'examples', 'dev.yaml'), 'utf8')) as {
    metadata: { name: string };
    spec: {
      nodePools: { name: string; replicas: number; capacity: unknown }[];
      platform: { domain: string };
    };
  };
  const capacity = spec.spec.nodePools[0]?.capacity;
  spec.metadata.name = name;
  spec.spec.platform.domain = `${name}.example.org`;
  spec.spec.nodePools = pools.map((p) => ({ name: p.name, replicas: p.replicas, capacity }));
  const path = join(dir, file);
  writeFileSync(path, stringify(spec));
  return path;
}

export interface Condition {
  readonly type: string;
  readonly status: string;
}
export type Live = KubernetesObject & {
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  status?: { conditions?: Condition[]; readyReplicas?: number; [k: string]: unknown };
};

export const CAPI = 'cluster.x-k8s.io/v1beta2';

export async function read(
  kc: KubeConfig,
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
): Promise<Live | undefined> {
  try {
    return await KubernetesObjectApi.makeApiClient(kc).read<Live>({
      apiVersion,
      kind,
      metadata: { name, ...(namespace ? { namespace } : {}) },
    });
  } catch (e) {
    if (apiStatus(e) === 404) return undefined;
    throw e;
  }
}

export async function list(
  kc: KubeConfig,
  apiVersion: string,
  kind: string,
  namespace?: string,
  labelSelector?: string,
): Promise<Live[]> {
  try {
    const l = await KubernetesObjectApi.makeApiClient(kc).list<Live>(
      apiVersion,
      kind,
      namespace,
      undefined,
      undefined,
      undefined,
      undefined,
      labelSelector,
    );
    return l.items;
  } catch (e) {
    if (apiStatus(e) === 404) return [];
    throw e;
  }
}

/** Parses the JSON report `up -o json` prints. */
export interface UpJson {
  readonly outcomes: {
    ref: { kind: string; name: string; namespace?: string };
    action: string;
    target: string;
  }[];
  readonly writes: number;
  readonly requests: { management: Record<string, number>; lock: Record<string, number> };
  readonly workloadKubeconfig?: string;
}
