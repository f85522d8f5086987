/**
 * The lifecycle commands' work, apart from argument parsing (src/cli/commands)
 * so that tests can call it. Each returns what goes to stdout and its exit code.
 */
import { existsSync } from 'node:fs';
import { ExitCode, UserError } from '../cli/errors.js';
import { makeClient } from '../kube/client.js';
import { loadKubeConfig } from '../kube/config.js';
import { formatDiff, runDiff } from './diff.js';
import { formatDownReport, runDown } from './down.js';
import { parseDuration, toUserError } from './fail.js';
import { makeProgress } from './progress.js';
import { openSession, type ConnectOptions } from './session.js';
import { interruptible } from './signals.js';
import { statusTree, type StatusTarget } from './status.js';
import { allReady, formatTree, verdict } from './status-tree.js';
import { formatUpReport, runUp } from './up.js';

export interface CommonFlags {
  readonly kubeconfig?: string;
  readonly context?: string;
}

export interface UpFlags extends CommonFlags {
  readonly timeout?: string;
  readonly waitLock?: string | boolean;
  readonly forceConflicts?: boolean;
  readonly deleteData?: boolean;
  readonly waitAddons?: boolean;
  readonly workloadKubeconfig?: string;
  readonly output?: string;
}

export interface CommandResult {
  readonly stdout: string;
  readonly exitCode: number;
}

const connectOpts = (f: CommonFlags): ConnectOptions => ({
  ...(f.kubeconfig ? { kubeconfig: f.kubeconfig } : {}),
  ...(f.context ? { context: f.context } : {}),
});

function waitLockMs(f: { waitLock?: string | boolean }, timeoutMs: number): number | undefined {
  if (f.waitLock === undefined || f.waitLock === false) return undefined;
  return f.waitLock === true ? timeoutMs : parseDuration(f.waitLock, '--wait-lock');
}

function outputFormat(o: string | undefined, command: string): 'text' | 'json' {
  if (o === undefined || o === 'text') return 'text';
  if (o === 'json') return 'json';
  throw new UserError(`${command}: -o: expected json, got "${o}"`, ExitCode.usage);
}

const useColor = () => process.stdout.isTTY === true && !process.env['NO_COLOR'];

export async function upCommand(spec: string, f: UpFlags): Promise<CommandResult> {
  const timeoutMs = parseDuration(f.timeout ?? '30m');
  const format = outputFormat(f.output, 'up');
  const session = await openSession(spec, connectOpts(f));
  const progress = await makeProgress({ command: 'up' });
  const int = interruptible(() =>
    progress.note('interrupted: stopping at the next safe point (Ctrl-C again to exit now)'),
  );
  try {
    const lockWait = waitLockMs(f, timeoutMs);
    const report = await runUp(session, {
      timeoutMs,
      ...(lockWait !== undefined ? { waitLockMs: lockWait } : {}),
      forceConflicts: f.forceConflicts ?? false,
      deleteData: f.deleteData ?? false,
      waitAddons: f.waitAddons !== false,
      ...(f.workloadKubeconfig ? { workloadKubeconfig: f.workloadKubeconfig } : {}),
      progress,
      signal: int.signal,
    });
    return {
      stdout: format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatUpReport(report),
      exitCode: 0,
    };
  } catch (e) {
    throw toUserError(e, 'up');
  } finally {
    int.restore();
    session.close();
  }
}

export async function diffCommand(
  spec: string,
  f: CommonFlags & { forceConflicts?: boolean; deleteData?: boolean },
): Promise<CommandResult> {
  const session = await openSession(spec, connectOpts(f));
  try {
    const r = await runDiff(session, {
      color: useColor(),
      forceConflicts: f.forceConflicts ?? false,
      deleteData: f.deleteData ?? false,
    });
    const changed = r.diffs.some((d) => d.change !== 'keep');
    return { stdout: formatDiff(r), exitCode: changed ? ExitCode.different : ExitCode.ok };
  } catch (e) {
    throw toUserError(e, 'diff');
  } finally {
    session.close();
  }
}

export interface DownFlags extends CommonFlags {
  readonly timeout?: string;
  readonly waitLock?: string | boolean;
  readonly deleteData?: boolean;
}

export async function downCommand(spec: string, f: DownFlags): Promise<CommandResult> {
  const timeoutMs = parseDuration(f.timeout ?? '30m');
  const session = await openSession(spec, { ...connectOpts(f), withSecrets: false });
  const progress = await makeProgress({ command: 'down' });
  const int = interruptible(() =>
    progress.note('interrupted: stopping at the next safe point (Ctrl-C again to exit now)'),
  );
  try {
    const lockWait = waitLockMs(f, timeoutMs);
    const report = await runDown(session, {
      timeoutMs,
      ...(lockWait !== undefined ? { waitLockMs: lockWait } : {}),
      deleteData: f.deleteData ?? false,
      progress,
      signal: int.signal,
    });
    return {
      stdout: formatDownReport(report),
      exitCode: report.leftovers.length ? ExitCode.remote : ExitCode.ok,
    };
  } catch (e) {
    throw toUserError(e, 'down');
  } finally {
    int.restore();
    session.close();
  }
}

export interface StatusFlags extends CommonFlags {
  readonly output?: string;
  readonly watch?: boolean;
}

async function statusTarget(
  specOrName: string,
  f: StatusFlags,
): Promise<{ target: StatusTarget; close: () => void }> {
  if (existsSync(specOrName)) {
    const s = await openSession(specOrName, { ...connectOpts(f), withSecrets: false });
    return {
      target: {
        name: s.name,
        client: s.mgmt,
        capi: s.capi,
        ...(s.cluster
          ? { cluster: { name: s.cluster.name, namespace: s.cluster.namespace ?? s.namespace } }
          : {}),
      },
      close: () => s.close(),
    };
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(specOrName)) {
    throw new UserError(
      `status: ${specOrName}: no such spec file, and not a platform name either`,
      ExitCode.usage,
    );
  }
  const client = makeClient(loadKubeConfig(connectOpts(f)));
  return { target: { name: specOrName, client, capi: true }, close: () => client.close() };
}

export async function statusCommand(
  specOrName: string,
  f: StatusFlags,
  write: (s: string) => void,
): Promise<number> {
  const format = outputFormat(f.output, 'status');
  const { target, close } = await statusTarget(specOrName, f);
  const int = f.watch ? interruptible() : undefined;
  try {
    let last = '';
    for (;;) {
      const tree = await statusTree(target);
      const text =
        format === 'json'
          ? `${JSON.stringify({ platform: target.name, ready: allReady(tree), verdict: verdict(tree), tree }, null, 2)}\n`
          : formatTree(tree, useColor());
      if (text !== last) {
        if (f.watch && process.stdout.isTTY && format === 'text') write('\x1b[2J\x1b[H');
        write(text);
        last = text;
      }
      if (!f.watch || int?.signal.aborted) return allReady(tree) ? ExitCode.ok : ExitCode.different;
      await new Promise((r) => setTimeout(r, 2000));
      if (int?.signal.aborted) return allReady(tree) ? ExitCode.ok : ExitCode.different;
    }
  } catch (e) {
    throw toUserError(e, 'status');
  } finally {
    int?.restore();
    close();
  }
}
