import { loadCurriculum } from '../../src/curriculum/load.js';

/** The shipped curriculum, as the bot in the end-to-end tests serves it. */
export const roadmap = loadCurriculum('./curriculum');

/** Points the named topics are worth together (points follow effort, so tests read them, never assume). */
export const pointsOf = (...ids: string[]): number => ids.reduce((sum, id) => sum + roadmap.get(id)!.points, 0);
