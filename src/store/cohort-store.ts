import type { RedisClient as Redis } from './redis.js';
import { exec, guard } from './guard.js';
import type { Keys } from './keys.js';

export interface ActiveMember {
  userId: string;
  /** When they last finished or skipped a topic (ms) */
  at: number;
}

/** Reads for the cohort view: who studied lately, and where each of them is. */
export class CohortStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /**
   * The guild's zone, its most recently active members (newest first) and who hides: one round trip,
   * which also drops activity older than `keepSinceMs` (housekeeping kept off the /done path).
   */
  async recent(guildId: string, limit: number, keepSinceMs: number): Promise<{ zone?: string; active: ActiveMember[]; hidden: Set<string> }> {
    const k = this.keys;
    const [, zone, flat, hidden] = await exec(
      this.redis
        .pipeline()
        .zremrangebyscore(k.activeMembers(guildId), '-inf', `(${keepSinceMs}`)
        .hget(k.group(guildId), 'tz')
        .zrevrange(k.activeMembers(guildId), 0, limit - 1, 'WITHSCORES')
        .smembers(k.privateMembers(guildId)),
    );
    const list = flat as string[];
    const active: ActiveMember[] = [];
    for (let i = 0; i < list.length; i += 2) active.push({ userId: list[i]!, at: Number(list[i + 1]) });
    return { zone: (zone as string | null) ?? undefined, active, hidden: new Set(hidden as string[]) };
  }

  /** How many members were active since `sinceMs`. */
  async countSince(guildId: string, sinceMs: number): Promise<number> {
    return guard(this.redis.zcount(this.keys.activeMembers(guildId), sinceMs, '+inf'));
  }

  /** Each member's track and cursor (the topic they were shown as next): one round trip for all. */
  async positions(guildId: string, userIds: string[]): Promise<Map<string, { track?: string; cursor?: string }>> {
    const out = new Map<string, { track?: string; cursor?: string }>();
    if (!userIds.length) return out;
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.hmget(this.keys.member(guildId, id), 'track', 'cursor');
    const rows = (await exec(pipeline)) as (string | null)[][];
    userIds.forEach((id, n) => out.set(id, { track: rows[n]![0] ?? undefined, cursor: rows[n]![1] ?? undefined }));
    return out;
  }

  /** The closed topics of members whose cursor says nothing (older data): one round trip for all. */
  async topics(guildId: string, userIds: string[]): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    if (!userIds.length) return out;
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.hgetall(this.keys.memberTopics(guildId, id));
    const rows = (await exec(pipeline)) as Record<string, string>[];
    userIds.forEach((id, n) => out.set(id, rows[n]!));
    return out;
  }
}
