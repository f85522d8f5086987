import type { Command } from 'commander';

/** Placeholder until the 'check' command lands; replaced by its issue's work. */
export function register(program: Command): void {
  program.command('check').description('(not yet available)');
}
