/**
 * The one place that maps failures to exit codes and messages.
 * Commands throw {@link UserError} for anything the user can fix; anything else
 * is a bug and is reported as such (still without a stack trace unless AGLAIS_DEBUG=1).
 */

/** Exit codes, documented in README.md ("Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** A difference was found (diff), or a check failed. */
  different: 1,
  /** The input was wrong: bad spec, bad flags, missing file. */
  usage: 2,
  /** A cluster, cloud or network call failed. */
  remote: 3,
  /** A wait ran past --timeout. */
  timeout: 4,
  /** Another run holds the platform's lock. */
  locked: 5,
  /** An unexpected internal error (a bug in aglais). */
  internal: 70,
  /** Interrupted by SIGINT. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can act on; its message is printed as is, without a stack. */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = ExitCode.usage) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** Prints an error the way every command does and returns the exit code to use. */
export function reportError(
  err: unknown,
  write: (s: string) => void = (s) => process.stderr.write(s),
): number {
  if (err instanceof UserError) {
    write(`${err.message.replace(/\n*$/, '')}\n`);
    return err.exitCode;
  }
  const e = err as { code?: string; message?: string; stack?: string } | undefined;
  // commander reports its own usage errors before we get here; these are its exit paths.
  if (e?.code === 'commander.helpDisplayed' || e?.code === 'commander.version') return ExitCode.ok;
  if (typeof e?.code === 'string' && e.code.startsWith('commander.')) return ExitCode.usage;
  if (process.env['AGLAIS_DEBUG'] === '1' && e?.stack) write(`${e.stack}\n`);
  write(
    `aglais: internal error: ${e?.message ?? String(err)}\n(set AGLAIS_DEBUG=1 for details; please report this)\n`,
  );
  return ExitCode.internal;
}
