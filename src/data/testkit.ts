/**
 * Test helpers for `aglais data` (not used by the CLI): the Parquet corpus written at test time by
 * pyarrow, DuckDB and Spark, and the pyarrow oracle. The corpus is generated once into a temp
 * directory keyed by the generators' hash and shared by the test files of one run (written to a
 * scratch directory first and renamed into place, so parallel test processes never see half of it).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const testdata = join(repoRoot, 'src/data/testdata');
export const cli = join(repoRoot, 'dist/cli/main.js');

/** Why a peer is missing; under CI=true the caller must fail instead of skipping. */
export function missing(what: string, how: string): string | false {
  const msg = `${what} missing: ${how}`;
  if (process.env['CI'] === 'true') throw new Error(`${msg} (CI=true: a missing peer is a failure)`);
  return msg;
}

let pythonPath: string | null | undefined;
export function python(): string | null {
  if (pythonPath !== undefined) return pythonPath;
  // AGLAIS_PYTHON: another interpreter with the same peers (pyarrow, DuckDB, pyspark), e.g. while the
  // shared venv is being changed by another setup step
  const override = process.env['AGLAIS_PYTHON'];
  if (override) return (pythonPath = override);
  const r = spawnSync('bash', [join(repoRoot, 'scripts/python.sh')], { encoding: 'utf8' });
  pythonPath = r.status === 0 ? r.stdout.trim() : null;
  return pythonPath;
}

export function hasJava(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

function generatorsHash(): string {
  const h = createHash('sha256');
  for (const f of ['corpus_pyarrow.py', 'corpus_duckdb.py', 'corpus_spark.py'])
    h.update(readFileSync(join(testdata, f)));
  return h.digest('hex').slice(0, 12);
}

export interface Corpus {
  readonly dir: string;
  readonly spark: boolean;
}

/** The corpus directory (generating it when needed); null with a reason when Python is missing. */
export function corpus(withSpark: boolean): Corpus | string {
  const py = python();
  if (!py)
    return missing(
      'Python peers (pyarrow, DuckDB, pyspark)',
      "run 'bash scripts/setup/20-python.sh'",
    ) as string;
  const spark = withSpark && hasJava();
  if (withSpark && !spark) missing('Java 17 for pyspark', 'install a JDK 17');
  const dir = join(tmpdir(), `aglais-data-corpus-${generatorsHash()}${spark ? '-spark' : ''}`);
  if (existsSync(join(dir, '.done'))) return { dir, spark };
  const scratch = mkdtempSync(join(tmpdir(), 'aglais-corpus-tmp-'));
  const run = (script: string) =>
    execFileSync(py, [join(testdata, script), scratch], { stdio: ['ignore', 'ignore', 'pipe'] });
  run('corpus_pyarrow.py');
  run('corpus_duckdb.py');
  if (spark) run('corpus_spark.py');
  execFileSync('touch', [join(scratch, '.done')]);
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another process won the race
  }
  return { dir, spark };
}

/** pyarrow's view of files (mode 'file') or of their aggregated statistics (mode 'stats'). */
export function oracle(mode: 'file' | 'stats', files: readonly string[]): Record<string, unknown> {
  const out = execFileSync(python() as string, [join(testdata, 'oracle.py'), mode, ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out) as Record<string, unknown>;
}

/** JSON.parse that keeps integers beyond 2^53 exact by turning them into strings first. */
export function parseExact(text: string): unknown {
  return JSON.parse(
    text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, (m, pre: string, digits: string) => {
      const n = BigInt(digits);
      return n > 2n ** 53n || n < -(2n ** 53n) ? `${pre}"${digits}"` : m;
    }),
  );
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** runCli without blocking this process (for tests that serve the CLI from an in-process server). */
export function runCliAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
