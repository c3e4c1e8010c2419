import type { Curriculum } from '../curriculum/curriculum.js';
import type { Topic } from '../curriculum/types.js';
import { closedTopics, trackOf, type MemberState, type TopicState } from './member-state.js';
import { pickNext } from './next-topic.js';
import type { Periods } from './periods.js';
import { extendStreak } from './streak.js';
import type { UndoEntry } from './undo-entry.js';

/**
 * What a done or skip changes, decided from the member's state: the store applies it atomically
 * (and refuses it if the member changed since the read). Undefined fields are deleted.
 */
export interface MarkChange {
  topicId: string;
  value: string;
  /** An old field the topic was stored under, replaced by the current id */
  dropField?: string;
  points: number;
  streak: number;
  bestStreak: number;
  lastDay?: string;
  cursor?: string;
  /** Points added to the boards (0: the boards do not change) */
  gained: number;
  undo: UndoEntry;
}

export type MarkDecision =
  | { kind: 'finished' }
  | { kind: 'off-track'; topic: Topic }
  | { kind: 'already'; topic: Topic; state: TopicState }
  | { kind: 'apply'; topic: Topic; next?: Topic; change: MarkChange };

export interface MarkInput {
  action: 'done' | 'skip';
  /** A topic the member named (current id), or undefined for their next one */
  topic?: Topic;
  now: number;
  periods: Periods;
}

/** Marking a topic done or skipped: points, streak, the next topic and how to undo it. */
export function decideMark(curriculum: Curriculum, member: MemberState, input: MarkInput): MarkDecision {
  const track = trackOf(curriculum, member);
  const closed = closedTopics(curriculum, member);
  const topic = input.topic ?? pickNext(curriculum, track, closed, member.cursor);
  if (!topic) return { kind: 'finished' };
  if (!topic.tracks.includes(track)) return { kind: 'off-track', topic };
  const previous = closed.get(topic.id);
  if (previous && (previous.state === 'done' || input.action === 'skip')) return { kind: 'already', topic, state: previous.state };

  const value = `${input.action}:${input.now}`;
  const after = new Map(closed).set(topic.id, { state: input.action, field: topic.id, value });
  const next = pickNext(curriculum, track, after, member.cursor);
  const gained = input.action === 'done' ? topic.points : 0;
  const streak = input.action === 'done' ? extendStreak(member, input.periods) : member;
  return {
    kind: 'apply',
    topic,
    next,
    change: {
      topicId: topic.id,
      value,
      dropField: previous && previous.field !== topic.id ? previous.field : undefined,
      points: member.points + gained,
      streak: streak.streak,
      bestStreak: streak.bestStreak,
      lastDay: streak.lastDay,
      cursor: next?.id,
      gained,
      undo: {
        action: input.action,
        topicId: topic.id,
        previous: { field: previous?.field ?? '', value: previous?.value ?? '' },
        points: gained,
        before: { streak: member.streak, bestStreak: member.bestStreak, lastDay: member.lastDay ?? '', cursor: member.cursor ?? '' },
        week: input.periods.week,
        month: input.periods.month,
        at: input.now,
      },
    },
  };
}

/** What taking back the last done or skip restores; the entry says everything it changed. */
export interface UndoChange {
  /** The topic's field to remove, and the state to put back (when it was skipped before a done) */
  dropField: string;
  restore?: { field: string; value: string };
  points: number;
  streak: number;
  bestStreak: number;
  lastDay?: string;
  cursor?: string;
  /** Points to take back from the boards of the entry's week and month (0: none) */
  taken: number;
  week: string;
  month: string;
}

export function decideUndo(member: MemberState, entry: UndoEntry): UndoChange {
  const done = entry.action === 'done';
  const blank = (text: string) => text || undefined;
  return {
    dropField: entry.topicId,
    restore: entry.previous.field ? entry.previous : undefined,
    points: member.points - entry.points,
    streak: done ? entry.before.streak : member.streak,
    bestStreak: done ? entry.before.bestStreak : member.bestStreak,
    lastDay: done ? blank(entry.before.lastDay) : member.lastDay,
    cursor: blank(entry.before.cursor),
    taken: entry.points,
    week: entry.week,
    month: entry.month,
  };
}
