/**
 * Credentials of the simulated users: a file of `name:password` lines (# starts
 * a comment), named by --users-file or $AGLAIS_CHECK_USERS_FILE, or the
 * variables $AGLAIS_CHECK_USER + $AGLAIS_CHECK_PASSWORD for one user.
 * Passwords never appear in messages or output.
 */
import { readFile, stat } from 'node:fs/promises';
import { ExitCode, UserError } from '../cli/errors.js';

export interface Credential {
  readonly name: string;
  readonly password: string;
}

export async function loadCredentials(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Credential[]> {
  const path = file ?? env['AGLAIS_CHECK_USERS_FILE'];
  if (path !== undefined && path !== '') return readCredentialsFile(path);
  const name = env['AGLAIS_CHECK_USER'];
  const password = env['AGLAIS_CHECK_PASSWORD'];
  if (name && password) return [{ name, password }];
  throw new UserError(
    'check: no credentials for the simulated users: pass --users-file FILE (lines of name:password), ' +
      'or set AGLAIS_CHECK_USERS_FILE, or AGLAIS_CHECK_USER and AGLAIS_CHECK_PASSWORD',
    ExitCode.usage,
  );
}

export async function readCredentialsFile(path: string): Promise<Credential[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      `${path}: cannot read the users file: ${code === 'ENOENT' ? 'no such file' : String(err)}`,
      ExitCode.usage,
    );
  }
  return parseCredentials(text, path, (await stat(path)).mode);
}

/** Parses `name:password` lines; `mode` (when given) must not let others read the file. */
export function parseCredentials(text: string, path: string, mode?: number): Credential[] {
  if (mode !== undefined && (mode & 0o077) !== 0) {
    throw new UserError(
      `${path}: the users file holds passwords and is readable by others (mode ${(mode & 0o777).toString(8)}): chmod 600 ${path}`,
      ExitCode.usage,
    );
  }
  const out: Credential[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    const password = colon < 0 ? '' : line.slice(colon + 1);
    if (name === '' || password === '') {
      // Never echo the line: it may be a password without its name.
      throw new UserError(`${path}:${i + 1}:1: expected name:password`, ExitCode.usage);
    }
    if (seen.has(name))
      throw new UserError(`${path}:${i + 1}:1: user '${name}' is listed twice`, ExitCode.usage);
    seen.add(name);
    out.push({ name, password });
  });
  if (out.length === 0)
    throw new UserError(`${path}: no users: expected lines of name:password`, ExitCode.usage);
  return out;
}

/**
 * The simulated users: `count` of them, taking the credentials in turn (the
 * same account may stand for several users when there are fewer accounts).
 */
export function simulatedUsers(
  creds: readonly Credential[],
  count: number,
): Array<Credential & { label: string }> {
  const users: Array<Credential & { label: string }> = [];
  for (let i = 0; i < count; i++) {
    const c = creds[i % creds.length]!;
    const round = Math.floor(i / creds.length);
    users.push({ ...c, label: round === 0 ? c.name : `${c.name}#${round + 1}` });
  }
  return users;
}
