/** `aglais diff SPEC`: what `up` would change; exit 0 no change, 1 changes. See docs/lifecycle.md. */
import type { Command } from 'commander';
import type { CommonFlags } from '../../lifecycle/cli.js';

export function register(program: Command): void {
  program
    .command('diff')
    .description(
      'show what up would change, per object, as a unified diff of a server-side dry run (exit 0: no change, 1: changes)',
    )
    .argument('<spec>', 'platform spec file (YAML)')
    .option(
      '--kubeconfig <file>',
      'kubeconfig of the management cluster (default: $KUBECONFIG, else ~/.kube/config)',
    )
    .option('--context <name>', 'kubeconfig context to use (default: the current one)')
    .option('--force-conflicts', 'show the result of taking over fields other managers own')
    .option('--delete-data', 'show data that up --delete-data would prune')
    .action(async (spec: string, opts: CommonFlags & { forceConflicts?: boolean; deleteData?: boolean }) => {
      const { diffCommand } = await import('../../lifecycle/cli.js');
      const r = await diffCommand(spec, opts);
      process.stdout.write(r.stdout);
      process.exitCode = r.exitCode;
    });
}
