import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../standin/payload-stats.js';

/** `npx tsx scripts/payload-stats.ts <folder>`: the largest of each payload part across a test run, against Discord's limit. */
const dir = process.argv[2] ?? '/tmp/syllabot-payload-stats';
const largest = new Map<string, number>();
for (const file of readdirSync(dir)) {
  for (const [what, size] of Object.entries(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, number>)) largest.set(what, Math.max(largest.get(what) ?? 0, size));
}
console.log('| Payload part | Largest sent in the suite | Discord’s limit |\n| --- | --- | --- |');
for (const [what, limit] of Object.entries(LIMITS)) console.log(`| ${what} | ${largest.get(what) ?? 0} | ${limit} |`);
