import type { Clock } from '../clock.js';
import type { Curriculum } from '../curriculum/curriculum.js';
import type { Module, Topic } from '../curriculum/types.js';
import { UserError } from '../errors.js';
import { echo } from '../text.js';
import type { MemberRef, ProgressStore } from '../store/progress-store.js';
import { liveStreak, periodsAt, type PeriodName } from './periods.js';

export type Outcome =
  | { kind: 'recorded'; action: 'done' | 'skip'; topic: Topic; next?: Topic; points: number; gained: number; streak: number; bestStreak: number }
  | { kind: 'already'; topic: Topic; state: 'done' | 'skip' }
  | { kind: 'finished' }
  | { kind: 'replay' };

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

/** The learning rules: next topic, done / skip / undo, progress and boards. No Discord here. */
export class ProgressService {
  constructor(
    private readonly store: ProgressStore,
    private readonly curriculum: Curriculum,
    private readonly clock: Clock,
    /** The IANA zone a guild counts its days in: its study group's, else UTC. */
    private readonly zoneOf: (guildId: string) => string | Promise<string> = () => 'UTC',
  ) {}

  async next(m: MemberRef): Promise<{ track: string; topic?: Topic }> {
    const { track, topicId } = await this.store.next(m, this.curriculum.defaultTrack, this.curriculum.scriptOrders);
    return { track, topic: topicId ? this.curriculum.get(topicId) : undefined };
  }

  done(m: MemberRef, topicId: string | null, interactionId: string): Promise<Outcome> {
    return this.record(m, 'done', topicId, interactionId);
  }

  skip(m: MemberRef, topicId: string | null, interactionId: string): Promise<Outcome> {
    return this.record(m, 'skip', topicId, interactionId);
  }

  async undo(m: MemberRef, interactionId: string) {
    const reply = await this.store.undo(m, interactionId);
    if (reply.kind !== 'ok') return reply;
    return { ...reply, topic: this.curriculum.get(reply.topicId) };
  }

  async setTrack(m: MemberRef, track: string): Promise<void> {
    if (!this.curriculum.track(track)) throw new UserError(`There is no track called \`${track}\`.`);
    await this.store.setTrack(m, track);
  }

  async progress(m: MemberRef): Promise<ProgressReport> {
    const periods = periodsAt(this.clock.now(), await this.zoneOf(m.guildId));
    const { state, weekRank, weekPoints } = await this.store.member(m, periods.week);
    const track = state.track ?? this.curriculum.defaultTrack;
    const stateOf = (topic: Topic) => [topic.id, ...topic.aliases].map((id) => state.topics.get(id)).find(Boolean);
    const onTrack = this.curriculum.onTrack(track);
    const modules = this.curriculum.modules
      .map((module) => {
        const topics = module.topics.filter((t) => t.tracks.includes(track));
        return { module, closed: topics.filter((t) => stateOf(t)).length, total: topics.length };
      })
      .filter((p) => p.total > 0);
    return {
      track,
      started: state.topics.size > 0,
      done: onTrack.filter((t) => stateOf(t) === 'done').length,
      skipped: onTrack.filter((t) => stateOf(t) === 'skip').length,
      total: onTrack.length,
      modules,
      points: state.points,
      streak: liveStreak(state.streak, state.lastDay, periods),
      bestStreak: state.bestStreak,
      weekRank,
      weekPoints,
    };
  }

  async leaderboard(guildId: string, period: PeriodName, userId: string, top = 10) {
    const periods = periodsAt(this.clock.now(), await this.zoneOf(guildId));
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

  private async record(m: MemberRef, action: 'done' | 'skip', topicId: string | null, interactionId: string): Promise<Outcome> {
    const named = topicId ? this.topic(topicId) : undefined;
    const now = this.clock.now();
    const reply = await this.store.record(
      m,
      action,
      named?.id,
      { now, periods: periodsAt(now, await this.zoneOf(m.guildId)) },
      interactionId,
      this.curriculum.defaultTrack,
      this.curriculum.scriptOrders,
    );
    switch (reply.kind) {
      case 'ok':
        return {
          kind: 'recorded',
          action,
          topic: this.curriculum.get(reply.topicId)!,
          next: reply.nextId ? this.curriculum.get(reply.nextId) : undefined,
          points: reply.points,
          gained: reply.gained,
          streak: reply.streak,
          bestStreak: reply.bestStreak,
        };
      case 'already':
        return { kind: 'already', topic: this.curriculum.get(reply.topicId)!, state: reply.state };
      case 'off-track': {
        const topic = this.curriculum.get(reply.topicId)!;
        const tracks = topic.tracks.map((t) => this.curriculum.track(t)?.title ?? t).join(' or ');
        throw new UserError(`**${topic.title}** belongs to the ${tracks} track, which is not yours. Switch with \`/track\` if you want to study it.`);
      }
      default:
        return reply;
    }
  }
}
