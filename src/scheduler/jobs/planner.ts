import type { GroupStore } from '../../groups/group-store.js';
import type { MeetupStore } from '../../meetups/meetup-store.js';
import { groupJobs, meetupJobs } from '../plan.js';
import type { GuildPlanner } from '../scheduler.js';

/** What a guild's settings and upcoming meetups want queued now (see scheduler/plan.ts). */
export function guildPlanner(deps: { groups: GroupStore; meetups: MeetupStore }): GuildPlanner {
  return async (guildId, nowMs) => {
    const [group, meetups] = await Promise.all([deps.groups.get(guildId), deps.meetups.upcoming(guildId, nowMs, 100)]);
    if (!group && !meetups.length) return undefined;
    return [...(group ? groupJobs(group, nowMs) : []), ...meetups.flatMap((m) => meetupJobs(m, nowMs))];
  };
}
