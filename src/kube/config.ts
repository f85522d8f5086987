/**
 * Kubeconfig loading as kubectl does it: --kubeconfig, else $KUBECONFIG (a
 * list of files, merged), else ~/.kube/config; --context picks a context.
 * Also the workload cluster's kubeconfig, read from CAPI's `<cluster>-kubeconfig`
 * Secret and written to disk mode 0600.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ExitCode, UserError } from '../cli/errors.js';

export interface KubeconfigOptions {
  /** Path of a kubeconfig file. Default: $KUBECONFIG, else ~/.kube/config. */
  readonly kubeconfig?: string;
  /** Context to use. Default: the file's current-context. */
  readonly context?: string;
}

export function loadKubeConfig(opts: KubeconfigOptions = {}): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (opts.kubeconfig) {
      if (!existsSync(opts.kubeconfig)) {
        throw new UserError(`kubeconfig: ${opts.kubeconfig}: no such file`, ExitCode.usage);
      }
      kc.loadFromFile(opts.kubeconfig);
    } else {
      kc.loadFromDefault();
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(
      `kubeconfig: cannot load ${opts.kubeconfig ?? '$KUBECONFIG or ~/.kube/config'}: ${(e as Error).message}`,
      ExitCode.usage,
    );
  }
  if (opts.context) {
    if (!kc.getContextObject(opts.context)) {
      const names = kc.getContexts().map((c) => c.name);
      throw new UserError(
        `kubeconfig: no context named "${opts.context}" (it has: ${names.join(', ') || 'none'})`,
        ExitCode.usage,
      );
    }
    kc.setCurrentContext(opts.context);
  }
  if (!kc.getCurrentCluster()?.server) {
    throw new UserError(
      `kubeconfig: ${opts.kubeconfig ?? 'the default kubeconfig'} has no current context with a cluster server; give --kubeconfig or --context`,
      ExitCode.usage,
    );
  }
  return kc;
}

export function kubeConfigFromString(text: string, what: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch (e) {
    throw new UserError(
      `kubeconfig: ${what} is not a valid kubeconfig: ${(e as Error).message}`,
      ExitCode.remote,
    );
  }
  return kc;
}

/** Writes a kubeconfig readable by its owner only (0600), whatever the umask. */
export async function writeKubeconfigFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}
