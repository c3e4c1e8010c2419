import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCurriculum } from '../src/curriculum/load.js';

/**
 * `npm run curriculum:originality -- <seeds dir>`: fails when any run of 8 words in the curriculum's
 * prose (summaries, objectives, practice, prompts) also stands in the source material we read.
 */
const [seedsDir = '../shared/seeds', curriculumDir = './curriculum'] = process.argv.slice(2);
const RUN = 8;
const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9\s]/g, ' ').split(/\s+/).filter(Boolean);
const runs = (text: string) => {
  const w = words(text);
  const out: string[] = [];
  for (let i = 0; i + RUN <= w.length; i++) out.push(w.slice(i, i + RUN).join(' '));
  return out;
};

const seen = new Set(readdirSync(seedsDir).flatMap((file) => runs(readFileSync(join(seedsDir, file), 'utf8'))));
const curriculum = loadCurriculum(curriculumDir);
let copied = 0;
for (const module of curriculum.modules) {
  for (const topic of module.topics) {
    for (const text of [topic.summary, ...topic.objectives, topic.practice, topic.prompt]) {
      const shared = runs(text).find((run) => seen.has(run));
      if (shared) {
        copied++;
        console.log(`${module.file}: ${topic.id}: shares "${shared}" with the seeds`);
      }
    }
  }
}
console.log(`${curriculum.topics.length} topics compared with ${seen.size} ${RUN}-word runs of the seeds: ${copied} shared`);
process.exit(copied ? 1 : 0);
