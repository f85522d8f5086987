/** `aglais down SPEC`: ordered teardown, data kept unless --delete-data. See docs/lifecycle.md. */
import type { Command } from 'commander';
import type { DownFlags } from '../../lifecycle/cli.js';

export function register(program: Command): void {
  program
    .command('down')
    .description(
      'tear the platform down in order, wait for its infrastructure to be deleted, and list anything left behind',
    )
    .argument('<spec>', 'platform spec file (YAML)')
    .option(
      '--kubeconfig <file>',
      'kubeconfig of the management cluster (default: $KUBECONFIG, else ~/.kube/config)',
    )
    .option('--context <name>', 'kubeconfig context to use (default: the current one)')
    .option('--timeout <duration>', 'give up waiting after this long (exit 4), e.g. 90s, 30m, 1h', '30m')
    .option(
      '--wait-lock [duration]',
      'if another run holds the platform lock, wait for it (default: up to --timeout) instead of failing (exit 5)',
    )
    .option(
      '--delete-data',
      'also delete data-set volumes, user volumes and notebook storage (default: keep them)',
    )
    .action(async (spec: string, opts: DownFlags) => {
      const { downCommand } = await import('../../lifecycle/cli.js');
      const r = await downCommand(spec, opts);
      process.stdout.write(r.stdout);
      process.exitCode = r.exitCode;
    });
}
