/** `aglais schema`: print the platform spec's JSON Schema (draft-07), for editors and CI linters. */
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('schema')
    .description(
      "print the platform spec's JSON Schema (draft-07) for editors (see README: YAML language server)",
    )
    .action(async () => {
      const { platformJSONSchema } = await import('../../spec/json-schema.js');
      process.stdout.write(`${JSON.stringify(platformJSONSchema(), null, 2)}\n`);
    });
}
