/** `aglais hash-password`: a Shiro hash for a user's passwordHash, read from stdin so it stays out of shell history. */
import type { Command } from 'commander';
import { ExitCode, UserError } from '../errors.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function register(program: Command): void {
  program
    .command('hash-password')
    .description('read a password on stdin and print its Shiro hash for spec.users[].passwordHash')
    .option('--iterations <n>', 'hash iterations', '500000')
    .action(async (opts: { iterations: string }) => {
      const iterations = Number(opts.iterations);
      if (!Number.isInteger(iterations) || iterations < 1) {
        throw new UserError(
          `hash-password: --iterations must be a whole number ≥ 1, got "${opts.iterations}"`,
          ExitCode.usage,
        );
      }
      if (process.stdin.isTTY) process.stderr.write('Password (input is not hidden; prefer piping it in): ');
      const password = await readStdin();
      if (password === '') throw new UserError('hash-password: empty password on stdin', ExitCode.usage);
      const { shiroHash } = await import('../../users/shiro-hash.js');
      process.stdout.write(`${shiroHash(password, { iterations })}\n`);
    });
}
