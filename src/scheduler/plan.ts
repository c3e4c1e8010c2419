import type { GroupSettings } from '../groups/group-store.js';
import type { Meetup } from '../meetups/meetup-store.js';
import { dailyJob, meetupJob, recapJob, type Job, type MeetupJob } from './job.js';
import { RECAP_DAYS, RECAP_TIME } from './jobs/weekly-recap.js';
import { nextOccurrence, parseLocalTime } from './occurrence.js';
import type { ReminderStage } from './poster.js';

/** Reminders before a meetup, by how long before its start they go out. */
export const REMINDERS: Array<{ stage: ReminderStage; beforeMs: number }> = [
  { stage: '24h', beforeMs: 24 * 3_600_000 },
  { stage: '1h', beforeMs: 3_600_000 },
  { stage: 'start', beforeMs: 0 },
];

export type PlannedJob = [job: Job, dueMs: number];

/**
 * The jobs a group's settings want: the next daily prompt and the next weekly recap (none while
 * paused). The due-queue is derived from this, when settings change and when reconcile heals it.
 */
export function groupJobs(group: Pick<GroupSettings, 'guildId' | 'time' | 'tz'> & { paused?: boolean }, nowMs: number): PlannedJob[] {
  if (group.paused) return [];
  const time = parseLocalTime(group.time);
  if (!time) return [];
  return [
    [dailyJob(group.guildId), nextOccurrence(time, group.tz, nowMs)],
    [recapJob(group.guildId), nextOccurrence(RECAP_TIME, group.tz, nowMs, RECAP_DAYS)],
  ];
}

/** The reminders of a meetup still to come. */
export function meetupJobs(meetup: Pick<Meetup, 'guildId' | 'id' | 'startMs'>, nowMs: number): Array<[job: MeetupJob, dueMs: number]> {
  return REMINDERS.filter((r) => meetup.startMs - r.beforeMs > nowMs).map((r) => [meetupJob(meetup.guildId, meetup.id, r.stage), meetup.startMs - r.beforeMs]);
}
