import type { ReminderStage } from './poster.js';

/** A scheduled job, as a value. Its id in the due-queue is built and read here and nowhere else. */
export type Job =
  | { kind: 'daily'; guildId: string }
  | { kind: 'recap'; guildId: string }
  | { kind: 'meetup'; guildId: string; meetupId: string; stage: ReminderStage };

export type JobKind = Job['kind'];

const STAGES: readonly ReminderStage[] = ['24h', '1h', 'start'];
const SNOWFLAKE = /^\d{1,20}$/;
const MEETUP_ID = /^[a-z0-9]{1,20}$/;

/** `daily:<guild>`, `recap:<guild>`, `meetup:<guild>:<meetup>:<stage>`: the layout existing queues hold. */
export function jobId(job: Job): string {
  switch (job.kind) {
    case 'daily':
    case 'recap':
      return `${job.kind}:${job.guildId}`;
    case 'meetup':
      return `meetup:${job.guildId}:${job.meetupId}:${job.stage}`;
  }
}

/**
 * The job an id names, or undefined for an id this version cannot read: a newer version's kind
 * during a rolling deploy, which must be left for a replica that knows it.
 */
export function parseJobId(id: string): Job | undefined {
  const [kind, guildId, meetupId, stage, ...rest] = id.split(':');
  if (!guildId || !SNOWFLAKE.test(guildId) || rest.length) return undefined;
  if ((kind === 'daily' || kind === 'recap') && meetupId === undefined) return { kind, guildId };
  if (kind === 'meetup' && meetupId && MEETUP_ID.test(meetupId) && STAGES.includes(stage as ReminderStage)) {
    return { kind, guildId, meetupId, stage: stage as ReminderStage };
  }
  return undefined;
}

export const dailyJob = (guildId: string): Job => ({ kind: 'daily', guildId });
export const recapJob = (guildId: string): Job => ({ kind: 'recap', guildId });
export type MeetupJob = Extract<Job, { kind: 'meetup' }>;
export const meetupJob = (guildId: string, meetupId: string, stage: ReminderStage): MeetupJob => ({ kind: 'meetup', guildId, meetupId, stage });
