/** `aglais compare SPEC --clouds a,b,c [-o json]`: the same platform on several clouds, side by side. */
import type { Command } from 'commander';
import { providers } from '../../spec/cloud.js';

export function register(program: Command): void {
  program
    .command('compare')
    .description(
      'show the same platform on several clouds side by side: sizes, storage, object store, load balancer, gaps',
    )
    .argument('<spec>', 'platform spec file (YAML)')
    .option('--clouds <list>', `comma-separated clouds (default: all of ${providers.join(', ')})`)
    .option('-o, --output <format>', 'json for scripts')
    .action(async (spec: string, opts: { clouds?: string; output?: string }) => {
      const [{ loadSpec }, c] = await Promise.all([
        import('../../spec/load.js'),
        import('../../compare/compare.js'),
      ]);
      const { platform } = await loadSpec(spec);
      const clouds = c.parseClouds(opts.clouds ?? providers.join(','), providers);
      const cols = c.compare(platform, clouds);
      process.stdout.write(
        opts.output === 'json' ? `${JSON.stringify(cols, null, 2)}\n` : c.formatComparison(platform, cols),
      );
    });
}
