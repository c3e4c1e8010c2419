import type { GroupStore } from '../../groups/group-store.js';
import type { Logger } from '../../log.js';
import type { MeetupStore } from '../../meetups/meetup-store.js';
import { nonceFor, type Poster } from '../poster.js';
import type { JobHandler } from '../scheduler.js';
import { postOrPause } from './post-or-pause.js';

/** The at-start reminder may go out this late; the earlier ones never after the start. */
export const START_GRACE_MS = 5 * 60_000;

export function meetupReminderJob(deps: { meetups: MeetupStore; groups: GroupStore; poster: Poster; log: Logger }): JobHandler<'meetup'> {
  return async ({ guildId, meetupId, stage }, { id, dueMs, nowMs }) => {
    const meetup = await deps.meetups.get(guildId, meetupId);
    if (!meetup) return undefined;
    const deadline = stage === 'start' ? meetup.startMs + START_GRACE_MS : meetup.startMs;
    if (nowMs >= deadline) {
      deps.log.info({ jobId: id, lateMs: nowMs - dueMs }, 'meetup reminder dropped: the meetup has started');
      return undefined;
    }
    const attendees = await deps.meetups.attendees(guildId, meetupId);
    const view = { meetup, stage, attendees };
    await postOrPause(deps, guildId, id, () => deps.poster.reminder(meetup.channelId, view, nonceFor(id, meetup.startMs)));
    return undefined;
  };
}
