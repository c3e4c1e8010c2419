import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { curriculumJsonSchemas } from '../src/curriculum/json-schema.js';

/** `npm run curriculum:schema`: regenerates the editors' JSON Schemas from the zod schemas. */
const dir = process.argv[2] ?? 'curriculum';
for (const [file, text] of Object.entries(curriculumJsonSchemas())) {
  writeFileSync(join(dir, file), text);
  console.log(`wrote ${join(dir, file)}`);
}
