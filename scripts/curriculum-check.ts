import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CurriculumError, loadCurriculum, LOCK_FILE, readLock } from '../src/curriculum/load.js';

/**
 * `npm run curriculum:check [dir] [--update-lock]`: validates a curriculum and prints what it holds.
 * --update-lock first records new topic ids in ids.lock (ids are only ever added to it).
 */
const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? process.env.CURRICULUM_DIR ?? './curriculum';
if (args.includes('--update-lock')) updateLock(dir);

try {
  const curriculum = loadCurriculum(dir);
  console.log(`${curriculum.title} (${curriculum.id} v${curriculum.version}): ${curriculum.topics.length} topics in ${curriculum.modules.length} modules`);
  for (const track of curriculum.tracks) console.log(`  track ${track.id} (${track.title}): ${curriculum.onTrack(track.id).length} topics`);
  for (const module of curriculum.modules) {
    const perTrack = curriculum.tracks.map((t) => `${t.id} ${module.topics.filter((topic) => topic.tracks.includes(t.id)).length}`).join(', ');
    console.log(`  ${module.file}: ${module.topics.length} topics (${perTrack})`);
  }
  console.log(existsSync(join(dir, LOCK_FILE)) ? `ids.lock: ${readLock(dir)!.length} published ids, none orphaned` : 'no ids.lock: renamed ids are not checked');
  console.log('OK');
} catch (error) {
  if (!(error instanceof CurriculumError)) throw error;
  console.error(error.message);
  process.exit(1);
}

function updateLock(root: string): void {
  let ids: string[];
  try {
    ids = loadCurriculum(root).topics.map((t) => t.id);
  } catch (error) {
    if (!(error instanceof CurriculumError)) throw error;
    // Only "not in ids.lock yet" problems may stand in the way of recording new ids.
    if (error.problems.some((p) => !p.message.startsWith('new id '))) return;
    ids = error.problems.map((p) => /new id "([^"]+)"/.exec(p.message)![1]!);
  }
  const locked = new Set(readLock(root) ?? []);
  const fresh = ids.filter((id) => !locked.has(id));
  if (!existsSync(join(root, LOCK_FILE))) appendFileSync(join(root, LOCK_FILE), '# Every topic id ever published. Never remove a line: see README, "Writing your own curriculum".\n');
  if (fresh.length) appendFileSync(join(root, LOCK_FILE), `${fresh.join('\n')}\n`);
  console.log(`ids.lock: recorded ${fresh.length} new id(s)`);
}
