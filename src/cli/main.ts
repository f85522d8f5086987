#!/usr/bin/env node
/**
 * The aglais command line. Each command is declared in its own module under
 * ./commands (arguments, validation, handler); heavy libraries are imported
 * inside the handlers so that `aglais --help` stays fast.
 */
import { Command } from 'commander';
import { reportError } from './errors.js';
import { commands } from './commands/index.js';
import { version } from './version.js';

export function buildProgram(): Command {
  const program = new Command('aglais')
    .description(
      'Deploy a Zeppelin + Spark data-analysis platform on Kubernetes on any cloud, through Cluster API',
    )
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(err);
  }
}

// `aglais … | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

process.on('SIGINT', () => {
  process.stderr.write('\naglais: interrupted\n');
  process.exit(130);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = reportError(err);
  },
);
