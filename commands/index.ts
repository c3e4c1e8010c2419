import type { CommandModule } from '../src/discord/command.js';
import cohort from './cohort.js';
import done from './done.js';
import forgetMe from './forget-me.js';
import help from './help.js';
import leaderboard from './leaderboard.js';
import meetup from './meetup.js';
import next from './next.js';
import privacy from './privacy.js';
import progress from './progress.js';
import review from './review.js';
import skip from './skip.js';
import studygroup from './studygroup.js';
import topic from './topic.js';
import track from './track.js';
import undo from './undo.js';

/** Every slash command, in the order /help lists them. */
export const commands: CommandModule[] = [next, done, skip, undo, review, topic, progress, leaderboard, cohort, track, meetup, privacy, forgetMe, studygroup, help];
