// Finds or starts the local test control plane (scripts/testenv) for
// integration tests and hands back a KubeConfig for @kubernetes/client-node.
// One place decides "skip with a message" (a developer machine without the
// toolchain) versus "fail" (CI=true, where a missing peer must never pass).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeConfig } from '@kubernetes/client-node';

export interface TestenvOptions {
  /** Also run the Cluster API controllers (default false). */
  readonly capi?: boolean;
}

export interface Testenv {
  readonly repoRoot: string;
  readonly kubeconfigPath: string;
  readonly kubeConfig: KubeConfig;
}

/** Either a running env, or why it cannot run here (the test skips with it). */
export type TestenvResult =
  { readonly env: Testenv; readonly skip?: undefined } | { readonly env?: undefined; readonly skip: string };

/** The repository root: this file is src/testenv/ (or dist/testenv/ once built). */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** The shared CRD folder the env installs: $AGLAIS_SHARED/crds or <repo>/../shared/crds. */
export function sharedCrdsDir(root = repoRoot()): string {
  const shared = process.env.AGLAIS_SHARED;
  return shared ? resolve(shared, 'crds') : resolve(root, '..', 'shared', 'crds');
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function testenv(root: string, args: readonly string[], inherit: boolean): { status: number; out: string } {
  const r = spawnSync(join(root, 'scripts', 'testenv'), args, {
    cwd: root,
    encoding: 'utf8',
    // Progress of a long `up` goes to the test's stderr so a person sees it.
    stdio: ['ignore', 'pipe', inherit ? 'inherit' : 'pipe'],
  });
  return { status: r.status ?? 1, out: r.stdout ?? '' };
}

/** Why the env cannot be started on this machine, or undefined if it can. */
export function missingPrerequisite(opts: TestenvOptions = {}, root = repoRoot()): string | undefined {
  const crds = sharedCrdsDir(root);
  if (!existsSync(crds)) {
    return `testenv: no shared CRD folder at ${crds}; set AGLAIS_SHARED to the folder holding crds/`;
  }
  for (const cmd of ['openssl', 'curl', 'setsid', 'flock']) {
    if (!onPath(cmd))
      return `testenv: '${cmd}' is not installed; install it (Debian: apt-get install ${cmd})`;
  }
  // A cached build needs no Go; a cold one does.
  const built = testenv(root, ['status', '--built', ...(opts.capi ? ['--capi'] : [])], false).status === 0;
  if (!built && !onPath('go')) {
    return 'testenv: the control plane is not built and no Go toolchain (>= 1.26) is on PATH; install Go, then run bash scripts/setup/30-testenv.sh';
  }
  return undefined;
}

/**
 * Returns the running env, starting it (`scripts/testenv up`) when it is not up.
 * A missing prerequisite is a skip reason, or an exception under CI=true.
 * A failing `up` on a machine that has everything is always an exception.
 */
export function useTestenv(opts: TestenvOptions = {}): TestenvResult {
  const root = repoRoot();
  const missing = missingPrerequisite(opts, root);
  if (missing) {
    if (process.env.CI === 'true') throw new Error(`${missing} (CI=true: a missing test peer is a failure)`);
    return { skip: missing };
  }
  const flags = opts.capi ? ['--capi'] : [];
  if (testenv(root, ['status', ...flags], false).status !== 0) {
    const up = testenv(root, ['up', ...flags], true);
    if (up.status !== 0)
      throw new Error(`testenv: 'scripts/testenv up ${flags.join(' ')}' failed (exit ${up.status})`);
  }
  const env = testenv(root, ['env'], false);
  const m = /^export KUBECONFIG=(.+)$/m.exec(env.out);
  if (env.status !== 0 || !m?.[1])
    throw new Error(`testenv: 'scripts/testenv env' printed no KUBECONFIG: ${env.out}`);
  const kubeconfigPath = m[1].trim();
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  return { env: { repoRoot: root, kubeconfigPath, kubeConfig } };
}
