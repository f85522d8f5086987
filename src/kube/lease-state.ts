/**
 * Who may hold a platform's Lease: the pure part of the lock, tested alone.
 * A holder identity is `<user>@<host>/<pid> (<command>)`, so a run can tell a
 * holder that crashed on this very machine (its pid is gone) from one that is
 * alive elsewhere.
 */

export interface LeaseSpec {
  readonly holderIdentity?: string | null;
  readonly leaseDurationSeconds?: number | null;
  readonly acquireTime?: string | null;
  readonly renewTime?: string | null;
}

export type LeaseState =
  | { readonly kind: 'free' }
  | { readonly kind: 'mine' }
  /** Not renewed within its duration: the holder is gone. */
  | { readonly kind: 'expired'; readonly holder: string }
  /** Held by a process of this host that no longer runs. */
  | { readonly kind: 'stale'; readonly holder: string }
  | { readonly kind: 'held'; readonly holder: string; readonly since: string; readonly expiresAt: number };

export interface Identity {
  readonly user: string;
  readonly host: string;
  readonly pid: number;
  readonly command: string;
}

export function identityString(i: Identity): string {
  return `${i.user}@${i.host}/${i.pid} (aglais ${i.command})`;
}

export function parseIdentity(s: string): { host: string; pid: number } | undefined {
  const m = /^[^@]*@([^/]+)\/(\d+) /.exec(s);
  return m ? { host: m[1] ?? '', pid: Number(m[2]) } : undefined;
}

/** Kubernetes MicroTime: RFC 3339 with microseconds. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function leaseState(
  spec: LeaseSpec | undefined,
  nowMs: number,
  me: Identity,
  pidAlive: (pid: number) => boolean,
): LeaseState {
  const holder = spec?.holderIdentity ?? '';
  if (!holder) return { kind: 'free' };
  if (holder === identityString(me)) return { kind: 'mine' };
  const renewed = Date.parse(spec?.renewTime ?? spec?.acquireTime ?? '');
  const duration = (spec?.leaseDurationSeconds ?? 0) * 1000;
  const expiresAt = Number.isNaN(renewed) ? 0 : renewed + duration;
  if (expiresAt <= nowMs) return { kind: 'expired', holder };
  const who = parseIdentity(holder);
  if (who && who.host === me.host && who.pid !== me.pid && !pidAlive(who.pid))
    return { kind: 'stale', holder };
  return {
    kind: 'held',
    holder,
    since: spec?.acquireTime ?? spec?.renewTime ?? 'an unknown time',
    expiresAt,
  };
}

/** The message for a lock someone else holds. */
export function heldMessage(
  platform: string,
  s: Extract<LeaseState, { kind: 'held' }>,
  nowMs: number,
): string {
  const left = Math.max(0, Math.round((s.expiresAt - nowMs) / 1000));
  return (
    `lock: platform ${platform} is locked by ${s.holder} since ${s.since} ` +
    `(its lease expires in ${left}s unless renewed). Wait for that run to finish, or rerun with --wait-lock.`
  );
}
