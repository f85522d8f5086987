/**
 * The spec's JSON Schema (draft-07) for editors, generated from the zod schema
 * so the two never disagree. Defaults and descriptions come along; `io: input`
 * keeps fields that have defaults optional, as a person writes the file.
 */
import { z } from 'zod';
import { platformSpecSchema } from './schema.js';

export const schemaId = 'https://aglais.example.org/schema/platform.schema.json';

export function platformJSONSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(platformSpecSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  });
  return { ...schema, $id: schemaId, title: 'aglais Platform' };
}
