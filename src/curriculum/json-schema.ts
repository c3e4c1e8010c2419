import { z } from 'zod';
import { indexSchema, moduleSchema } from './schema.js';

/**
 * JSON Schemas generated from the zod schemas, for editors: each curriculum YAML file names one in
 * its first line (`# yaml-language-server: $schema=./schema.json`), so mistakes show as you type.
 * Input mode: fields with defaults (requires, aliases) are optional, as in the files.
 */
export function curriculumJsonSchemas(): Record<'schema.json' | 'index.schema.json', string> {
  const render = (schema: z.ZodType, title: string) =>
    `${JSON.stringify({ ...z.toJSONSchema(schema, { io: 'input' }), title }, null, 2)}\n`;
  return {
    'schema.json': render(moduleSchema, 'Syllabot curriculum module'),
    'index.schema.json': render(indexSchema, 'Syllabot curriculum index'),
  };
}
