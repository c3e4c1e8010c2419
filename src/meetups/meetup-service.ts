import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import type { GroupStore } from '../groups/group-store.js';
import type { ReminderStage } from '../scheduler/poster.js';
import { meetupJob } from '../scheduler/job.js';
import { meetupJobs, REMINDERS } from '../scheduler/plan.js';
import type { ScheduleStore } from '../store/schedule-store.js';
import type { Meetup, MeetupStore } from './meetup-store.js';
import { parseWhen } from './when.js';
import { literal } from '../text.js';


export interface NewMeetup {
  title: string;
  when: string;
  minutes?: number | null;
  channelId?: string | null;
  createdBy: string;
}

/**
 * Meetups: when they are, who is coming, and the reminders before them. Like study groups (see
 * groups/group-service.ts), a meetup is the truth and its reminder jobs derive from it: reminders
 * are queued before the meetup is stored and dropped after it is deleted, so a crash between the
 * two calls leaves all of the change or none of it.
 */
export class MeetupService {
  constructor(
    private readonly store: MeetupStore,
    private readonly groups: GroupStore,
    private readonly schedule: ScheduleStore,
    private readonly clock: Clock,
  ) {}

  async create(guildId: string, input: NewMeetup): Promise<{ meetup: Meetup; reminders: ReminderStage[]; zone: string }> {
    const title = input.title.trim();
    if (!title || title.length > 100) throw new UserError('A meetup title needs 1 to 100 characters.');
    if (/@(everyone|here)|<@[!&]?\d+>/.test(title)) throw new UserError('A meetup title may not mention anyone (no `@everyone`, `@here` or member mentions): reminders ping only the members who RSVP.');
    const group = await this.groups.get(guildId);
    const channelId = input.channelId ?? group?.channelId;
    if (!channelId) throw new UserError('Name a `channel`, or set up the study group first with `/studygroup setup`.');
    const zone = group?.tz ?? 'UTC';
    const now = this.clock.now();
    const when = parseWhen(input.when, zone, now);
    if ('error' in when) throw new UserError(`${when.error} Try \`2026-12-01 18:30\`, \`tomorrow 18:00\`, \`friday 7pm\` (${zone} time) or add a zone: \`2026-12-01 18:30 UTC\`.`);
    const startMs = when.ms;
    if (startMs <= now) throw new UserError(`That time is in the past (<t:${Math.floor(startMs / 1000)}:F>). Pick a time that is still to come.`);
    const minutes = input.minutes ?? 60;
    if (!Number.isInteger(minutes) || minutes < 15 || minutes > 720) throw new UserError('A meetup lasts 15 to 720 minutes.');

    const meetup: Meetup = { guildId, id: await this.freshId(guildId), title, startMs, minutes, channelId, createdBy: input.createdBy };
    const reminders = meetupJobs(meetup, now);
    await this.schedule.schedule(...reminders);
    // The id was free a moment ago; if another create took it since, that meetup's reminders now
    // carry our times, so nothing here may touch them: ask the admin to try again.
    if (!(await this.store.create(meetup))) throw new UserError('Another meetup was created at the same moment; please run `/meetup create` again.');
    return { meetup, reminders: reminders.map(([job]) => job.stage), zone };
  }

  list(guildId: string): Promise<Meetup[]> {
    return this.store.upcoming(guildId, this.clock.now(), 10);
  }

  async get(guildId: string, meetupId: string): Promise<Meetup> {
    const meetup = await this.store.get(guildId, meetupId);
    if (!meetup) throw gone();
    return meetup;
  }

  async cancel(guildId: string, meetupId: string): Promise<Meetup> {
    const meetup = await this.get(guildId, meetupId);
    await this.store.delete(guildId, meetupId);
    await this.schedule.cancel(...REMINDERS.map((r) => meetupJob(guildId, meetupId, r.stage)));
    return meetup;
  }

  async rsvp(guildId: string, meetupId: string, userId: string) {
    const meetup = await this.get(guildId, meetupId);
    if (meetup.startMs + meetup.minutes * 60_000 < this.clock.now()) throw new UserError(`**${literal(meetup.title)}** is over.`);
    const rsvp = await this.store.toggleRsvp(guildId, meetupId, userId);
    if (!rsvp) throw gone();
    return { meetup, ...rsvp, reminders: meetupJobs(meetup, this.clock.now()).map(([job]) => job.stage) };
  }

  setEventId(guildId: string, meetupId: string, eventId: string): Promise<boolean> {
    return this.store.setEventId(guildId, meetupId, eventId);
  }

  private async freshId(guildId: string): Promise<string> {
    for (;;) {
      const id = randomBytes(4).readUInt32BE().toString(36).slice(0, 6);
      if (!(await this.store.exists(guildId, id))) return id;
    }
  }
}

const gone = () => new UserError('That meetup does not exist any more: it may have been cancelled. `/meetup list` shows what is coming.');
