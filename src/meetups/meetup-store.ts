import type { RedisClient as Redis } from '../store/redis.js';
import { exec, guard, guardWrite } from '../store/guard.js';
import type { Keys } from '../store/keys.js';

export interface Meetup {
  guildId: string;
  id: string;
  title: string;
  startMs: number;
  minutes: number;
  channelId: string;
  createdBy: string;
  eventId?: string;
}

/** Meetups and their RSVPs in Redis. */
export class MeetupStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Stores a new meetup in one script; false (nothing written) when its id is taken. */
  async create(m: Meetup): Promise<boolean> {
    const k = this.keys;
    const fields = { title: m.title, startMs: m.startMs, minutes: m.minutes, channelId: m.channelId, createdBy: m.createdBy, ...(m.eventId ? { eventId: m.eventId } : {}) };
    const stored = await guardWrite(this.redis.syllabotMeetupCreate(k.meetup(m.guildId, m.id), k.meetups(m.guildId), m.id, m.startMs, ...Object.entries(fields).flat()));
    return stored === 1;
  }

  async exists(guildId: string, id: string): Promise<boolean> {
    return (await guard(this.redis.exists(this.keys.meetup(guildId, id)))) === 1;
  }

  async get(guildId: string, id: string): Promise<Meetup | undefined> {
    const h = await guard(this.redis.hgetall(this.keys.meetup(guildId, id)));
    if (!h.title) return undefined;
    return { guildId, id, title: h.title, startMs: Number(h.startMs), minutes: Number(h.minutes), channelId: h.channelId!, createdBy: h.createdBy!, eventId: h.eventId || undefined };
  }

  /** Records the Discord event's id, unless the meetup was cancelled meanwhile. */
  async setEventId(guildId: string, id: string, eventId: string): Promise<boolean> {
    return (await guardWrite(this.redis.syllabotHsetExisting(this.keys.meetup(guildId, id), 'eventId', eventId))) === 1;
  }

  /** Meetups that have not ended yet, soonest first. */
  async upcoming(guildId: string, sinceMs: number, limit: number): Promise<Meetup[]> {
    const ids = await guard(this.redis.zrangebyscore(this.keys.meetups(guildId), sinceMs, '+inf', 'LIMIT', 0, limit));
    const found = await Promise.all(ids.map((id) => this.get(guildId, id)));
    return found.filter((m): m is Meetup => m !== undefined);
  }

  async delete(guildId: string, id: string): Promise<void> {
    const k = this.keys;
    await exec(this.redis.multi().del(k.meetup(guildId, id), k.meetupRsvp(guildId, id)).zrem(k.meetups(guildId), id), { write: true });
  }

  /** Adds or removes a member's RSVP in one script; undefined when the meetup no longer exists. */
  async toggleRsvp(guildId: string, id: string, userId: string): Promise<{ going: boolean; count: number } | undefined> {
    const [going, count] = await guardWrite(this.redis.syllabotRsvpToggle(this.keys.meetup(guildId, id), this.keys.meetupRsvp(guildId, id), userId));
    return going === -1 ? undefined : { going: going === 1, count: count! };
  }

  async attendees(guildId: string, id: string): Promise<string[]> {
    return guard(this.redis.smembers(this.keys.meetupRsvp(guildId, id)));
  }
}
