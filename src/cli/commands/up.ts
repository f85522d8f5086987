/** `aglais up SPEC`: create or update the platform; see docs/lifecycle.md. */
import type { Command } from 'commander';
import type { UpFlags } from '../../lifecycle/cli.js';

export function register(program: Command): void {
  program
    .command('up')
    .description(
      'create or update the platform: preflight, apply in stages with waits, prune what the spec no longer has',
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
      '--force-conflicts',
      'take over fields another field manager owns (default: stop and name them, exit 3)',
    )
    .option(
      '--delete-data',
      'let pruning delete volumes and claims the spec no longer has (default: keep them)',
    )
    .option('--no-wait-addons', 'apply the addons (HelmChartProxies) but do not wait for their Helm releases')
    .option(
      '--workload-kubeconfig <file>',
      'where to write the workload cluster kubeconfig, mode 0600 (default: ~/.kube/aglais/<platform>.kubeconfig)',
    )
    .option('-o, --output <format>', 'json: print the report as JSON')
    .action(async (spec: string, opts: UpFlags) => {
      const { upCommand } = await import('../../lifecycle/cli.js');
      const r = await upCommand(spec, opts);
      process.stdout.write(r.stdout);
      process.exitCode = r.exitCode;
    });
}
