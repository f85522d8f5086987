import type { Command } from 'commander';

/**
 * `aglais validate SPEC|DIR [--crds DIR] [-o text|json]`
 *
 * DIR: a directory of manifests (as `aglais plan -o DIR` writes them); a single
 * manifest file works too. SPEC: a platform spec (a file whose first document is
 * `kind: Platform`), rendered first. Exit codes: 0 valid, 1 invalid objects
 * (ExitCode.different), 2 bad input (ExitCode.usage).
 * The handler imports its modules lazily so that other commands start fast.
 */
export function register(program: Command): void {
  program
    .command('validate')
    .description('check rendered objects against CRD schemas and the Kubernetes schemas')
    .argument('<spec|dir>', 'a platform spec, or a directory (or file) of manifests as `plan -o DIR` writes')
    .option('--crds <dir>', 'CRD directory (default: $AGLAIS_SHARED/crds, else <repo>/../shared/crds)')
    .option('-o, --output <format>', 'output format: text or json', 'text')
    .addHelpText(
      'after',
      '\nExit codes: 0 every object is valid, 1 some object is invalid, 2 bad input.\n' +
        'CEL rules (x-kubernetes-validations) are counted but not evaluated; a server dry-run covers them.',
    )
    .action(async (path: string, opts: { crds?: string; output: string }) => {
      const { runValidate } = await import('../../validate/cli.js');
      process.exitCode = await runValidate(path, opts);
    });
}
