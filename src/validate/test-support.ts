/**
 * Test support: where the shared upstream CRDs are, and a skip-or-fail rule for
 * suites that need them (missing data skips locally, fails under CI=true).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `<repo>/../shared/crds`, resolved from this file (dist/validate/… → repo root). */
export function sharedCrdDir(): string {
  return join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), '..', 'shared', 'crds');
}

/**
 * undefined when the shared CRDs are present; otherwise the reason to skip.
 * Under CI=true a missing folder is a failure, never a skip.
 */
export function sharedCrdsMissing(): string | undefined {
  const dir = sharedCrdDir();
  if (existsSync(dir)) return undefined;
  const why = `shared CRDs not found at ${dir} (the project expects them beside the repository, in ../shared/crds)`;
  if (process.env['CI'] === 'true') throw new Error(`${why}; under CI=true this is a failure`);
  return why;
}
