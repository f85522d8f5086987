import type { Command } from 'commander';

/** Placeholder until the 'status' command lands; replaced by its issue's work. */
export function register(program: Command): void {
  program.command('status').description('(not yet available)');
}
