/** `aglais status SPEC|NAME`: the platform as a tree with a verdict. See docs/lifecycle.md. */
import type { Command } from 'commander';
import type { StatusFlags } from '../../lifecycle/cli.js';

export function register(program: Command): void {
  program
    .command('status')
    .description(
      'show the platform as a tree (cluster, control plane, machines, addons, platform components) with a one-line verdict (exit 0: ready, 1: not ready)',
    )
    .argument('<spec|name>', 'platform spec file, or the platform name')
    .option(
      '--kubeconfig <file>',
      'kubeconfig of the management cluster (default: $KUBECONFIG, else ~/.kube/config)',
    )
    .option('--context <name>', 'kubeconfig context to use (default: the current one)')
    .option('-o, --output <format>', 'json: print the tree as JSON')
    .option('-w, --watch', 'keep watching and print the tree again whenever it changes (Ctrl-C ends)')
    .action(async (spec: string, opts: StatusFlags) => {
      const { statusCommand } = await import('../../lifecycle/cli.js');
      process.exitCode = await statusCommand(spec, opts, (s) => process.stdout.write(s));
    });
}
