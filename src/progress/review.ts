import type { Curriculum } from '../curriculum/curriculum.js';
import type { Topic } from '../curriculum/types.js';
import { closedTopics, type MemberState } from './member-state.js';
import { addDays } from './periods.js';
import { seededIndex, showQuestion, type ShownQuestion } from './self-check.js';

/**
 * Spaced review: a topic marked done comes back after 1 local day, then 7, then 30 (counted from
 * the day it was last reviewed). A right review moves it to the next gap (after the 30-day one it
 * graduates: no more reviews); a wrong one sends it back to the first gap. A review not taken on
 * its day stays due (overdue) until it is taken: nothing is lost while the bot or the member is away.
 */
export const REVIEW_GAPS = [1, 7, 30] as const;

/** One pending review: which gap it is on (index into REVIEW_GAPS) and the local day it falls due. */
export interface Review {
  stage: number;
  due: string;
}

/** Stored as "<stage>:<due day>" in the member's reviews hash, under the topic's id. */
export const encodeReview = (r: Review): string => `${r.stage}:${r.due}`;

export function parseReview(value: string | undefined): Review | undefined {
  const match = value === undefined ? null : /^(\d):(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (!match) return undefined;
  const stage = Number(match[1]);
  return stage < REVIEW_GAPS.length ? { stage, due: match[2]! } : undefined;
}

/** The review a done plans: the first gap, counted from the day of the done. */
export const firstReview = (doneDay: string): Review => ({ stage: 0, due: addDays(doneDay, REVIEW_GAPS[0]) });

/** After a review taken today: the next gap when right (undefined: graduated), the first when wrong. */
export function afterReview(review: Review, right: boolean, today: string): Review | undefined {
  if (!right) return firstReview(today);
  const stage = review.stage + 1;
  return stage < REVIEW_GAPS.length ? { stage, due: addDays(today, REVIEW_GAPS[stage]!) } : undefined;
}

export interface PlannedReview {
  topic: Topic;
  /** The field it is stored under (the topic's id when the done was marked) */
  field: string;
  review: Review;
}

/**
 * The member's reviews, soonest due first (then in curriculum order). Only topics the member has
 * done count: a topic skipped, reopened or gone from the curriculum is never due, whatever is stored.
 */
export function plannedReviews(curriculum: Curriculum, member: MemberState): PlannedReview[] {
  const closed = closedTopics(curriculum, member);
  const planned: PlannedReview[] = [];
  const seen = new Set<string>();
  for (const [field, value] of Object.entries(member.reviews)) {
    const topic = curriculum.get(field);
    const review = parseReview(value);
    if (!topic || !review || seen.has(topic.id) || closed.get(topic.id)?.state !== 'done') continue;
    seen.add(topic.id);
    planned.push({ topic, field, review });
  }
  return planned.sort((a, b) => a.review.due.localeCompare(b.review.due) || a.topic.order - b.topic.order);
}

/** Reviews due today or earlier (overdue ones first). */
export const dueReviews = (curriculum: Curriculum, member: MemberState, today: string): PlannedReview[] =>
  plannedReviews(curriculum, member).filter((p) => p.review.due <= today);

/**
 * The question a review asks: one of the topic's self-check questions, chosen by the review's due
 * day, so every showing of the same review asks the same question and the next review likely
 * another. Undefined for a topic without questions (the member is asked "still clear?").
 */
export function reviewQuestion(topic: Topic, review: Review): number | undefined {
  return topic.check.length ? seededIndex(`${topic.id}@${review.due}`, topic.check.length) : undefined;
}

/** A member's answer to a review: a question's option by its position, or "still clear?" for a topic without questions. */
export type ReviewAnswer = { topic: Topic } & ({ index: number; position: number; tag: string } | { clear: boolean });

export type ReviewDecision =
  | { kind: 'not-done'; topic: Topic }
  /** Done, with no review left (it graduated, or was done before reviews existed) */
  | { kind: 'graduated'; topic: Topic }
  /** Reviewed already: the next review is later */
  | { kind: 'not-due'; topic: Topic; review: Review }
  /** The question is no longer the one the button was made for */
  | { kind: 'changed'; topic: Topic }
  | {
      kind: 'reviewed';
      topic: Topic;
      field: string;
      right: boolean;
      /** The question asked, as shown, and the option chosen (none for "still clear?") */
      index?: number;
      shown?: ShownQuestion;
      chosen?: number;
      /** The next review; undefined: graduated */
      next?: Review;
      /** Reviews still due after this one */
      remaining: number;
    };

/** Grades a review answer against the review that is due today and decides the next one. */
export function decideReview(curriculum: Curriculum, member: MemberState, today: string, answer: ReviewAnswer): ReviewDecision {
  const { topic } = answer;
  if (closedTopics(curriculum, member).get(topic.id)?.state !== 'done') return { kind: 'not-done', topic };
  const planned = plannedReviews(curriculum, member);
  const mine = planned.find((p) => p.topic.id === topic.id);
  if (!mine) return { kind: 'graduated', topic };
  if (mine.review.due > today) return { kind: 'not-due', topic, review: mine.review };
  const remaining = planned.filter((p) => p.review.due <= today).length - 1;
  const asked = reviewQuestion(topic, mine.review);
  let right: boolean;
  let shown: ShownQuestion | undefined;
  let chosen: number | undefined;
  if ('clear' in answer) {
    if (asked !== undefined) return { kind: 'changed', topic };
    right = answer.clear;
  } else {
    shown = asked === answer.index ? showQuestion(topic, asked) : undefined;
    if (!shown || shown.tag !== answer.tag || answer.position >= shown.options.length) return { kind: 'changed', topic };
    chosen = answer.position;
    right = chosen === shown.right;
  }
  return { kind: 'reviewed', topic, field: mine.field, right, index: asked, shown, chosen, next: afterReview(mine.review, right, today), remaining };
}
