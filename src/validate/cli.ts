/**
 * The body of `aglais validate` (the command's declaration is in
 * src/cli/commands/validate.ts): reads a manifest directory or file, or a platform
 * spec that it renders, validates every object and prints the findings.
 * Returns the exit code: 0 valid, 1 (ExitCode.different) invalid, 2 bad input.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { ExitCode, UserError } from '../cli/errors.js';
import { formatFinding, validateReport, type ValidationInput, type ValidationReport } from './index.js';
import { defaultCrdDir } from './crds.js';
import { ManifestError, readManifestDir, readManifestFile } from './manifests.js';

export interface ValidateCliOptions {
  /** CRD directory; default: defaultCrdDir(). */
  readonly crds?: string;
  /** `text` (default) or `json`. */
  readonly output?: string;
}

/** Does the file's first document say `kind: Platform`? (A spec, not manifests.) */
function isSpecFile(path: string): boolean {
  const head =
    readFileSync(path, 'utf8')
      .split(/^---/m)
      .find((d) => /\S/.test(d.replace(/^#.*$/gm, ''))) ?? '';
  return /^kind:\s*["']?Platform["']?\s*$/m.test(head);
}

/** Loads and renders a platform spec (spec errors are UserErrors with file:line:column, exit 2). */
async function renderSpec(path: string): Promise<ValidationInput[]> {
  // Only this path needs the spec schema (zod) and the renderer.
  const { loadSpecFile } = await import('../spec/load.js');
  const { render } = await import('../render/index.js');
  const spec = await loadSpecFile(path);
  return render(spec).map((r) => ({ target: r.target, object: r.object }));
}

function readInputs(path: string): ValidationInput[] {
  // Positions read best relative to where the user is, unless that means climbing out.
  const display = (p: string): string => {
    const rel = relative(process.cwd(), p);
    return rel === '' || rel.startsWith('..') ? p : rel;
  };
  if (statSync(path).isDirectory()) return readManifestDir(path, display);
  return readManifestFile(path, display(path), display(path));
}

function summary(r: ValidationReport): string {
  const s = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  const verdict = r.findings.length === 0 ? 'valid' : s(r.findings.length, 'finding');
  let out = `validate: ${s(r.objects, 'object')} (${r.custom} custom, ${r.core} core): ${verdict}`;
  if (r.celRulesNotEvaluated > 0)
    out += `; ${s(r.celRulesNotEvaluated, 'CEL rule')} not evaluated (x-kubernetes-validations need a server dry-run)`;
  return out;
}

/** Runs `aglais validate`; returns the exit code. */
export async function runValidate(
  path: string,
  options: ValidateCliOptions = {},
  write: (s: string) => void = (s) => process.stdout.write(s),
): Promise<number> {
  const output = options.output ?? 'text';
  if (output !== 'text' && output !== 'json')
    throw new UserError(
      `validate: --output: expected text or json, got ${JSON.stringify(output)}`,
      ExitCode.usage,
    );
  if (!existsSync(path)) throw new UserError(`validate: ${path}: no such file or directory`, ExitCode.usage);
  const crdDir = options.crds ?? defaultCrdDir();
  if (!existsSync(crdDir) || !statSync(crdDir).isDirectory())
    throw new UserError(
      `validate: CRD directory ${crdDir} does not exist${options.crds === undefined ? ' (set --crds DIR or AGLAIS_SHARED)' : ''}`,
      ExitCode.usage,
    );
  let inputs: ValidationInput[];
  try {
    inputs = !statSync(path).isDirectory() && isSpecFile(path) ? await renderSpec(path) : readInputs(path);
  } catch (err) {
    if (err instanceof ManifestError) throw new UserError(err.message, ExitCode.usage);
    throw err;
  }
  if (inputs.length === 0)
    throw new UserError(`validate: ${path}: no Kubernetes objects found`, ExitCode.usage);
  const report = await validateReport(inputs, { crdDirs: [crdDir] });
  if (output === 'json') {
    write(
      `${JSON.stringify(
        {
          valid: report.findings.length === 0,
          objects: report.objects,
          custom: report.custom,
          core: report.core,
          celRulesNotEvaluated: report.celRulesNotEvaluated,
          crdDirs: report.crdDirs,
          findings: report.findings,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const f of report.findings) write(`${formatFinding(f)}\n`);
    write(`${summary(report)}\n`);
  }
  return report.findings.length === 0 ? ExitCode.ok : ExitCode.different;
}
