import type { Curriculum } from '../curriculum/curriculum.js';
import { dayAt } from './periods.js';
import type { Streak } from './streak.js';

export type TopicState = 'done' | 'skip';

/** What Redis holds about a member, as plain data: the input of every learning rule. */
export interface MemberState {
  /** Bumped by every change, so a write decided on an older read is refused and decided again. */
  version: number;
  track?: string;
  points: number;
  streak: number;
  bestStreak: number;
  /** The group's local day of the last done, 2026-11-23 */
  lastDay?: string;
  /**
   * When the streak was last extended (ms). The rules read the last study day from it in the group's
   * current zone, so a zone change mid-streak neither breaks the streak nor counts a day twice;
   * members from before it was stored fall back to lastDay.
   */
  lastAt?: number;
  /** Streak freezes held (0 to 2, see streak.ts) */
  freezes: number;
  /** Points from self-checks (already part of `points`) */
  bonus: number;
  /** The topic the member was shown as next; it stays their next topic until they close it. */
  cursor?: string;
  /** Stored field (a topic id, or an old id of it) -> "done:<ms>" | "skip:<ms>" */
  topics: Record<string, string>;
  /** Topic id -> its pending review, "<stage>:<due day>" (see review.ts) */
  reviews: Record<string, string>;
}

export interface ClosedTopic {
  state: TopicState;
  /** The field it is stored under: the current id, or an old id (alias) from before a rename. */
  field: string;
  value: string;
}

export const emptyMember = (): MemberState => ({ version: 0, points: 0, streak: 0, bestStreak: 0, freezes: 0, bonus: 0, topics: {}, reviews: {} });

export const stateOf = (value: string): TopicState => (value.startsWith('done:') ? 'done' : 'skip');

/** The member's closed topics by current id: progress stored under an old id still counts. */
export function closedTopics(curriculum: Curriculum, member: MemberState): Map<string, ClosedTopic> {
  const closed = new Map<string, ClosedTopic>();
  for (const [field, value] of Object.entries(member.topics)) {
    const id = curriculum.get(field)?.id ?? field;
    // A topic stored under both its old and its new id counts once, under the current one.
    if (closed.has(id) && field !== id) continue;
    closed.set(id, { state: stateOf(value), field, value });
  }
  return closed;
}

/** The member's streak as the rules read it: the last study day seen in the group's zone today. */
export function streakOf(member: MemberState, zone: string): Streak {
  const lastDay = member.lastAt !== undefined ? dayAt(member.lastAt, zone) : member.lastDay;
  return { streak: member.streak, bestStreak: member.bestStreak, freezes: member.freezes, lastDay };
}

export const trackOf = (curriculum: Curriculum, member: MemberState): string => member.track ?? curriculum.defaultTrack;
