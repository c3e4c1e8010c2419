import type { Redis } from 'ioredis';
import { exec, guard } from '../store/guard.js';
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

  async save(m: Meetup): Promise<void> {
    const k = this.keys;
    await exec(
      this.redis
        .pipeline()
        .hset(k.meetup(m.guildId, m.id), { title: m.title, startMs: m.startMs, minutes: m.minutes, channelId: m.channelId, createdBy: m.createdBy, ...(m.eventId ? { eventId: m.eventId } : {}) })
        .zadd(k.meetups(m.guildId), m.startMs, m.id),
    );
  }

  async exists(guildId: string, id: string): Promise<boolean> {
    return (await guard(this.redis.exists(this.keys.meetup(guildId, id)))) === 1;
  }

  async get(guildId: string, id: string): Promise<Meetup | undefined> {
    const h = await guard(this.redis.hgetall(this.keys.meetup(guildId, id)));
    if (!h.title) return undefined;
    return { guildId, id, title: h.title, startMs: Number(h.startMs), minutes: Number(h.minutes), channelId: h.channelId!, createdBy: h.createdBy!, eventId: h.eventId || undefined };
  }

  async setEventId(guildId: string, id: string, eventId: string): Promise<void> {
    await guard(this.redis.hset(this.keys.meetup(guildId, id), 'eventId', eventId));
  }

  /** Meetups that have not ended yet, soonest first. */
  async upcoming(guildId: string, sinceMs: number, limit: number): Promise<Meetup[]> {
    const ids = await guard(this.redis.zrangebyscore(this.keys.meetups(guildId), sinceMs, '+inf', 'LIMIT', 0, limit));
    const found = await Promise.all(ids.map((id) => this.get(guildId, id)));
    return found.filter((m): m is Meetup => m !== undefined);
  }

  async delete(guildId: string, id: string): Promise<void> {
    const k = this.keys;
    await exec(this.redis.pipeline().del(k.meetup(guildId, id), k.meetupRsvp(guildId, id)).zrem(k.meetups(guildId), id));
  }

  /** Adds or removes a member's RSVP; answers whether they are now going and how many are. */
  async toggleRsvp(guildId: string, id: string, userId: string): Promise<{ going: boolean; count: number }> {
    const key = this.keys.meetupRsvp(guildId, id);
    const added = (await guard(this.redis.sadd(key, userId))) === 1;
    if (!added) await guard(this.redis.srem(key, userId));
    return { going: added, count: await guard(this.redis.scard(key)) };
  }

  async attendees(guildId: string, id: string): Promise<string[]> {
    return guard(this.redis.smembers(this.keys.meetupRsvp(guildId, id)));
  }
}
