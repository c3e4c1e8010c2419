import type { Clock } from '../clock.js';
import type { Curriculum } from '../curriculum/curriculum.js';
import type { Module, Topic } from '../curriculum/types.js';
import { UserError, WriteInDoubtError } from '../errors.js';
import { echo } from '../text.js';
import type { MemberRef, ProgressStore, WriteResult } from '../store/progress-store.js';
import { closedTopics, streakOf, trackOf, type MemberState } from './member-state.js';
import { pickNext } from './next-topic.js';
import { periodsAt, type PeriodName } from './periods.js';
import { decideReview, dueReviews, encodeReview, plannedReviews, reviewQuestion, type PlannedReview, type Review, type ReviewAnswer, type ReviewDecision } from './review.js';
import { decideMark, decideUndo } from './rules.js';
import { checkField, decideCheckAnswer, showQuestion, type CheckDecision, type FirstAnswer, type ShownQuestion } from './self-check.js';
import { streakToday } from './streak.js';
import { decodeUndo } from './undo-entry.js';
import { decodeWork, readWorkLink } from './evidence.js';

export type Outcome =
  | {
      kind: 'recorded';
      action: 'done' | 'skip';
      topic: Topic;
      next?: Topic;
      points: number;
      gained: number;
      streak: number;
      bestStreak: number;
      /** A freeze covered the day missed before this done / this done earned one */
      usedFreeze: boolean;
      earnedFreeze: boolean;
      /** The link to the member's work they gave with this done */
      link?: string;
      /** The member hides (/privacy): celebrate only to them */
      hidden: boolean;
    }
  | { kind: 'already'; topic: Topic; state: 'done' | 'skip' }
  | { kind: 'finished' }
  | { kind: 'replay' };

export type UndoOutcome = { kind: 'replay' } | { kind: 'empty' } | { kind: 'ok'; action: 'done' | 'skip'; topicId: string; topic?: Topic; points: number };

export interface ModuleProgress {
  module: Module;
  closed: number;
  total: number;
}

export interface ProgressReport {
  track: string;
  started: boolean;
  done: number;
  skipped: number;
  total: number;
  modules: ModuleProgress[];
  points: number;
  /** Points from self-checks, part of `points` */
  bonus: number;
  streak: number;
  bestStreak: number;
  freezes: number;
  /** Yesterday was missed and a freeze will cover it if the member studies today */
  covering: boolean;
  reviewsDue: number;
  weekRank: number | null;
  weekPoints: number;
  /** The rank may be shown: the member does not hide and the server's boards are on */
  showRank: boolean;
  /** The member hides from boards and the cohort view (/privacy) */
  hidden: boolean;
  boardsOff: boolean;
  /** The member's latest pieces of work, newest first */
  work: { topicId: string; title: string; url: string; at: number }[];
}

/** Pieces of work /progress lists. */
export const WORK_SHOWN = 5;

/** What /leaderboard and the weekly recap say when a server turned its boards off. */
export const BOARDS_OFF = 'This server has turned its leaderboards off, so there is no board to show. (Admins: `/studygroup boards` turns them back on.)';

/** A self-check question as the member is shown it. */
export type CheckView =
  | { kind: 'question'; topic: Topic; index: number; total: number; shown: ShownQuestion; earlier?: FirstAnswer }
  | { kind: 'not-done'; topic: Topic }
  | { kind: 'no-questions'; topic: Topic }
  | { kind: 'changed'; topic: Topic };

export type CheckResult = { kind: 'replay' } | (CheckDecision & { total: number });

/** The review a member takes now: its question (undefined for a topic without questions: "still clear?"). */
export interface ReviewPrompt {
  topic: Topic;
  review: Review;
  index?: number;
  shown?: ShownQuestion;
}

export interface ReviewList {
  today: string;
  /** Due today or earlier, oldest first */
  due: PlannedReview[];
  /** The first of them, to take now */
  current?: ReviewPrompt;
  /** When nothing is due: the soonest planned one */
  upcoming?: PlannedReview;
}

export type ReviewResult = { kind: 'replay' } | (ReviewDecision & { today: string });

/** A write decided on a read that another change overtook is decided again, this many times. */
const ATTEMPTS = 4;

/**
 * How long a write that got no answer is waited for before the member is told its outcome is
 * unknown. The router has deferred the interaction by then, and Discord allows 15 minutes.
 */
export const IN_DOUBT_WAIT_MS = 60_000;

const UTC = 'UTC';

/**
 * The learning loop: read the member (one pipeline), decide with the rules in this folder, ask the
 * store to apply the decision (one script that refuses it if the member changed meanwhile, in which
 * case it is decided again on a fresh read). No Discord here.
 */
export class ProgressService {
  constructor(
    private readonly store: ProgressStore,
    private readonly curriculum: Curriculum,
    private readonly clock: Clock,
  ) {}

  async next(m: MemberRef): Promise<{ track: string; topic?: Topic; reviewsDue: number }> {
    const { member, zone } = await this.store.read(m);
    const track = trackOf(this.curriculum, member);
    const today = periodsAt(this.clock.now(), zone ?? UTC).day;
    return { track, topic: pickNext(this.curriculum, track, closedTopics(this.curriculum, member), member.cursor), reviewsDue: dueReviews(this.curriculum, member, today).length };
  }

  /** Marks a topic done; a link to the member's work, when given, must pass readWorkLink or nothing is stored. */
  done(m: MemberRef, topicId: string | null, interactionId: string, link?: string): Promise<Outcome> {
    let url: string | undefined;
    if (link !== undefined) {
      const checked = readWorkLink(link);
      if ('error' in checked) return Promise.reject(new UserError(`${checked.error} Nothing was saved.`));
      url = checked.url;
    }
    return this.mark(m, 'done', topicId, interactionId, url);
  }

  skip(m: MemberRef, topicId: string | null, interactionId: string): Promise<Outcome> {
    return this.mark(m, 'skip', topicId, interactionId);
  }

  async undo(m: MemberRef, interactionId: string): Promise<UndoOutcome> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const read = await this.store.read(m, { interactionId, lastEntry: true });
      if (read.seen) return { kind: 'replay' };
      const entry = read.lastEntry === undefined ? undefined : decodeUndo(read.lastEntry);
      if (!entry) return { kind: 'empty' };
      const result = await this.settle(m, interactionId, () => this.store.applyUndo(m, read.member.version, read.lastEntry!, decideUndo(read.member, entry), interactionId));
      if (result === 'replay') return { kind: 'replay' };
      if (result === 'ok') return { kind: 'ok', action: entry.action, topicId: entry.topicId, topic: this.curriculum.get(entry.topicId), points: entry.points };
    }
    throw busy();
  }

  async setTrack(m: MemberRef, track: string): Promise<void> {
    if (!this.curriculum.track(track)) throw new UserError(`There is no track called \`${echo(track)}\`.`);
    await this.store.setTrack(m, track);
  }

  async progress(m: MemberRef): Promise<ProgressReport> {
    const { member, zone, work } = await this.store.read(m, { work: WORK_SHOWN });
    const periods = periodsAt(this.clock.now(), zone ?? UTC);
    const streak = streakToday(streakOf(member, zone ?? UTC), periods.day);
    const place = await this.store.placeOn(m.guildId, 'week', periods, m.userId);
    const track = trackOf(this.curriculum, member);
    const closed = closedTopics(this.curriculum, member);
    const onTrack = this.curriculum.onTrack(track);
    const modules = this.curriculum.modules
      .map((module) => {
        const topics = module.topics.filter((t) => t.tracks.includes(track));
        return { module, closed: topics.filter((t) => closed.has(t.id)).length, total: topics.length };
      })
      .filter((p) => p.total > 0);
    return {
      track,
      started: closed.size > 0,
      done: onTrack.filter((t) => closed.get(t.id)?.state === 'done').length,
      skipped: onTrack.filter((t) => closed.get(t.id)?.state === 'skip').length,
      total: onTrack.length,
      modules,
      points: member.points,
      bonus: member.bonus,
      streak: streak.streak,
      bestStreak: member.bestStreak,
      freezes: streak.freezes,
      covering: streak.covering,
      reviewsDue: dueReviews(this.curriculum, member, periods.day).length,
      weekRank: place.rank,
      weekPoints: place.points,
      showRank: !place.hidden && !place.off,
      hidden: place.hidden,
      boardsOff: place.off,
      work: work.flatMap((raw) => {
        const entry = decodeWork(raw);
        return entry ? [{ ...entry, title: this.curriculum.get(entry.topicId)?.title ?? entry.topicId }] : [];
      }),
    };
  }

  /**
   * A topic's self-check for the member: the question asked for, or without one the first the
   * member has not answered yet (the first when all are). Only for a topic the member has done.
   */
  async checkQuestion(m: MemberRef, topicId: string, index?: number): Promise<CheckView> {
    const topic = this.curriculum.get(topicId);
    if (!topic || (index !== undefined && !topic.check[index])) return { kind: 'changed', topic: topic ?? unknownTopic(topicId) };
    if (!topic.check.length) return { kind: 'no-questions', topic };
    const asked = index === undefined ? topic.check.map((_, n) => n) : [index];
    const read = await this.store.read(m, { checks: asked.map((n) => checkField(topic.id, n)) });
    if (!isDone(this.curriculum, read.member, topic)) return { kind: 'not-done', topic };
    const at = index ?? Math.max(0, read.checks.findIndex((c) => c === undefined));
    const earlier = read.checks[asked.indexOf(at)] as FirstAnswer | undefined;
    return { kind: 'question', topic, index: at, total: topic.check.length, shown: showQuestion(topic, at)!, earlier };
  }

  /**
   * Grades an answer to a self-check question. The first answer to each question is recorded, with
   * its bonus when right, in one script that also marks the interaction seen: a replay, a second
   * press or another option later earn nothing more.
   */
  async answerCheck(m: MemberRef, answer: { topicId: string; index: number; position: number; tag: string }, interactionId: string): Promise<CheckResult> {
    const topic = this.curriculum.get(answer.topicId);
    if (!topic) return { kind: 'changed', topic: unknownTopic(answer.topicId), total: 0 };
    const field = checkField(topic.id, answer.index);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const read = await this.store.read(m, { interactionId, checks: [field] });
      if (read.seen) return { kind: 'replay' };
      const decision = decideCheckAnswer(this.curriculum, read.member, { topic, index: answer.index, position: answer.position, tag: answer.tag }, read.checks[0]);
      const result = { ...decision, total: topic.check.length };
      if (decision.kind !== 'answered' || !decision.record) return result;
      const { record, bonus } = decision;
      const periods = periodsAt(this.clock.now(), read.zone ?? UTC);
      const written = await this.settle(m, interactionId, () => this.store.applyAnswer(m, read.member.version, { ...record, bonus, periods }, interactionId));
      if (written === 'replay') return { kind: 'replay' };
      if (written === 'ok') return result;
    }
    throw busy();
  }

  /** The member's reviews due today (oldest first) and the first one's question. */
  async reviews(m: MemberRef): Promise<ReviewList> {
    const { member, zone } = await this.store.read(m);
    const today = periodsAt(this.clock.now(), zone ?? UTC).day;
    const planned = plannedReviews(this.curriculum, member);
    const due = planned.filter((p) => p.review.due <= today);
    const first = due[0];
    if (!first) return { today, due, upcoming: planned[0] };
    const index = reviewQuestion(first.topic, first.review);
    return { today, due, current: { topic: first.topic, review: first.review, index, shown: index === undefined ? undefined : showQuestion(first.topic, index) } };
  }

  /**
   * Takes a review: right moves the topic to the next gap (or graduates it), wrong back to the first.
   * Only a review due today counts, once: a second press finds it moved.
   */
  async answerReview(m: MemberRef, answer: { topicId: string } & ({ index: number; position: number; tag: string } | { clear: boolean }), interactionId: string): Promise<ReviewResult> {
    const topic = this.curriculum.get(answer.topicId);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const read = await this.store.read(m, { interactionId });
      if (read.seen) return { kind: 'replay' };
      const today = periodsAt(this.clock.now(), read.zone ?? UTC).day;
      if (!topic) return { kind: 'changed', topic: unknownTopic(answer.topicId), today };
      const decision = decideReview(this.curriculum, read.member, today, { ...answer, topic } as ReviewAnswer);
      if (decision.kind !== 'reviewed') return { ...decision, today };
      const next = decision.next ? encodeReview(decision.next) : '';
      const written = await this.settle(m, interactionId, () => this.store.applyReview(m, read.member.version, decision.field, next, interactionId));
      if (written === 'replay') return { kind: 'replay' };
      if (written === 'ok') return { ...decision, today };
    }
    throw busy();
  }

  async leaderboard(guildId: string, period: PeriodName, userId: string, top = 10) {
    const periods = periodsAt(this.clock.now(), (await this.store.zone(guildId)) ?? UTC);
    const board = await this.store.board(guildId, period, periods, userId, top);
    if (board.off) throw new UserError(BOARDS_OFF);
    const label = period === 'week' ? periods.week : period === 'month' ? periods.month : 'all time';
    return { ...board, period, label };
  }

  /** Resolves a topic a member named; unknown ids are a friendly error, never a stored state. */
  topic(id: string): Topic {
    const topic = this.curriculum.get(id.trim().toLowerCase());
    if (!topic) throw new UserError(`I don't know a topic called \`${echo(id, 100)}\`. Start typing and pick one from the list.`);
    return topic;
  }

  /**
   * Runs a learning write. If it got no answer (Redis stalled, or the connection dropped with the
   * write in flight), it waits for the truth: the script marks the interaction as seen together with
   * the change, so seen means applied ('ok') and not seen means nothing was written ('stale': decide
   * again on a fresh read). If Redis stays silent, the doubt goes to the router, which never says
   * "nothing was changed".
   */
  private async settle(m: MemberRef, interactionId: string, write: () => Promise<WriteResult>): Promise<WriteResult> {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof WriteInDoubtError)) throw error;
      const applied = await this.store.applied(m, interactionId, IN_DOUBT_WAIT_MS);
      if (applied === undefined) throw error;
      return applied ? 'ok' : 'stale';
    }
  }

  private async mark(m: MemberRef, action: 'done' | 'skip', topicId: string | null, interactionId: string, link?: string): Promise<Outcome> {
    const named = topicId ? this.topic(topicId) : undefined;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      // No "seen" check in the read: the write checks it anyway (and answers 'replay'), and the
      // read stays one command shorter on the busiest path.
      const read = await this.store.read(m);
      const now = this.clock.now();
      const zone = read.zone ?? UTC;
      const decision = decideMark(this.curriculum, read.member, { action, topic: named, now, periods: periodsAt(now, zone), zone, link });
      switch (decision.kind) {
        case 'off-track':
          throw offTrack(this.curriculum, decision.topic);
        case 'finished':
        case 'already':
          return decision;
      }
      const result = await this.settle(m, interactionId, () => this.store.applyMark(m, read.member.version, decision.change, interactionId));
      if (result === 'replay') return { kind: 'replay' };
      if (result === 'ok') {
        const { change } = decision;
        return {
          kind: 'recorded',
          action,
          topic: decision.topic,
          next: decision.next,
          points: change.points,
          gained: change.gained,
          streak: change.streak,
          bestStreak: change.bestStreak,
          usedFreeze: change.usedFreeze,
          earnedFreeze: change.earnedFreeze,
          ...(change.work ? { link } : {}),
          hidden: read.hidden,
        };
      }
    }
    throw busy();
  }
}

const isDone = (curriculum: Curriculum, member: MemberState, topic: Topic) => closedTopics(curriculum, member).get(topic.id)?.state === 'done';

/** A topic a button names that the curriculum no longer has: only its id is known. */
const unknownTopic = (id: string): Topic => ({ id, title: id, moduleId: '', kind: 'lesson', order: 0, minutes: 0, points: 0, requires: [], tracks: [], aliases: [], summary: '', objectives: [], resources: [], practice: '', prompt: '', check: [] });

function offTrack(curriculum: Curriculum, topic: Topic): UserError {
  const tracks = topic.tracks.map((t) => curriculum.track(t)?.title ?? t).join(' or ');
  return new UserError(`**${topic.title}** belongs to the ${tracks} track, which is not yours. Switch with \`/track\` if you want to study it.`);
}

/** Every attempt was overtaken by another change to the same member: nothing of this one was written. */
const busy = () => new UserError('Your progress changed at the same moment from somewhere else, so I did not save this. Run the command again.');
