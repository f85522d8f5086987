import type { Command } from 'commander';

/** Placeholder until the 'down' command lands; replaced by its issue's work. */
export function register(program: Command): void {
  program.command('down').description('(not yet available)');
}
