import type { Command } from 'commander';

/** Placeholder until the 'data' command lands; replaced by its issue's work. */
export function register(program: Command): void {
  program.command('data').description('(not yet available)');
}
