/**
 * Spec problems, each located in the source file. A spec with problems is a
 * user error: all of them are reported at once, in file order, with exit code 2.
 */
import { ExitCode, UserError } from '../cli/errors.js';

export type PathSegment = string | number;

export interface SpecIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Where in the spec, such as ['spec', 'nodePools', 1, 'replicas']. */
  readonly path: readonly PathSegment[];
  /** What is wrong and what was expected. */
  readonly message: string;
}

/** `spec.nodePools[1].replicas` */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(top level)' : out;
}

export function formatIssue(i: SpecIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${formatPath(i.path)}: ${i.message}`;
}

export class SpecError extends UserError {
  readonly issues: readonly SpecIssue[];
  constructor(issues: readonly SpecIssue[]) {
    const sorted = [...issues].sort(
      (a, b) =>
        a.line - b.line || a.column - b.column || formatPath(a.path).localeCompare(formatPath(b.path)),
    );
    const n = sorted.length;
    super(
      `${sorted.map(formatIssue).join('\n')}\n${n} problem${n === 1 ? '' : 's'} in ${sorted[0]?.file ?? 'the spec'}`,
      ExitCode.usage,
    );
    this.name = 'SpecError';
    this.issues = sorted;
  }
}
