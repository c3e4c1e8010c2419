import type { Clock } from '../clock.js';
import type { Curriculum } from '../curriculum/curriculum.js';
import { UserError } from '../errors.js';
import { echo } from '../text.js';
import { dailyJob, recapJob } from '../scheduler/job.js';
import { parseLocalTime } from '../scheduler/occurrence.js';
import { groupJobs } from '../scheduler/plan.js';
import { readZone } from '../scheduler/zones.js';
import type { ScheduleStore } from '../store/schedule-store.js';
import type { GroupSettings, GroupStore } from './group-store.js';

export interface GroupView extends GroupSettings {
  /** When the next daily prompt is due (ms), unless paused */
  nextPostMs?: number;
  /** Something the admin should know about what was saved (a time zone read as another name) */
  note?: string;
}

/**
 * A guild's study group: its channel, daily time, time zone and track, and their schedules.
 *
 * The settings are the truth and the queued jobs derive from them; they live in different Redis
 * slots, so no one call can write both. Changes are ordered so that a crash between the two calls
 * leaves either all of the change or none of it: jobs are queued before the settings that want
 * them, and removed after the settings that stop them. A job left without its settings does
 * nothing when it runs, and the scheduler's reconcile drops it.
 */
export class GroupService {
  constructor(
    private readonly store: GroupStore,
    private readonly schedule: ScheduleStore,
    private readonly curriculum: Curriculum,
    private readonly clock: Clock,
  ) {}

  async setup(guildId: string, input: { channelId: string; time: string; timezone: string; track?: string | null }): Promise<GroupView> {
    const time = parseLocalTime(input.time);
    if (!time) throw new UserError(`\`${echo(input.time)}\` is not a time of day. Use 24-hour HH:MM, like \`09:00\` or \`18:30\`.`);
    const zone = readZone(echo(input.timezone), this.clock.now());
    if ('error' in zone) throw new UserError(zone.error);
    const tz = zone.zone;
    const track = input.track ?? this.curriculum.defaultTrack;
    if (!this.curriculum.track(track)) throw new UserError(`There is no track called \`${echo(track)}\`.`);
    const hhmm = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
    const settings = { guildId, channelId: input.channelId, time: hhmm, tz, track };
    const nextPostMs = await this.queueJobs(settings);
    await this.store.save(settings);
    return { ...settings, paused: false, nextPostMs, note: zone.note };
  }

  async show(guildId: string): Promise<GroupView | undefined> {
    const group = await this.store.get(guildId);
    if (!group) return undefined;
    if (group.paused) return group;
    const queued = await this.schedule.dueAt(dailyJob(guildId));
    if (queued !== undefined) return { ...group, nextPostMs: queued };
    // Running without a queued prompt (the queue lost it, or it is being posted right now): the
    // settings are the truth, so put back what they want and show when the next post is due.
    const jobs = groupJobs(group, this.clock.now());
    await this.schedule.scheduleMissing(jobs);
    return { ...group, nextPostMs: jobs[0]![1] };
  }

  async pause(guildId: string): Promise<GroupView> {
    await this.require(guildId);
    await this.store.setPaused(guildId, 'paused by an admin with /studygroup pause');
    await this.schedule.cancel(dailyJob(guildId), recapJob(guildId));
    return (await this.show(guildId))!;
  }

  async resume(guildId: string): Promise<GroupView> {
    const group = await this.require(guildId);
    const nextPostMs = await this.queueJobs(group);
    await this.store.setPaused(guildId, undefined);
    return { ...group, paused: false, pauseReason: undefined, nextPostMs };
  }

  /** Queues the daily prompt and the weekly recap (one call); answers when the next prompt is due. */
  private async queueJobs(group: Pick<GroupSettings, 'guildId' | 'time' | 'tz'>): Promise<number> {
    const jobs = groupJobs({ guildId: group.guildId, time: group.time, tz: group.tz }, this.clock.now());
    await this.schedule.schedule(...jobs);
    return jobs[0]![1];
  }

  private async require(guildId: string): Promise<GroupSettings> {
    const group = await this.store.get(guildId);
    if (!group) throw new UserError('This server has no study group yet. An admin can start one with `/studygroup setup`.');
    return group;
  }
}
