/**
 * `aglais check TARGET`: smoke checks, then the notebook suite for N concurrent
 * users; prints a table (or JSON), optionally writes JUnit XML. Returns the exit
 * code: 0 when nothing is in ERROR, 1 (ExitCode.different) otherwise.
 */
import { writeFile } from 'node:fs/promises';
import { ExitCode, UserError } from '../cli/errors.js';
import { loadCredentials, simulatedUsers } from './credentials.js';
import { formatDuration } from './duration.js';
import { runNotebooks } from './notebooks.js';
import { failed, renderJUnit, renderJson, renderTable, type CheckReport } from './report.js';
import { smokeChecks } from './smoke.js';
import { loadSuite } from './suite.js';
import { resolveTarget } from './target.js';

export interface CheckOptions {
  readonly users?: string;
  readonly loops?: string;
  readonly suite?: string;
  readonly set?: readonly string[];
  readonly interpreter?: string;
  readonly only?: string;
  readonly json?: boolean;
  readonly junit?: string;
  readonly usersFile?: string;
  readonly insecure?: boolean;
  readonly certDays?: string;
  readonly smokeOnly?: boolean;
  readonly keepNotes?: boolean;
  readonly quiet?: boolean;
}

export async function runCheck(
  target: string,
  opts: CheckOptions,
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const users = positiveInt('--users', opts.users, 1);
  const loops = positiveInt('--loops', opts.loops, 1);
  const certDays = positiveInt('--cert-days', opts.certDays, 14);
  const suite = await loadSuite(opts.suite, {
    ...(opts.interpreter ? { interpreter: opts.interpreter } : {}),
    set: parseSets(opts.set ?? []),
    only: (opts.only ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  });
  const creds = await loadCredentials(opts.usersFile);
  const { url, from } = await resolveTarget(target);
  // A self-signed platform: fetch must accept its certificate too (the TLS check still reports it).
  if (opts.insecure) process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';

  const startedAt = new Date();
  const t0 = performance.now();
  const accounts = creds.slice(0, Math.min(users, creds.length));
  const smoke = await smokeChecks(url, accounts, { certDays, insecure: opts.insecure ?? false });
  const serverDown = smoke.some(
    (c) => (c.check === 'reachable' || c.check === 'version') && c.status === 'ERROR',
  );
  const progress = (s: string): void => {
    if (!opts.quiet && !opts.json) err(s);
  };
  const results =
    opts.smokeOnly || serverDown
      ? []
      : await runNotebooks({
          url,
          suite,
          users: simulatedUsers(creds, users),
          loops,
          keepNotes: opts.keepNotes ?? false,
          onResult: (r) =>
            progress(`  ${r.user} #${r.loop} ${r.test}: ${r.status} in ${formatDuration(r.elapsedMs)}\n`),
        });
  const report: CheckReport = {
    target: from,
    url,
    startedAt: startedAt.toISOString(),
    elapsedMs: performance.now() - t0,
    users,
    loops,
    suite: suite.source,
    smoke,
    results,
  };
  out(opts.json ? renderJson(report) : renderTable(report));
  if (opts.junit) {
    try {
      await writeFile(opts.junit, renderJUnit(report));
    } catch (e) {
      throw new UserError(
        `check: cannot write --junit ${opts.junit}: ${(e as Error).message}`,
        ExitCode.usage,
      );
    }
  }
  if (serverDown && !opts.smokeOnly)
    err('check: the server is not answering: the notebook suite was not run\n');
  return failed(report) ? ExitCode.different : ExitCode.ok;
}

function positiveInt(flag: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < 1) {
    throw new UserError(`check: ${flag} ${v}: expected a whole number of at least 1`, ExitCode.usage);
  }
  return Number(v);
}

function parseSets(sets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new UserError(`check: --set ${s}: expected name=value`, ExitCode.usage);
    out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}
