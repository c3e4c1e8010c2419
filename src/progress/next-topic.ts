import type { Curriculum } from '../curriculum/curriculum.js';
import type { Topic } from '../curriculum/types.js';

/**
 * A member's next topic on a track: the one they were shown last (the cursor) while it is on the
 * track and still open, else the first open topic in curriculum order whose prerequisites are all
 * closed (done or skipped). Undefined when nothing is left.
 */
export function pickNext(curriculum: Curriculum, track: string, closed: ReadonlyMap<string, unknown>, cursor?: string): Topic | undefined {
  if (cursor) {
    const shown = curriculum.get(cursor);
    if (shown && shown.tracks.includes(track) && !closed.has(shown.id)) return shown;
  }
  return curriculum.onTrack(track).find((topic) => !closed.has(topic.id) && topic.requires.every((id) => closed.has(id)));
}
