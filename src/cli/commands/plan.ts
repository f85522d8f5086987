/** `aglais plan SPEC [-o DIR|json|yaml] [--include-secrets]`: validate, render, write, summarize. */
import type { Command } from 'commander';

export interface PlanOptions {
  readonly output?: string;
  readonly includeSecrets?: boolean;
}

export function register(program: Command): void {
  program
    .command('plan')
    .description('validate a platform spec, render every object it needs, and show what would be built')
    .argument('<spec>', 'platform spec file (YAML)')
    .option(
      '-o, --output <dir|json|yaml>',
      'write manifests into DIR (<dir>/<target>/<NN>-<stage>.yaml); json: print the summary as JSON; yaml: print every object',
    )
    .option(
      '--include-secrets',
      'read credential values from the files and environment the spec names and write the Secrets (files 0600)',
    )
    .action(async (spec: string, opts: PlanOptions) => {
      const { runPlan } = await import('../../plan/run.js');
      process.stdout.write(await runPlan(spec, opts));
    });
}
