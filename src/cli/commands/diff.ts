import type { Command } from 'commander';

/** Placeholder until the 'diff' command lands; replaced by its issue's work. */
export function register(program: Command): void {
  program.command('diff').description('(not yet available)');
}
