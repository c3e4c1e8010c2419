import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCurriculum } from '../../src/curriculum/load.js';
import { emptyMember, type MemberState } from '../../src/progress/member-state.js';
import { addDays, daysBetween } from '../../src/progress/periods.js';
import { afterReview, decideReview, dueReviews, encodeReview, firstReview, parseReview, REVIEW_GAPS, reviewQuestion } from '../../src/progress/review.js';
import { showQuestion } from '../../src/progress/self-check.js';
import { SMALL_CURRICULUM } from '../support/services.js';

const real = loadCurriculum('./curriculum');
const small = loadCurriculum(SMALL_CURRICULUM);
const member = (topics: Record<string, string>, reviews: Record<string, string>): MemberState => ({ ...emptyMember(), topics, reviews });
const RUNS = 1_000;

describe('review intervals', () => {
  it('plan the first review for the next local day', () => {
    expect(firstReview('2026-11-23')).toEqual({ stage: 0, due: '2026-11-24' });
    expect(firstReview('2026-12-31')).toEqual({ stage: 0, due: '2027-01-01' });
  });

  it('move a right review to 7 days, then 30, then graduate it', () => {
    const second = afterReview({ stage: 0, due: '2026-11-24' }, true, '2026-11-24');
    expect(second).toEqual({ stage: 1, due: '2026-12-01' });
    const third = afterReview(second!, true, '2026-12-01');
    expect(third).toEqual({ stage: 2, due: '2026-12-31' });
    expect(afterReview(third!, true, '2026-12-31')).toBeUndefined();
  });

  it('send a wrong review back to the first gap, counted from the day it was taken', () => {
    expect(afterReview({ stage: 2, due: '2026-12-31' }, false, '2027-01-03')).toEqual({ stage: 0, due: '2027-01-04' });
  });

  it('are stored as stage and day, and anything else is ignored', () => {
    expect(parseReview(encodeReview({ stage: 1, due: '2026-12-01' }))).toEqual({ stage: 1, due: '2026-12-01' });
    for (const bad of [undefined, '', '3:2026-12-01', '1:tomorrow', 'x']) expect(parseReview(bad)).toBeUndefined();
  });

  it(`a review taken on any day is next due exactly its gap later, right or wrong (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(fc.record({ right: fc.boolean(), late: fc.nat(40) }), { maxLength: 12 }), (answers) => {
        let review = firstReview('2026-11-23');
        let rightInARow = 0;
        for (const { right, late } of answers) {
          const today = addDays(review.due, late); // taken on its day, or days late (the bot was down)
          const next = afterReview(review, right, today);
          rightInARow = right ? rightInARow + 1 : 0;
          if (!next) {
            expect(review.stage).toBe(REVIEW_GAPS.length - 1);
            expect(right).toBe(true);
            return;
          }
          expect(next.stage).toBe(right ? review.stage + 1 : 0);
          expect(daysBetween(today, next.due)).toBe(REVIEW_GAPS[next.stage]);
          expect(next.stage).toBeLessThanOrEqual(rightInARow);
          review = next;
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('reviews due', () => {
  const m = member(
    { 'http-basics': 'done:1', dns: 'done:2', browsers: 'done:3', 'terminal-basics': 'skip:4', 'gone-topic': 'done:5' },
    { dns: '0:2026-11-20', 'http-basics': '1:2026-11-23', browsers: '0:2026-11-30', 'terminal-basics': '0:2026-11-01', 'gone-topic': '0:2026-11-01' },
  );

  it('are those due today or earlier, oldest first: a review missed while the bot was down stays due', () => {
    expect(dueReviews(real, m, '2026-11-23').map((d) => [d.topic.id, d.review.due])).toEqual([
      ['dns', '2026-11-20'],
      ['http-basics', '2026-11-23'],
    ]);
  });

  it('never include a skipped topic or one the curriculum no longer has, whatever is stored', () => {
    const ids = dueReviews(real, m, '2027-01-01').map((d) => d.topic.id);
    expect(ids).not.toContain('terminal-basics');
    expect(ids).toEqual(['dns', 'http-basics', 'browsers']);
  });
});

describe('deciding a review', () => {
  const today = '2026-11-24';
  const topic = real.get('http-basics')!;
  const due = member({ 'http-basics': 'done:1' }, { 'http-basics': '0:2026-11-24' });
  const asked = reviewQuestion(topic, { stage: 0, due: '2026-11-24' })!;
  const shown = showQuestion(topic, asked)!;

  it('grades the question the review asks and moves the topic on', () => {
    expect(decideReview(real, due, today, { topic, index: asked, position: shown.right, tag: shown.tag })).toMatchObject({ kind: 'reviewed', right: true, next: { stage: 1, due: '2026-12-01' }, remaining: 0 });
    const wrong = (shown.right + 1) % shown.options.length;
    expect(decideReview(real, due, today, { topic, index: asked, position: wrong, tag: shown.tag })).toMatchObject({ kind: 'reviewed', right: false, next: { stage: 0, due: '2026-11-25' } });
  });

  it('refuses an answer to another question, a changed one, or “still clear?” on a topic with questions', () => {
    const other = (asked + 1) % topic.check.length;
    expect(decideReview(real, due, today, { topic, index: other, position: 0, tag: showQuestion(topic, other)!.tag })).toMatchObject({ kind: 'changed' });
    expect(decideReview(real, due, today, { topic, index: asked, position: 0, tag: 'zzz' })).toMatchObject({ kind: 'changed' });
    expect(decideReview(real, due, today, { topic, clear: true })).toMatchObject({ kind: 'changed' });
  });

  it('says not due once taken, graduated without a review, not done for a topic not (or no longer) done', () => {
    expect(decideReview(real, member({ 'http-basics': 'done:1' }, { 'http-basics': '1:2026-12-01' }), today, { topic, clear: true })).toMatchObject({ kind: 'not-due', review: { due: '2026-12-01' } });
    expect(decideReview(real, member({ 'http-basics': 'done:1' }, {}), today, { topic, clear: true })).toMatchObject({ kind: 'graduated' });
    expect(decideReview(real, member({ 'http-basics': 'skip:1' }, { 'http-basics': '0:2026-11-24' }), today, { topic, clear: true })).toMatchObject({ kind: 'not-done' });
  });

  it('asks “still clear?” for a topic without questions', () => {
    const alpha = small.get('alpha')!;
    const m = member({ alpha: 'done:1' }, { alpha: '0:2026-11-24' });
    expect(reviewQuestion(alpha, { stage: 0, due: today })).toBeUndefined();
    expect(decideReview(small, m, today, { topic: alpha, clear: false })).toMatchObject({ kind: 'reviewed', right: false, next: { stage: 0, due: '2026-11-25' } });
    expect(decideReview(small, m, today, { topic: alpha, index: 0, position: 0, tag: 'abc' })).toMatchObject({ kind: 'changed' });
  });
});
