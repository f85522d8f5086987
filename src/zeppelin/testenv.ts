/**
 * Test support: a real local Zeppelin (assembled by scripts/setup/40-zeppelin.sh,
 * started by scripts/zeppelin/start). Not product code: only tests import it.
 *
 * When the assembly or the Python venv is missing, {@link zeppelinMissing} says
 * how to get it; under CI=true a missing peer is a failure, never a skip.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root (dist/zeppelin/ → ../..). */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface LocalZeppelin {
  readonly url: string;
  readonly instance: string;
  /** name → password, from the instance's users file. */
  readonly users: ReadonlyArray<{ readonly name: string; readonly password: string }>;
  readonly python: string;
  stop(): Promise<void>;
}

/** Why a real Zeppelin cannot run here, or undefined when it can. */
export function zeppelinMissing(): string | undefined {
  const assembled = join(homedir(), '.cache/aglais/zeppelin/current/.assembled');
  if (!existsSync(assembled)) return `local Zeppelin not assembled: run 'bash scripts/setup/40-zeppelin.sh'`;
  const venv = join(homedir(), '.cache/aglais/venv/bin/python');
  if (!existsSync(venv)) return `Python venv with pyspark missing: run 'bash scripts/setup/20-python.sh'`;
  return undefined;
}

/** Options for node:test's describe(): skip with the reason, except under CI where it must fail. */
export function zeppelinSuiteOptions(): { skip?: string } {
  const missing = zeppelinMissing();
  if (missing === undefined || process.env['CI'] === 'true') return {};
  return { skip: missing };
}

/** Starts a Zeppelin in a fresh temp instance folder; throws (in CI) when it cannot. */
export async function startZeppelin(): Promise<LocalZeppelin> {
  const missing = zeppelinMissing();
  if (missing !== undefined) throw new Error(`real Zeppelin needed (CI=true): ${missing}`);
  const python = (await run('bash', [join(repoRoot, 'scripts/python.sh')])).stdout.trim();
  const instance = mkdtempSync(join(tmpdir(), 'aglais-zeppelin-'));
  const stop = async (): Promise<void> => {
    await run('bash', [join(repoRoot, 'scripts/zeppelin/stop'), instance]).catch(() => undefined);
    rmSync(instance, { recursive: true, force: true });
  };
  try {
    const { stdout } = await run('bash', [join(repoRoot, 'scripts/zeppelin/start'), instance], {
      env: { ...process.env, AGLAIS_ZEPPELIN_PYTHON: python },
      timeout: 180_000,
    });
    const url = stdout.trim().split('\n').pop() ?? '';
    const users = readFileSync(join(instance, 'users'), 'utf8')
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => ({ name: l.slice(0, l.indexOf(':')), password: l.slice(l.indexOf(':') + 1) }));
    return { url, instance, users, python, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
