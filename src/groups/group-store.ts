import type { RedisClient as Redis } from '../store/redis.js';
import { exec, guard, guardWrite } from '../store/guard.js';
import type { Keys } from '../store/keys.js';

export interface GroupSettings {
  guildId: string;
  channelId: string;
  /** HH:MM, 24 h, in `tz` */
  time: string;
  tz: string;
  track: string;
  paused: boolean;
  pauseReason?: string;
  /** The last topic the daily prompt posted */
  cursor?: string;
  /** The slot (ms) of the last daily prompt the scheduler started to post */
  postAttempt?: number;
}

/** A guild's study-group settings in Redis. */
export class GroupStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async get(guildId: string): Promise<GroupSettings | undefined> {
    const hash = await guard(this.redis.hgetall(this.keys.group(guildId)));
    if (!hash.channelId || !hash.time || !hash.tz || !hash.track) return undefined;
    return {
      guildId,
      channelId: hash.channelId,
      time: hash.time,
      tz: hash.tz,
      track: hash.track,
      paused: hash.paused === '1',
      pauseReason: hash.pauseReason || undefined,
      cursor: hash.cursor || undefined,
      postAttempt: hash.postAttempt ? Number(hash.postAttempt) : undefined,
    };
  }

  /** Saves the settings; a new setup also clears an old pause. One MULTI: all of it or none. */
  async save(s: Omit<GroupSettings, 'paused' | 'pauseReason' | 'cursor'>): Promise<void> {
    await exec(
      this.redis
        .multi()
        .hset(this.keys.group(s.guildId), { channelId: s.channelId, time: s.time, tz: s.tz, track: s.track, paused: '0' })
        .hdel(this.keys.group(s.guildId), 'pauseReason'),
      { write: true },
    );
  }

  async setPaused(guildId: string, reason: string | undefined): Promise<void> {
    const key = this.keys.group(guildId);
    if (reason === undefined) await exec(this.redis.multi().hset(key, 'paused', '0').hdel(key, 'pauseReason'), { write: true });
    else await guardWrite(this.redis.hset(key, { paused: '1', pauseReason: reason }));
  }

  async setPostAttempt(guildId: string, slotMs: number): Promise<void> {
    await guard(this.redis.hset(this.keys.group(guildId), 'postAttempt', slotMs));
  }

  async setCursor(guildId: string, topicId: string): Promise<void> {
    await guard(this.redis.hset(this.keys.group(guildId), 'cursor', topicId));
  }

  async weekDone(guildId: string, week: string): Promise<number> {
    return Number((await guard(this.redis.hget(this.keys.groupWeekStats(guildId, week), 'done'))) ?? 0);
  }
}
