import type { Command } from 'commander';

/** Placeholder until the 'schema' command lands; replaced by its issue's work. */
export function register(program: Command): void {
  program.command('schema').description('(not yet available)');
}
