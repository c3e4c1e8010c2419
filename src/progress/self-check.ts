import type { Question } from '../curriculum/schema.js';
import type { Topic } from '../curriculum/types.js';
import { closedTopics, type MemberState } from './member-state.js';
import type { Curriculum } from '../curriculum/curriculum.js';

/**
 * Self-checks: after a done, the topic's questions one at a time, options as buttons. The first
 * answer a member gives to a question is recorded (right or wrong); when it is right it earns
 * CHECK_BONUS points, once per question and member, whatever is pressed or replayed later.
 * Reviews ask the same questions but only reschedule: they earn nothing.
 */
export const CHECK_BONUS = 2;

/** 32-bit FNV-1a: a small, stable hash for seeds and tags (not for security). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic generator (mulberry32) seeded by a text. */
function random(seed: string): () => number {
  let a = fnv1a(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An index in [0, n) chosen by a seed: the same seed, the same index. */
export const seededIndex = (seed: string, n: number): number => Math.floor(random(seed)() * n);

export interface ShownQuestion {
  question: Question;
  /** The options in the order the buttons show them */
  options: string[];
  /** The position of the right answer among them */
  right: number;
  /** Three characters that change when the question's text or options change (see questionTag) */
  tag: string;
}

/**
 * A question with its options shuffled, seeded by the topic and the question's index: every showing
 * of the same question puts the options in the same order, so a button's position names an option
 * whenever it is pressed.
 */
export function showQuestion(topic: Topic, index: number): ShownQuestion | undefined {
  const question = topic.check[index];
  if (!question) return undefined;
  const order = [question.answer, ...question.wrong].map((text, original) => ({ text, original }));
  const next = random(`${topic.id}#${index}`);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { question, options: order.map((o) => o.text), right: order.findIndex((o) => o.original === 0), tag: questionTag(question) };
}

/**
 * Names a question's wording in three characters of [a-z0-9]. An answer button carries it, so a
 * press on a question the curriculum has changed since it was shown is recognised, never graded
 * against options the member did not see.
 */
export function questionTag(q: Question): string {
  return (fnv1a([q.question, q.answer, ...q.wrong].join('\n')) % 36 ** 3).toString(36).padStart(3, '0');
}

/** The field of the member's checks hash that records their first answer to a question. */
export const checkField = (topicId: string, index: number): string => `${topicId}:${index}`;

/** What the checks hash stores for a first answer: right ('1') or wrong ('0'). */
export type FirstAnswer = '1' | '0';

export type CheckDecision =
  /** The member has not finished the topic (never, or reopened it with /undo): nothing to check */
  | { kind: 'not-done'; topic: Topic }
  /** The question is no longer the one the button was made for */
  | { kind: 'changed'; topic: Topic }
  | {
      kind: 'answered';
      topic: Topic;
      index: number;
      shown: ShownQuestion;
      chosen: number;
      right: boolean;
      /** The member's first answer to this question, as recorded before this one (undefined: this is it) */
      earlier?: FirstAnswer;
      /** Points this answer earns (CHECK_BONUS for a first answer that is right, else 0) */
      bonus: number;
      /** What to record: set only for the first answer */
      record?: { field: string; value: FirstAnswer };
    };

/** Checks a self-check answer: is it right, is it the first, what does it earn. */
export function decideCheckAnswer(
  curriculum: Curriculum,
  member: MemberState,
  answer: { topic: Topic; index: number; position: number; tag: string },
  earlier: string | undefined,
): CheckDecision {
  const { topic, index, position, tag } = answer;
  if (closedTopics(curriculum, member).get(topic.id)?.state !== 'done') return { kind: 'not-done', topic };
  const shown = showQuestion(topic, index);
  if (!shown || shown.tag !== tag || position >= shown.options.length) return { kind: 'changed', topic };
  const right = position === shown.right;
  const first = earlier !== '1' && earlier !== '0';
  return {
    kind: 'answered',
    topic,
    index,
    shown,
    chosen: position,
    right,
    earlier: first ? undefined : (earlier as FirstAnswer),
    bonus: first && right ? CHECK_BONUS : 0,
    record: first ? { field: checkField(topic.id, index), value: right ? '1' : '0' } : undefined,
  };
}
