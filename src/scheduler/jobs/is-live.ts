import type { GroupStore } from '../../groups/group-store.js';
import type { MeetupStore } from '../../meetups/meetup-store.js';
import type { JobIsLive } from '../scheduler.js';

/** A daily prompt or recap is wanted while its group exists and runs; a reminder while its meetup exists. */
export function jobIsLive(deps: { groups: GroupStore; meetups: MeetupStore }): JobIsLive {
  return async (job) => {
    if (job.kind === 'meetup') return (await deps.meetups.get(job.guildId, job.meetupId)) !== undefined;
    const group = await deps.groups.get(job.guildId);
    return group !== undefined && !group.paused;
  };
}
