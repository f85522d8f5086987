import type { Command } from 'commander';

/** Placeholder until the 'validate' command lands; replaced by its issue's work. */
export function register(program: Command): void {
  program.command('validate').description('(not yet available)');
}
