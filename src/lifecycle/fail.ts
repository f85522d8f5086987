/** Maps kube-layer failures to the CLI's user errors and exit codes. */
import { ExitCode, UserError } from '../cli/errors.js';
import { KubeApiError } from '../kube/errors.js';
import { LockedError } from '../kube/lease.js';
import { InterruptedError, TimeoutError } from '../kube/wait.js';

export function toUserError(e: unknown, command: string): unknown {
  if (e instanceof UserError) return e;
  if (e instanceof TimeoutError) return new UserError(`${command}: ${e.message}`, ExitCode.timeout);
  if (e instanceof LockedError) return new UserError(`${command}: ${e.message}`, ExitCode.locked);
  if (e instanceof InterruptedError) return new UserError(`${command}: ${e.message}`, ExitCode.interrupted);
  if (e instanceof KubeApiError) return new UserError(`${command}: ${e.message}`, ExitCode.remote);
  return e;
}

/** `--timeout`: `90s`, `30m`, `1h30m`, or plain seconds. */
export function parseDuration(text: string, flag = '--timeout'): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let ms = 0;
  let end = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    ms += Number(m[1]) * unit;
    end = re.lastIndex;
  }
  if (end === 0 || end !== t.length || ms <= 0) {
    throw new UserError(`${flag}: expected a duration such as 90s, 30m or 1h, got "${text}"`, ExitCode.usage);
  }
  return ms;
}
