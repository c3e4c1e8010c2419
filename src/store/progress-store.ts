import type { RedisClient as Redis } from './redis.js';
import type { MemberState } from '../progress/member-state.js';
import type { PeriodName, Periods } from '../progress/periods.js';
import type { MarkChange, UndoChange } from '../progress/rules.js';
import type { FirstAnswer } from '../progress/self-check.js';
import { encodeUndo } from '../progress/undo-entry.js';
import { exec, guard, guardWrite } from './guard.js';
import { BOARD_TTL_SECONDS, SEEN_TTL_SECONDS, UNDO_DEPTH, type Keys } from './keys.js';

export interface MemberRef {
  guildId: string;
  userId: string;
}

/** The member as read for a decision, with what else the decision needs from the same round trip. */
export interface MemberRead {
  member: MemberState;
  /** The group's IANA zone, when the guild has a study group */
  zone?: string;
  /** This interaction was applied already (a replayed delivery) */
  seen: boolean;
  /** The newest undo log entry, as stored */
  lastEntry?: string;
  /** The member's recorded first answers to the self-check questions asked for, in their order */
  checks: (string | undefined)[];
  /** The member's newest work entries (as stored, newest first), when asked for */
  work: string[];
  /** The member hides from boards and the cohort view (a field of the member hash, beside the guild's set) */
  hidden: boolean;
}

export type WriteResult = 'ok' | 'replay' | 'stale';

/** Where a member stands on a board, among the members who show on it. */
export interface Place {
  /** 1-based, or null when not on the board (or hidden from it) */
  rank: number | null;
  points: number;
  /** The member hides from boards (/privacy) */
  hidden: boolean;
  /** The server turned its boards off (/studygroup boards) */
  off: boolean;
}

export interface Board extends Place {
  rows: BoardRow[];
}

/** Rows read past the top so a few hidden members never need a second read. */
const HIDDEN_SPARE = 10;

export interface BoardRow {
  userId: string;
  points: number;
}

/**
 * Progress in Redis: it reads state and applies changes the rules decided; it decides nothing.
 * A read is one pipeline and a write is one script that checks the member's version first, so a
 * command costs at most two round trips.
 */
export class ProgressStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /**
   * The member (hash, topics, reviews) and the group's zone, plus what a write needs: whether the
   * interaction was applied already, the newest undo entry, the first answers to some self-check
   * questions (`checks`: fields of the checks hash). One pipeline, one round trip.
   */
  async read(m: MemberRef, options: { interactionId?: string; lastEntry?: boolean; checks?: string[]; work?: number } = {}): Promise<MemberRead> {
    const k = this.keys;
    const pipeline = this.redis
      .pipeline()
      .hgetall(k.member(m.guildId, m.userId))
      .hgetall(k.memberTopics(m.guildId, m.userId))
      .hget(k.group(m.guildId), 'tz')
      .hgetall(k.memberReviews(m.guildId, m.userId));
    if (options.interactionId) pipeline.exists(k.interactionSeen(m.guildId, options.interactionId));
    if (options.lastEntry) pipeline.lindex(k.memberLog(m.guildId, m.userId), 0);
    if (options.checks?.length) pipeline.hmget(k.memberChecks(m.guildId, m.userId), ...options.checks);
    if (options.work) pipeline.lrange(k.memberWork(m.guildId, m.userId), 0, options.work - 1);
    const [hash, topics, zone, reviews, ...rest] = await exec(pipeline);
    const seen = options.interactionId ? rest.shift() === 1 : false;
    const lastEntry = options.lastEntry ? ((rest.shift() as string | null) ?? undefined) : undefined;
    const checks = options.checks?.length ? (rest.shift() as (string | null)[]).map((v) => v ?? undefined) : [];
    const work = options.work ? (rest.shift() as string[]) : [];
    return {
      member: toMemberState(hash as Record<string, string>, topics as Record<string, string>, reviews as Record<string, string>),
      zone: (zone as string | null) ?? undefined,
      seen,
      lastEntry,
      checks,
      work,
      hidden: (hash as Record<string, string>).hidden === '1',
    };
  }

  /** Applies a decided done or skip, unless the member changed since `version` was read. */
  async applyMark(m: MemberRef, version: number, change: MarkChange, interactionId: string): Promise<WriteResult> {
    const k = this.keys;
    const { undo } = change;
    return guardWrite(
      this.redis.syllabotMark(
        k.member(m.guildId, m.userId),
        k.memberTopics(m.guildId, m.userId),
        k.memberLog(m.guildId, m.userId),
        k.interactionSeen(m.guildId, interactionId),
        k.boardAll(m.guildId),
        k.boardWeek(m.guildId, undo.week),
        k.boardMonth(m.guildId, undo.month),
        k.groupWeekStats(m.guildId, undo.week),
        k.memberReviews(m.guildId, m.userId),
        k.memberWork(m.guildId, m.userId),
        k.activeMembers(m.guildId),
        version,
        change.topicId,
        change.value,
        change.dropField ?? '',
        change.points,
        change.streak,
        change.bestStreak,
        change.lastDay ?? '',
        change.cursor ?? '',
        change.gained,
        m.userId,
        BOARD_TTL_SECONDS.week,
        BOARD_TTL_SECONDS.month,
        SEEN_TTL_SECONDS,
        encodeUndo(undo),
        UNDO_DEPTH,
        change.freezes || '',
        change.lastAt ?? '',
        change.review ?? '',
        change.work ?? '',
        undo.at,
      ),
    );
  }

  /** Applies a decided undo, unless the member or their log changed since the read. */
  async applyUndo(m: MemberRef, version: number, entry: string, change: UndoChange, interactionId: string): Promise<WriteResult> {
    const k = this.keys;
    return guardWrite(
      this.redis.syllabotUndo(
        k.member(m.guildId, m.userId),
        k.memberTopics(m.guildId, m.userId),
        k.memberLog(m.guildId, m.userId),
        k.interactionSeen(m.guildId, interactionId),
        k.boardAll(m.guildId),
        k.boardWeek(m.guildId, change.week),
        k.boardMonth(m.guildId, change.month),
        k.groupWeekStats(m.guildId, change.week),
        k.memberReviews(m.guildId, m.userId),
        k.memberWork(m.guildId, m.userId),
        version,
        entry,
        change.dropField,
        change.restore?.field ?? '',
        change.restore?.value ?? '',
        change.points,
        change.streak,
        change.bestStreak,
        change.lastDay ?? '',
        change.cursor ?? '',
        change.taken,
        m.userId,
        SEEN_TTL_SECONDS,
        change.freezes || '',
        change.lastAt ?? '',
        change.review ?? '',
        change.work ?? '',
      ),
    );
  }

  /**
   * Records a member's first answer to a self-check question and the bonus it earned (points and
   * the boards of the answer's week and month), unless the member changed since `version` was read.
   */
  async applyAnswer(m: MemberRef, version: number, answer: { field: string; value: FirstAnswer; bonus: number; periods: Periods }, interactionId: string): Promise<WriteResult> {
    const k = this.keys;
    return guardWrite(
      this.redis.syllabotAnswer(
        k.member(m.guildId, m.userId),
        k.memberChecks(m.guildId, m.userId),
        k.interactionSeen(m.guildId, interactionId),
        k.boardAll(m.guildId),
        k.boardWeek(m.guildId, answer.periods.week),
        k.boardMonth(m.guildId, answer.periods.month),
        version,
        answer.field,
        answer.value,
        answer.bonus,
        m.userId,
        BOARD_TTL_SECONDS.week,
        BOARD_TTL_SECONDS.month,
        SEEN_TTL_SECONDS,
      ),
    );
  }

  /** Writes a topic's next review ('' when it graduated), unless the member changed since `version` was read. */
  async applyReview(m: MemberRef, version: number, topicField: string, next: string, interactionId: string): Promise<WriteResult> {
    const k = this.keys;
    return guardWrite(this.redis.syllabotReview(k.member(m.guildId, m.userId), k.memberReviews(m.guildId, m.userId), k.interactionSeen(m.guildId, interactionId), version, topicField, next, SEEN_TTL_SECONDS));
  }

  /**
   * Whether a write for this interaction was applied, asked on the same connection as the write
   * (so Redis answers only after it has run the write, if the write reached it). Asks again until
   * Redis answers or `waitMs` has passed; undefined when it never did.
   */
  async applied(m: MemberRef, interactionId: string, waitMs: number): Promise<boolean | undefined> {
    // Waiting on I/O, not domain time: measured on the monotonic clock, not the injected one.
    const deadline = performance.now() + waitMs;
    do {
      try {
        return (await this.redis.exists(this.keys.interactionSeen(m.guildId, interactionId))) === 1;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } while (performance.now() < deadline);
    return undefined;
  }

  /** The guild's study-group zone, when it has one. */
  async zone(guildId: string): Promise<string | undefined> {
    return (await guard(this.redis.hget(this.keys.group(guildId), 'tz'))) ?? undefined;
  }

  /**
   * A member's place and points on a board, counting only members who show on it (a member who
   * hides is on no board: rank null, `hidden`), and whether the server turned its boards off.
   */
  async placeOn(guildId: string, period: PeriodName, periods: Periods, userId: string): Promise<Place> {
    const key = this.boardKey(guildId, period, periods);
    const [rank, score, hiddenIds, boards] = await exec(
      this.redis.pipeline().zrevrank(key, userId).zscore(key, userId).smembers(this.keys.privateMembers(guildId)).hget(this.keys.group(guildId), 'boards'),
    );
    const hidden = new Set(hiddenIds as string[]);
    const place = await this.visiblePlace(key, userId, rank as number | null, score as string | null, hidden);
    return { ...place, off: boards === 'off' };
  }

  /**
   * The top of a board without the members who hide from it, and the caller's own place among those
   * shown: one pipeline, and a second only when hidden members are in the way.
   */
  async board(guildId: string, period: PeriodName, periods: Periods, userId: string, top: number): Promise<Board> {
    const key = this.boardKey(guildId, period, periods);
    const spare = top + HIDDEN_SPARE;
    const [flat, rank, score, hiddenIds, boards] = await exec(
      this.redis
        .pipeline()
        .zrevrange(key, 0, spare - 1, 'WITHSCORES')
        .zrevrank(key, userId)
        .zscore(key, userId)
        .smembers(this.keys.privateMembers(guildId))
        .hget(this.keys.group(guildId), 'boards'),
    );
    const hidden = new Set(hiddenIds as string[]);
    let list = flat as string[];
    // More hidden members than the spare rows, all near the top: read as far as it takes.
    if (hidden.size > HIDDEN_SPARE && list.length === spare * 2) list = await guard(this.redis.zrevrange(key, 0, top + hidden.size - 1, 'WITHSCORES'));
    const rows: BoardRow[] = [];
    for (let i = 0; i < list.length && rows.length < top; i += 2) if (!hidden.has(list[i]!)) rows.push({ userId: list[i]!, points: Number(list[i + 1]) });
    const place = await this.visiblePlace(key, userId, rank as number | null, score as string | null, hidden);
    return { rows, ...place, off: boards === 'off' };
  }

  /** A place among the members shown: a hidden member ranked above the caller does not count. */
  private async visiblePlace(key: string, userId: string, rank: number | null, score: string | null, hidden: Set<string>): Promise<Omit<Place, 'off'>> {
    const points = Number(score ?? 0);
    if (hidden.has(userId)) return { rank: null, points, hidden: true };
    if (rank === null) return { rank: null, points, hidden: false };
    if (!hidden.size || rank === 0) return { rank: rank + 1, points, hidden: false };
    const ids = [...hidden];
    const scores = await guard(this.redis.zmscore(key, ...ids));
    // ZREVRANK orders equal scores by member, descending: the same order decides who is above.
    const above = ids.filter((id, n) => scores[n] !== null && (Number(scores[n]) > points || (Number(scores[n]) === points && id > userId))).length;
    return { rank: rank + 1 - above, points, hidden: false };
  }

  /** Sets the member's track; the version moves so a decision made on the old track is made again. */
  async setTrack(m: MemberRef, track: string): Promise<void> {
    const key = this.keys.member(m.guildId, m.userId);
    await exec(this.redis.multi().hset(key, 'track', track).hincrby(key, 'v', 1), { write: true });
  }

  private boardKey(guildId: string, period: PeriodName, periods: Periods): string {
    if (period === 'week') return this.keys.boardWeek(guildId, periods.week);
    if (period === 'month') return this.keys.boardMonth(guildId, periods.month);
    return this.keys.boardAll(guildId);
  }
}

function toMemberState(hash: Record<string, string>, topics: Record<string, string>, reviews: Record<string, string>): MemberState {
  return {
    version: Number(hash.v ?? 0),
    track: hash.track,
    points: Number(hash.points ?? 0),
    bonus: Number(hash.bonus ?? 0),
    streak: Number(hash.streak ?? 0),
    bestStreak: Number(hash.bestStreak ?? 0),
    lastDay: hash.lastDay,
    ...(hash.lastAt ? { lastAt: Number(hash.lastAt) } : {}),
    freezes: Number(hash.freezes ?? 0),
    cursor: hash.cursor,
    topics,
    reviews,
  };
}
