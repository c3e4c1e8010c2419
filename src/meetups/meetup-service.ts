import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import type { GroupStore } from '../groups/group-store.js';
import type { ReminderStage } from '../scheduler/poster.js';
import type { ScheduleStore } from '../store/schedule-store.js';
import { echo } from '../text.js';
import type { Meetup, MeetupStore } from './meetup-store.js';
import { parseWhen } from './when.js';

export const REMINDERS: Array<{ stage: ReminderStage; beforeMs: number }> = [
  { stage: '24h', beforeMs: 24 * 3_600_000 },
  { stage: '1h', beforeMs: 3_600_000 },
  { stage: 'start', beforeMs: 0 },
];

export const meetupJobId = (guildId: string, meetupId: string, stage: ReminderStage) => `meetup:${guildId}:${meetupId}:${stage}`;

export interface NewMeetup {
  title: string;
  when: string;
  minutes?: number | null;
  channelId?: string | null;
  createdBy: string;
}

/** Meetups: when they are, who is coming, and the reminders before them. */
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
    const startMs = parseWhen(input.when, zone, now);
    if (startMs === undefined) throw new UserError(`I could not read \`${echo(input.when)}\` as a time. Try \`2026-12-01 18:30\`, \`tomorrow 18:00\` or \`friday 7pm\` (${zone} time).`);
    if (startMs <= now) throw new UserError(`That time is in the past (<t:${Math.floor(startMs / 1000)}:F>). Pick a time that is still to come.`);
    const minutes = input.minutes ?? 60;
    if (!Number.isInteger(minutes) || minutes < 15 || minutes > 720) throw new UserError('A meetup lasts 15 to 720 minutes.');

    const meetup: Meetup = { guildId, id: await this.freshId(guildId), title, startMs, minutes, channelId, createdBy: input.createdBy };
    await this.store.save(meetup);
    const reminders = REMINDERS.filter((r) => startMs - r.beforeMs > now);
    for (const r of reminders) await this.schedule.schedule(meetupJobId(guildId, meetup.id, r.stage), startMs - r.beforeMs);
    return { meetup, reminders: reminders.map((r) => r.stage), zone };
  }

  list(guildId: string): Promise<Meetup[]> {
    return this.store.upcoming(guildId, this.clock.now(), 10);
  }

  async get(guildId: string, meetupId: string): Promise<Meetup> {
    const meetup = await this.store.get(guildId, meetupId);
    if (!meetup) throw new UserError('That meetup does not exist any more: it may have been cancelled. `/meetup list` shows what is coming.');
    return meetup;
  }

  async cancel(guildId: string, meetupId: string): Promise<Meetup> {
    const meetup = await this.get(guildId, meetupId);
    await this.schedule.cancel(...REMINDERS.map((r) => meetupJobId(guildId, meetupId, r.stage)));
    await this.store.delete(guildId, meetupId);
    return meetup;
  }

  async rsvp(guildId: string, meetupId: string, userId: string) {
    const meetup = await this.get(guildId, meetupId);
    if (meetup.startMs + meetup.minutes * 60_000 < this.clock.now()) throw new UserError(`**${meetup.title}** is over.`);
    return { meetup, ...(await this.store.toggleRsvp(guildId, meetupId, userId)) };
  }

  setEventId(guildId: string, meetupId: string, eventId: string): Promise<void> {
    return this.store.setEventId(guildId, meetupId, eventId);
  }

  private async freshId(guildId: string): Promise<string> {
    for (;;) {
      const id = randomBytes(4).readUInt32BE().toString(36).slice(0, 6);
      if (!(await this.store.exists(guildId, id))) return id;
    }
  }
}
