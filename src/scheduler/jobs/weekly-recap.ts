import type { GroupStore } from '../../groups/group-store.js';
import type { Logger } from '../../log.js';
import { periodsAt } from '../../progress/periods.js';
import type { ProgressStore } from '../../store/progress-store.js';
import { nextOccurrence, previousOccurrence } from '../occurrence.js';
import { nonceFor, type Poster } from '../poster.js';
import type { JobHandler } from '../scheduler.js';
import { postOrPause } from './post-or-pause.js';
import { DAILY_CATCH_UP_MS } from './daily-prompt.js';

/** The recap goes out at the end of the group's week: Sunday, 20:00 local time. */
export const RECAP_TIME = { hour: 20, minute: 0 };
export const RECAP_DAYS = [7];

export function weeklyRecapJob(deps: { groups: GroupStore; progress: ProgressStore; poster: Poster; log: Logger }): JobHandler<'recap'> {
  return async ({ guildId }, { id, nowMs }) => {
    const group = await deps.groups.get(guildId);
    if (!group || group.paused) return undefined;
    const slot = previousOccurrence(RECAP_TIME, group.tz, nowMs, RECAP_DAYS);
    const next = nextOccurrence(RECAP_TIME, group.tz, nowMs, RECAP_DAYS);
    if (nowMs - slot > DAILY_CATCH_UP_MS) return next;
    const periods = periodsAt(slot, group.tz);
    const [board, topicsDone] = await Promise.all([deps.progress.board(guildId, 'week', periods, '', 5), deps.groups.weekDone(guildId, periods.week)]);
    const posted = await postOrPause(deps, guildId, id, () => deps.poster.recap(group.channelId, { week: periods.week, rows: board.off ? [] : board.rows, topicsDone, boardsOff: board.off }, nonceFor(id, slot)));
    return posted ? next : undefined;
  };
}
