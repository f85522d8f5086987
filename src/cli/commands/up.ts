import type { Command } from 'commander';

/** Placeholder until the 'up' command lands; replaced by its issue's work. */
export function register(program: Command): void {
  program.command('up').description('(not yet available)');
}
