import { CurriculumError, loadCurriculum } from '../src/curriculum/load.js';

/** `npm run curriculum:check [dir]`: validates a curriculum and prints what it holds. */
const dir = process.argv[2] ?? process.env.CURRICULUM_DIR ?? './curriculum';
try {
  const curriculum = loadCurriculum(dir);
  console.log(`${curriculum.title} (${curriculum.id} v${curriculum.version}): ${curriculum.topics.length} topics in ${curriculum.modules.length} modules`);
  for (const track of curriculum.tracks) console.log(`  track ${track.id} (${track.title}): ${curriculum.onTrack(track.id).length} topics`);
  for (const module of curriculum.modules) {
    const perTrack = curriculum.tracks.map((t) => `${t.id} ${module.topics.filter((topic) => topic.tracks.includes(t.id)).length}`).join(', ');
    console.log(`  ${module.file}: ${module.topics.length} topics (${perTrack})`);
  }
  console.log('OK');
} catch (error) {
  if (!(error instanceof CurriculumError)) throw error;
  console.error(error.message);
  process.exit(1);
}
