import type { RedisClient as Redis } from './redis.js';
import { exec } from './guard.js';
import { ownKeysOf, type Keys } from './keys.js';

/** What the bot holds about one member in one server, counted: what /forget-me reports. */
export interface MemberInventory {
  /** Topics marked done or skipped */
  topics: number;
  points: number;
  streak: number;
  work: number;
  reviews: number;
  checks: number;
  undoSteps: number;
  /** Boards (all time, weeks, months) the member is on */
  boards: number;
  rsvps: number;
  /** Meetups that name the member as their creator */
  meetupsCreated: number;
  hidden: boolean;
  /** In the cohort index (studied in the last 30 days) */
  active: boolean;
  /**
   * Any of the member's own keys exists, counted or not (a track chosen before any topic); the rate
   * limit's record of their last few commands is erased too but not counted: the /forget-me itself
   * writes it.
   */
  anyOwnKey: boolean;
}

/** Where a member appears in keys that are not only theirs: the boards that may exist, and the guild's meetups. */
export interface SharedPlaces {
  weeks: string[];
  months: string[];
}

/**
 * Finds and erases everything stored about one member in a guild. Their own keys come from
 * keys.ts (ownKeysOf); the shared ones (boards, the cohort index, the privacy set, meetups and
 * RSVPs) lose the member's entries. Every key carries the guild's hash tag, so the erase is one
 * MULTI in one slot.
 */
export class MemberDataStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async inventory(guildId: string, userId: string, places: SharedPlaces): Promise<MemberInventory> {
    const k = this.keys;
    const meetupIds = await this.meetupIds(guildId);
    const boards = this.boardKeys(guildId, places);
    const pipeline = this.redis
      .pipeline()
      .hlen(k.memberTopics(guildId, userId))
      .hmget(k.member(guildId, userId), 'points', 'streak')
      .llen(k.memberWork(guildId, userId))
      .hlen(k.memberReviews(guildId, userId))
      .hlen(k.memberChecks(guildId, userId))
      .llen(k.memberLog(guildId, userId))
      .sismember(k.privateMembers(guildId), userId)
      .zscore(k.activeMembers(guildId), userId)
      .exists(...ownKeysOf(k, guildId, userId).filter((key) => key !== k.memberCooldown(guildId, userId)));
    for (const board of boards) pipeline.zscore(board, userId);
    for (const id of meetupIds) pipeline.sismember(k.meetupRsvp(guildId, id), userId).hget(k.meetup(guildId, id), 'createdBy');
    const [topics, member, work, reviews, checks, log, hidden, active, own, ...rest] = await exec(pipeline);
    const [points, streak] = member as (string | null)[];
    const onBoards = rest.slice(0, boards.length).filter((score) => score !== null).length;
    const meetups = rest.slice(boards.length);
    let rsvps = 0;
    let created = 0;
    for (let n = 0; n < meetups.length; n += 2) {
      if (meetups[n] === 1) rsvps++;
      if (meetups[n + 1] === userId) created++;
    }
    return {
      topics: topics as number,
      points: Number(points ?? 0),
      streak: Number(streak ?? 0),
      work: work as number,
      reviews: reviews as number,
      checks: checks as number,
      undoSteps: log as number,
      boards: onBoards,
      rsvps,
      meetupsCreated: created,
      hidden: hidden === 1,
      active: active !== null,
      anyOwnKey: (own as number) > 0,
    };
  }

  /** Deletes the member's own keys and takes them out of every shared one: one MULTI, all or nothing. */
  async erase(guildId: string, userId: string, places: SharedPlaces): Promise<void> {
    const k = this.keys;
    const meetupIds = await this.meetupIds(guildId);
    const creators = meetupIds.length ? ((await exec(meetupIds.reduce((p, id) => p.hget(k.meetup(guildId, id), 'createdBy'), this.redis.pipeline()))) as (string | null)[]) : [];
    const multi = this.redis.multi().del(...ownKeysOf(k, guildId, userId));
    for (const board of this.boardKeys(guildId, places)) multi.zrem(board, userId);
    multi.zrem(k.activeMembers(guildId), userId).srem(k.privateMembers(guildId), userId);
    meetupIds.forEach((id, n) => {
      multi.srem(k.meetupRsvp(guildId, id), userId);
      if (creators[n] === userId) multi.hdel(k.meetup(guildId, id), 'createdBy');
    });
    await exec(multi, { write: true });
  }

  private boardKeys(guildId: string, places: SharedPlaces): string[] {
    const k = this.keys;
    return [k.boardAll(guildId), ...places.weeks.map((w) => k.boardWeek(guildId, w)), ...places.months.map((m) => k.boardMonth(guildId, m))];
  }

  private async meetupIds(guildId: string): Promise<string[]> {
    const [ids] = await exec(this.redis.pipeline().zrange(this.keys.meetups(guildId), 0, -1));
    return ids as string[];
  }
}
