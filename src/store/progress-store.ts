import type { Redis } from 'ioredis';
import { exec, guard } from './guard.js';
import type { PeriodName, Periods } from '../progress/periods.js';
import { BOARD_TTL_SECONDS, SEEN_TTL_SECONDS, UNDO_DEPTH, type Keys } from './keys.js';

export interface MemberRef {
  guildId: string;
  userId: string;
}

export interface MemberState {
  track?: string;
  points: number;
  streak: number;
  bestStreak: number;
  lastDay?: string;
  cursor?: string;
  /** topicId -> 'done' | 'skip' (as stored: aliases are resolved by the caller) */
  topics: Map<string, 'done' | 'skip'>;
}

export type RecordReply =
  | { kind: 'replay' }
  | { kind: 'finished' }
  | { kind: 'off-track'; topicId: string }
  | { kind: 'already'; topicId: string; state: 'done' | 'skip' }
  | { kind: 'ok'; topicId: string; nextId: string; points: number; streak: number; bestStreak: number; gained: number };

export type UndoReply =
  | { kind: 'replay' }
  | { kind: 'empty' }
  | { kind: 'ok'; action: 'done' | 'skip'; topicId: string; points: number };

export interface BoardRow {
  userId: string;
  points: number;
}

/** Progress in Redis. Each method is one round trip: a Lua script or a pipeline. */
export class ProgressStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async next(m: MemberRef, defaultTrack: string, orders: string[]): Promise<{ track: string; topicId: string }> {
    const [track, topicId] = await guard(
      this.redis.syllabotNext(this.keys.member(m.guildId, m.userId), this.keys.memberTopics(m.guildId, m.userId), defaultTrack, ...orders),
    );
    return { track: String(track), topicId: String(topicId) };
  }

  async record(
    m: MemberRef,
    action: 'done' | 'skip',
    topicId: string | undefined,
    at: { now: number; periods: Periods },
    interactionId: string,
    defaultTrack: string,
    orders: string[],
  ): Promise<RecordReply> {
    const k = this.keys;
    const reply = await guard(
      this.redis.syllabotRecord(
        k.member(m.guildId, m.userId),
        k.memberTopics(m.guildId, m.userId),
        k.memberLog(m.guildId, m.userId),
        k.interactionSeen(m.guildId, interactionId),
        k.boardAll(m.guildId),
        k.boardWeek(m.guildId, at.periods.week),
        k.boardMonth(m.guildId, at.periods.month),
        k.groupWeekStats(m.guildId, at.periods.week),
        action,
        topicId ?? '',
        at.now,
        at.periods.day,
        at.periods.yesterday,
        m.userId,
        BOARD_TTL_SECONDS.week,
        BOARD_TTL_SECONDS.month,
        SEEN_TTL_SECONDS,
        UNDO_DEPTH,
        defaultTrack,
        ...orders,
      ),
    );
    const [kind, id, a, b, c, d, e] = reply.map(String);
    switch (kind) {
      case 'ok':
        return { kind, topicId: id!, nextId: a!, points: Number(b), streak: Number(c), bestStreak: Number(d), gained: Number(e) };
      case 'already':
        return { kind, topicId: id!, state: a as 'done' | 'skip' };
      case 'off-track':
        return { kind, topicId: id! };
      case 'finished':
      case 'replay':
        return { kind };
      default:
        throw new Error(`record script replied ${reply.join(' ')}`);
    }
  }

  async undo(m: MemberRef, interactionId: string): Promise<UndoReply> {
    const k = this.keys;
    const reply = await guard(
      this.redis.syllabotUndo(
        k.member(m.guildId, m.userId),
        k.memberTopics(m.guildId, m.userId),
        k.memberLog(m.guildId, m.userId),
        k.interactionSeen(m.guildId, interactionId),
        SEEN_TTL_SECONDS,
      ),
    );
    const [kind, action, topicId, points] = reply.map(String);
    if (kind === 'ok') return { kind, action: action as 'done' | 'skip', topicId: topicId!, points: Number(points) };
    if (kind === 'empty' || kind === 'replay') return { kind };
    throw new Error(`undo script replied ${reply.join(' ')}`);
  }

  /** A member's state and their place on this week's board, in one pipeline. */
  async member(m: MemberRef, week: string): Promise<{ state: MemberState; weekRank: number | null; weekPoints: number }> {
    const k = this.keys;
    const pipeline = this.redis
      .pipeline()
      .hgetall(k.member(m.guildId, m.userId))
      .hgetall(k.memberTopics(m.guildId, m.userId))
      .zrevrank(k.boardWeek(m.guildId, week), m.userId)
      .zscore(k.boardWeek(m.guildId, week), m.userId);
    const [hash, topics, rank, score] = await exec(pipeline);
    return {
      state: toMemberState(hash as Record<string, string>, topics as Record<string, string>),
      weekRank: rank === null ? null : Number(rank) + 1,
      weekPoints: Number(score ?? 0),
    };
  }

  /** The top of a board and the caller's own place, in one pipeline. */
  async board(
    guildId: string,
    period: PeriodName,
    periods: Periods,
    userId: string,
    top: number,
  ): Promise<{ rows: BoardRow[]; rank: number | null; points: number }> {
    const key = this.boardKey(guildId, period, periods);
    const pipeline = this.redis.pipeline().zrevrange(key, 0, top - 1, 'WITHSCORES').zrevrank(key, userId).zscore(key, userId);
    const [flat, rank, score] = await exec(pipeline);
    const rows: BoardRow[] = [];
    const list = flat as string[];
    for (let i = 0; i < list.length; i += 2) rows.push({ userId: list[i]!, points: Number(list[i + 1]) });
    return { rows, rank: rank === null ? null : Number(rank) + 1, points: Number(score ?? 0) };
  }

  async setTrack(m: MemberRef, track: string): Promise<void> {
    await guard(this.redis.hset(this.keys.member(m.guildId, m.userId), 'track', track));
  }

  private boardKey(guildId: string, period: PeriodName, periods: Periods): string {
    if (period === 'week') return this.keys.boardWeek(guildId, periods.week);
    if (period === 'month') return this.keys.boardMonth(guildId, periods.month);
    return this.keys.boardAll(guildId);
  }
}

function toMemberState(hash: Record<string, string>, topics: Record<string, string>): MemberState {
  const states = new Map<string, 'done' | 'skip'>();
  for (const [id, value] of Object.entries(topics)) states.set(id, value.startsWith('done:') ? 'done' : 'skip');
  return {
    track: hash.track,
    points: Number(hash.points ?? 0),
    streak: Number(hash.streak ?? 0),
    bestStreak: Number(hash.bestStreak ?? 0),
    lastDay: hash.lastDay,
    cursor: hash.cursor,
    topics: states,
  };
}
