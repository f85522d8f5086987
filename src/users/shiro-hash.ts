/**
 * Shiro password hashes (`$shiro1$SHA-256$<iterations>$<salt>$<hash>`), the form
 * Zeppelin's Shiro realm reads. Shiro hashes salt + password once, then the
 * digest again (iterations − 1) times.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface ShiroHashOptions {
  /** Default: SHA-256. */
  readonly algorithm?: 'SHA-256' | 'SHA-512';
  /** Default: 500000, Shiro 1.x's default for its Argon-less hasher. */
  readonly iterations?: number;
  /** Default: 16 random bytes. */
  readonly salt?: Buffer;
}

export function shiroHash(password: string, options: ShiroHashOptions = {}): string {
  const algorithm = options.algorithm ?? 'SHA-256';
  const iterations = options.iterations ?? 500000;
  const salt = options.salt ?? randomBytes(16);
  const node = algorithm === 'SHA-256' ? 'sha256' : 'sha512';
  let digest = createHash(node).update(salt).update(password, 'utf8').digest();
  for (let i = 1; i < iterations; i++) digest = createHash(node).update(digest).digest();
  return `$shiro1$${algorithm}$${iterations}$${salt.toString('base64')}$${digest.toString('base64')}`;
}
