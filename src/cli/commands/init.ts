/** `aglais init --cloud X [-o FILE] [--force]`: write a commented starter spec. */
import type { Command } from 'commander';
import { providers } from '../../spec/cloud.js';
import { ExitCode, UserError } from '../errors.js';

export function register(program: Command): void {
  program
    .command('init')
    .description('write a commented starter platform spec for a cloud')
    .requiredOption('--cloud <cloud>', `one of ${providers.join(', ')}`)
    .option('-o, --output <file>', "where to write it ('-' for stdout)", 'platform.yaml')
    .option('--force', 'overwrite an existing file')
    .action(async (opts: { cloud: string; output: string; force?: boolean }) => {
      if (!(providers as readonly string[]).includes(opts.cloud)) {
        throw new UserError(
          `init: unknown cloud "${opts.cloud}": expected one of ${providers.join(', ')}`,
          ExitCode.usage,
        );
      }
      const { starterSpec } = await import('../../init/starter.js');
      const text = starterSpec(opts.cloud as (typeof providers)[number]);
      if (opts.output === '-') {
        process.stdout.write(text);
        return;
      }
      const { writeFile } = await import('node:fs/promises');
      try {
        await writeFile(opts.output, text, { flag: opts.force ? 'w' : 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new UserError(
            `init: ${opts.output} exists; use --force to overwrite it or -o to choose another file`,
            ExitCode.usage,
          );
        }
        throw new UserError(`init: cannot write ${opts.output}: ${(err as Error).message}`, ExitCode.usage);
      }
      process.stdout.write(`Wrote ${opts.output}. Next: aglais plan ${opts.output}\n`);
    });
}
