import type { Curriculum } from '../curriculum/curriculum.js';
import type { Topic } from '../curriculum/types.js';
import { closedTopics, streakOf, trackOf, type MemberState, type TopicState } from './member-state.js';
import { encodeWork } from './evidence.js';
import { pickNext } from './next-topic.js';
import type { Periods } from './periods.js';
import { encodeReview, firstReview } from './review.js';
import { extendStreak } from './streak.js';
import type { UndoEntry } from './undo-entry.js';

/** The member hash's fields a done, a skip or an undo writes (undefined fields are deleted). */
export type MemberWrite = Pick<MemberState, 'points' | 'streak' | 'bestStreak' | 'lastDay' | 'lastAt' | 'freezes' | 'cursor'>;

/**
 * What a done or skip changes, decided from the member's state: the store applies it atomically
 * (and refuses it if the member changed since the read). Undefined fields are deleted.
 */
export interface MarkChange extends MemberWrite {
  topicId: string;
  value: string;
  /** An old field the topic was stored under, replaced by the current id */
  dropField?: string;
  /** A freeze covered the day missed before this done / this done earned one */
  usedFreeze: boolean;
  earnedFreeze: boolean;
  /** The topic's review: the first one for a done, none for a skip (skipped topics are never due) */
  review?: string;
  /** Points added to the boards (0: the boards do not change) */
  gained: number;
  /** The work entry this done adds to the member's list (encoded, evidence.ts), when they gave a link */
  work?: string;
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
  /** The group's IANA zone the periods were read in */
  zone: string;
  /** A link to the member's work, already checked (evidence.ts): kept with a done, never with a skip */
  link?: string;
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
  const before = streakOf(member, input.zone);
  const step = input.action === 'done' ? extendStreak(before, input.periods.day) : undefined;
  // A done that extends the streak records the day and the instant; a later one that day changes nothing.
  const studied = step && step.lastDay !== before.lastDay ? step.lastDay : undefined;
  const work = input.action === 'done' && input.link ? encodeWork({ topicId: topic.id, url: input.link, at: input.now }) : undefined;
  return {
    kind: 'apply',
    topic,
    next,
    change: {
      topicId: topic.id,
      value,
      dropField: previous && previous.field !== topic.id ? previous.field : undefined,
      points: member.points + gained,
      streak: step?.streak ?? member.streak,
      bestStreak: step?.bestStreak ?? member.bestStreak,
      lastDay: studied ?? member.lastDay,
      lastAt: studied ? input.now : member.lastAt,
      freezes: step?.freezes ?? member.freezes,
      usedFreeze: step?.usedFreeze ?? false,
      earnedFreeze: step?.earnedFreeze ?? false,
      cursor: next?.id,
      review: input.action === 'done' ? encodeReview(firstReview(input.periods.day)) : undefined,
      gained,
      work,
      undo: {
        action: input.action,
        topicId: topic.id,
        previous: { field: previous?.field ?? '', value: previous?.value ?? '' },
        points: gained,
        before: { streak: member.streak, bestStreak: member.bestStreak, lastDay: member.lastDay ?? '', cursor: member.cursor ?? '', freezes: member.freezes, lastAt: member.lastAt },
        review: member.reviews[topic.id] ?? '',
        week: input.periods.week,
        month: input.periods.month,
        at: input.now,
        ...(work ? { work } : {}),
      },
    },
  };
}

/** What taking back the last done or skip restores; the entry says everything it changed. */
export interface UndoChange extends MemberWrite {
  /** The topic's field to remove, and the state to put back (when it was skipped before a done) */
  dropField: string;
  restore?: { field: string; value: string };
  /** The topic's review to put back (undefined: none) */
  review?: string;
  /** Points to take back from the boards of the entry's week and month (0: none) */
  taken: number;
  /** The work entry the done added, to remove from the member's list */
  work?: string;
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
    lastAt: done ? entry.before.lastAt : member.lastAt,
    freezes: done ? (entry.before.freezes ?? member.freezes) : member.freezes,
    cursor: blank(entry.before.cursor),
    review: blank(entry.review),
    taken: entry.points,
    work: entry.work,
    week: entry.week,
    month: entry.month,
  };
}
