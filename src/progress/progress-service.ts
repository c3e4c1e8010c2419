import type { Clock } from '../clock.js';
import type { Curriculum } from '../curriculum/curriculum.js';
import type { Module, Topic } from '../curriculum/types.js';
import { UserError, WriteInDoubtError } from '../errors.js';
import { echo } from '../text.js';
import type { MemberRef, ProgressStore, WriteResult } from '../store/progress-store.js';
import { closedTopics, trackOf } from './member-state.js';
import { pickNext } from './next-topic.js';
import { periodsAt, type PeriodName } from './periods.js';
import { decideMark, decideUndo } from './rules.js';
import { liveStreak } from './streak.js';
import { decodeUndo } from './undo-entry.js';

export type Outcome =
  | { kind: 'recorded'; action: 'done' | 'skip'; topic: Topic; next?: Topic; points: number; gained: number; streak: number; bestStreak: number }
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
  streak: number;
  bestStreak: number;
  weekRank: number | null;
  weekPoints: number;
}

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

  async next(m: MemberRef): Promise<{ track: string; topic?: Topic }> {
    const { member } = await this.store.read(m);
    const track = trackOf(this.curriculum, member);
    return { track, topic: pickNext(this.curriculum, track, closedTopics(this.curriculum, member), member.cursor) };
  }

  done(m: MemberRef, topicId: string | null, interactionId: string): Promise<Outcome> {
    return this.mark(m, 'done', topicId, interactionId);
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
    const { member, zone } = await this.store.read(m);
    const periods = periodsAt(this.clock.now(), zone ?? UTC);
    const { rank: weekRank, points: weekPoints } = await this.store.placeOn(m.guildId, 'week', periods, m.userId);
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
      streak: liveStreak(member.streak, member.lastDay, periods),
      bestStreak: member.bestStreak,
      weekRank,
      weekPoints,
    };
  }

  async leaderboard(guildId: string, period: PeriodName, userId: string, top = 10) {
    const periods = periodsAt(this.clock.now(), (await this.store.zone(guildId)) ?? UTC);
    const board = await this.store.board(guildId, period, periods, userId, top);
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

  private async mark(m: MemberRef, action: 'done' | 'skip', topicId: string | null, interactionId: string): Promise<Outcome> {
    const named = topicId ? this.topic(topicId) : undefined;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const read = await this.store.read(m, { interactionId });
      if (read.seen) return { kind: 'replay' };
      const now = this.clock.now();
      const decision = decideMark(this.curriculum, read.member, { action, topic: named, now, periods: periodsAt(now, read.zone ?? UTC) });
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
        return { kind: 'recorded', action, topic: decision.topic, next: decision.next, points: change.points, gained: change.gained, streak: change.streak, bestStreak: change.bestStreak };
      }
    }
    throw busy();
  }
}

function offTrack(curriculum: Curriculum, topic: Topic): UserError {
  const tracks = topic.tracks.map((t) => curriculum.track(t)?.title ?? t).join(' or ');
  return new UserError(`**${topic.title}** belongs to the ${tracks} track, which is not yours. Switch with \`/track\` if you want to study it.`);
}

/** Every attempt was overtaken by another change to the same member: nothing of this one was written. */
const busy = () => new UserError('Your progress changed at the same moment from somewhere else, so I did not save this. Run the command again.');
