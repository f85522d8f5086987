import type { Command } from 'commander';

/** Placeholder until the 'compare' command lands; replaced by its issue's work. */
export function register(program: Command): void {
  program.command('compare').description('(not yet available)');
}
