/**
 * Typed failures of the Zeppelin REST client. Each has a `kind` so callers can
 * branch without instanceof chains, and a message that names the server, the
 * object and what to do.
 */

export type ZeppelinErrorKind =
  | 'auth' // 401/403, or a redirect to the login page: wrong password or no session
  | 'note-not-found' // the note id is unknown to the server
  | 'interpreter' // the interpreter (process or pod) could not start or was not found
  | 'timeout' // a request or a paragraph ran past its time limit
  | 'http' // any other HTTP status
  | 'network'; // no answer: refused, reset, DNS, TLS

export class ZeppelinError extends Error {
  readonly kind: ZeppelinErrorKind;
  readonly status: number | undefined;
  constructor(kind: ZeppelinErrorKind, message: string, status?: number) {
    super(message);
    this.name = 'ZeppelinError';
    this.kind = kind;
    this.status = status;
  }
}

export function isZeppelinError(err: unknown, kind?: ZeppelinErrorKind): err is ZeppelinError {
  return err instanceof ZeppelinError && (kind === undefined || err.kind === kind);
}

/**
 * Messages Zeppelin puts in a paragraph's result when its interpreter did not
 * start: a local process that failed or timed out, a Kubernetes pod that never
 * became ready, or an interpreter name the server does not know.
 */
const INTERPRETER_FAILURES: readonly RegExp[] = [
  /Fail to launch interpreter process/i,
  /Interpreter Process creation is time out/i,
  /Interpreter [\w.-]+ not found/i,
  /Fail to open (the )?interpreter/i,
  /Interpreter process is not running/i,
  /Launching zeppelin interpreter on kubernetes is time out/i,
  /Pod .* (failed|was deleted|is not running)/i,
  /Unable to start (the )?interpreter/i,
];

/** True when a paragraph's error output says its interpreter never started. */
export function isInterpreterFailure(output: string): boolean {
  return INTERPRETER_FAILURES.some((r) => r.test(output));
}
