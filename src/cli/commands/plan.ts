import type { Command } from 'commander';

/** Placeholder until the 'plan' command lands; replaced by its issue's work. */
export function register(program: Command): void {
  program.command('plan').description('(not yet available)');
}
