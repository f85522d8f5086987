import type { Command } from 'commander';

/** Placeholder until the 'init' command lands; replaced by its issue's work. */
export function register(program: Command): void {
  program.command('init').description('(not yet available)');
}
