/** Failures of API calls, with the apiserver's own reason and message kept. */

export interface StatusCause {
  readonly type?: string;
  readonly message?: string;
  readonly field?: string;
}

/** One field another manager owns, from a server-side apply conflict. */
export interface FieldConflict {
  readonly field: string;
  readonly manager: string;
}

export class KubeApiError extends Error {
  readonly status: number;
  readonly reason: string;
  readonly causes: readonly StatusCause[];
  constructor(status: number, reason: string, message: string, causes: readonly StatusCause[] = []) {
    super(message);
    this.name = 'KubeApiError';
    this.status = status;
    this.reason = reason;
    this.causes = causes;
  }

  /** From an error response body (a Status object, or anything else). */
  static fromResponse(status: number, body: string, what: string): KubeApiError {
    try {
      const s = JSON.parse(body) as {
        kind?: string;
        reason?: string;
        message?: string;
        details?: { causes?: StatusCause[] };
      };
      if (s.kind === 'Status') {
        return new KubeApiError(
          status,
          s.reason ?? '',
          s.message ?? `${what}: HTTP ${status}`,
          s.details?.causes,
        );
      }
    } catch {
      // not JSON: fall through
    }
    const text = body.trim().slice(0, 200);
    return new KubeApiError(status, '', `${what}: HTTP ${status}${text ? `: ${text}` : ''}`);
  }

  /** The apiserver could not be reached at all. */
  static unreachable(server: string, cause: unknown): KubeApiError {
    const c = cause as NodeJS.ErrnoException | undefined;
    return new KubeApiError(
      0,
      'Unreachable',
      `cannot reach the API server at ${server}: ${c?.code ?? c?.message ?? String(cause)}`,
    );
  }
}

/** Connection-level failures that a restarting apiserver produces. */
export function isTransient(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ETIMEDOUT' ||
    code === 'EAI_AGAIN' ||
    (e instanceof Error && /socket hang up/.test(e.message))
  );
}

export const isNotFound = (e: unknown): boolean => e instanceof KubeApiError && e.status === 404;

/**
 * Fields and managers of a server-side apply conflict. The apiserver puts one
 * cause per field: `conflict with "kubectl" using apps/v1` with field `.spec.replicas`.
 */
export function fieldConflicts(e: KubeApiError): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const c of e.causes) {
    if (c.type !== 'FieldManagerConflict') continue;
    const m = /conflict with "([^"]*)"/.exec(c.message ?? '');
    out.push({ field: c.field ?? '(unknown field)', manager: m?.[1] ?? '(unknown manager)' });
  }
  if (out.length === 0) {
    // Older servers only say it in the message: `...: conflict with "x" using v1: .spec.a`.
    for (const m of e.message.matchAll(/conflict with "([^"]*)"[^:]*: (\.[^\n,]+)/g)) {
      out.push({ field: (m[2] ?? '').trim(), manager: m[1] ?? '' });
    }
  }
  return out;
}
