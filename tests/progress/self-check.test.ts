import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCurriculum } from '../../src/curriculum/load.js';
import { emptyMember, type MemberState } from '../../src/progress/member-state.js';
import { CHECK_BONUS, checkField, decideCheckAnswer, questionTag, showQuestion } from '../../src/progress/self-check.js';

const real = loadCurriculum('./curriculum');
const topic = real.get('http-basics')!;
const done: MemberState = { ...emptyMember(), topics: { 'http-basics': 'done:1' } };
const RUNS = 1_000;

describe('showing a question', () => {
  it('shuffles its options the same way every time, seeded by topic and question', () => {
    const first = showQuestion(topic, 0)!;
    expect(showQuestion(topic, 0)).toEqual(first);
    const q = topic.check[0]!;
    expect([...first.options].sort()).toEqual([q.answer, ...q.wrong].sort());
    expect(first.options[first.right]).toBe(q.answer);
  });

  it('puts the right answer in every position across the curriculum, not always first', () => {
    const positions = new Set(real.topics.flatMap((t) => t.check.map((_, n) => showQuestion(t, n)!.right)));
    expect(positions).toEqual(new Set([0, 1, 2, 3]));
  });

  it('names the wording in a tag that changes when the question does', () => {
    const q = topic.check[0]!;
    expect(questionTag(q)).toMatch(/^[a-z0-9]{3}$/);
    expect(questionTag({ ...q, answer: `${q.answer}!` })).not.toBe(questionTag(q));
  });

  it('is undefined past the last question', () => {
    expect(showQuestion(topic, topic.check.length)).toBeUndefined();
  });
});

describe('deciding an answer', () => {
  const shown = showQuestion(topic, 1)!;
  const answer = (position: number, tag = shown.tag) => ({ topic, index: 1, position, tag });
  const wrong = (shown.right + 1) % shown.options.length;

  it(`earns ${CHECK_BONUS} points when the first answer is right, and records it`, () => {
    expect(decideCheckAnswer(real, done, answer(shown.right), undefined)).toMatchObject({ kind: 'answered', right: true, bonus: CHECK_BONUS, record: { field: 'http-basics:1', value: '1' } });
  });

  it('records a wrong first answer, without points', () => {
    expect(decideCheckAnswer(real, done, answer(wrong), undefined)).toMatchObject({ kind: 'answered', right: false, bonus: 0, record: { value: '0' } });
  });

  it('earns nothing and records nothing after the first answer, right or wrong', () => {
    expect(decideCheckAnswer(real, done, answer(shown.right), '1')).toMatchObject({ right: true, bonus: 0, earlier: '1', record: undefined });
    expect(decideCheckAnswer(real, done, answer(shown.right), '0')).toMatchObject({ right: true, bonus: 0, earlier: '0', record: undefined });
  });

  it('refuses a topic the member has not done (or reopened), and a question that changed', () => {
    expect(decideCheckAnswer(real, { ...emptyMember(), topics: { 'http-basics': 'skip:1' } }, answer(0), undefined)).toMatchObject({ kind: 'not-done' });
    expect(decideCheckAnswer(real, emptyMember(), answer(0), undefined)).toMatchObject({ kind: 'not-done' });
    expect(decideCheckAnswer(real, done, answer(0, 'zzz'), undefined)).toMatchObject({ kind: 'changed' });
    expect(decideCheckAnswer(real, done, answer(9), undefined)).toMatchObject({ kind: 'changed' });
    expect(decideCheckAnswer(real, done, { topic, index: 7, position: 0, tag: shown.tag }, undefined)).toMatchObject({ kind: 'changed' });
  });

  it(`the bonus counts once per question: any presses, in any order, earn ${CHECK_BONUS} for each question answered right first (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(fc.record({ index: fc.nat(topic.check.length - 1), position: fc.nat(3) }), { maxLength: 30 }), (presses) => {
        const checks: Record<string, string> = {};
        let bonus = 0;
        for (const { index, position } of presses) {
          const q = showQuestion(topic, index)!;
          const d = decideCheckAnswer(real, done, { topic, index, position, tag: q.tag }, checks[checkField(topic.id, index)]);
          if (d.kind !== 'answered') continue;
          bonus += d.bonus;
          if (d.record) checks[d.record.field] = d.record.value;
        }
        expect(bonus).toBe(CHECK_BONUS * Object.values(checks).filter((v) => v === '1').length);
        expect(bonus).toBeLessThanOrEqual(CHECK_BONUS * topic.check.length);
      }),
      { numRuns: RUNS },
    );
  });
});
