import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MemberRef } from '../../src/store/progress-store.js';
import { showQuestion } from '../../src/progress/self-check.js';
import { periodsAt } from '../../src/progress/periods.js';
import { DAY } from '../support/fake-clock.js';
import { progressHarness } from '../support/services.js';

/**
 * The laws of self-checks, reviews and freezes through the real store and scripts: random sequences
 * of dones, skips, undos, answers, reviews, replays and days passing, on the shipped curriculum.
 */
type Harness = Awaited<ReturnType<typeof progressHarness>>;
let h: Harness;
let memberCounter = 0;
const RUNS = 1_000;
const START = Date.parse('2026-11-23T10:00:00Z');

beforeAll(async () => {
  h = await progressHarness('remember-properties', { curriculumDir: './curriculum' });
});
afterAll(async () => h?.close());

const IDS = ['how-the-internet-works', 'http-basics', 'dns', 'domains-and-hosting'] as const;
const TOPICS = [...IDS, null] as const;
type Op =
  | { kind: 'done' | 'skip'; topic: string | null; days: number }
  | { kind: 'undo' }
  | { kind: 'answer'; topic: string; index: number; right: boolean }
  | { kind: 'review'; right: boolean }
  | { kind: 'replay' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constantFrom('done' as const, 'skip' as const), topic: fc.constantFrom(...TOPICS), days: fc.constantFrom(0, 1, 1, 2, 3) }), weight: 3 },
  fc.constant({ kind: 'undo' as const }),
  { arbitrary: fc.record({ kind: fc.constant('answer' as const), topic: fc.constantFrom(...IDS), index: fc.nat(2), right: fc.boolean() }), weight: 2 },
  fc.record({ kind: fc.constant('review' as const), right: fc.boolean() }),
  fc.constant({ kind: 'replay' as const }),
);

/** Runs the ops on a member of a guild of its own, with the clock moving forward. */
async function apply(m: MemberRef, ops: Op[]): Promise<void> {
  h.clock.set(new Date(START).toISOString());
  let last: { run: (id: string) => Promise<unknown>; id: string } | undefined;
  for (const o of ops) {
    const id = h.nextInteraction();
    let run: ((iid: string) => Promise<unknown>) | undefined;
    if (o.kind === 'done' || o.kind === 'skip') {
      h.clock.advance(o.days * DAY);
      run = (iid) => h.service[o.kind](m, o.topic, iid);
    } else if (o.kind === 'undo') {
      run = (iid) => h.service.undo(m, iid);
    } else if (o.kind === 'answer') {
      const shown = showQuestion(h.curriculum.get(o.topic)!, o.index)!;
      const answer = { topicId: o.topic, index: o.index, position: o.right ? shown.right : (shown.right + 1) % shown.options.length, tag: shown.tag };
      run = (iid) => h.service.answerCheck(m, answer, iid);
    } else if (o.kind === 'review') {
      const { current } = await h.service.reviews(m);
      if (!current?.shown) continue;
      const { shown, index } = current;
      const answer = { topicId: current.topic.id, index: index!, position: o.right ? shown.right : (shown.right + 1) % shown.options.length, tag: shown.tag };
      run = (iid) => h.service.answerReview(m, answer, iid);
    } else if (last) {
      await last.run(last.id); // Discord delivers the previous interaction again
      continue;
    }
    if (!run) continue;
    last = { run, id };
    await run(id);
  }
}

/** Everything Redis holds about the member that the learning loop may change. */
async function snapshot(m: MemberRef) {
  const k = h.keys;
  const p = periodsAt(h.clock.now(), 'UTC');
  const [member, topics, reviews, checks, all, week, month, stats] = await Promise.all([
    h.redis.hgetall(k.member(m.guildId, m.userId)),
    h.redis.hgetall(k.memberTopics(m.guildId, m.userId)),
    h.redis.hgetall(k.memberReviews(m.guildId, m.userId)),
    h.redis.hgetall(k.memberChecks(m.guildId, m.userId)),
    h.redis.zscore(k.boardAll(m.guildId), m.userId),
    h.redis.zscore(k.boardWeek(m.guildId, p.week), m.userId),
    h.redis.zscore(k.boardMonth(m.guildId, p.month), m.userId),
    h.redis.hget(k.groupWeekStats(m.guildId, p.week), 'done'),
  ]);
  const { v: _version, ...state } = member;
  const normalised = { ...state, points: member.points ?? '0', bonus: member.bonus ?? '0', streak: member.streak ?? '0', bestStreak: member.bestStreak ?? '0' };
  return { member: normalised, topics, reviews, checks, boards: [all ?? '0', week ?? '0', month ?? '0'], stats: stats ?? '0' };
}

const freshMember = (): MemberRef => ({ guildId: `rem${++memberCounter}`, userId: 'u' });

it(`points are the done topics’ plus 2 for each question answered right first, on the member and the all-time board, whatever is replayed (${RUNS} random runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { maxLength: 14 }), async (ops) => {
      const m = freshMember();
      await apply(m, ops);
      const s = await snapshot(m);
      const done = Object.entries(s.topics).filter(([, v]) => v.startsWith('done:'));
      const bonus = 2 * Object.values(s.checks).filter((v) => v === '1').length;
      expect(Number(s.member.bonus)).toBe(bonus);
      expect(Number(s.member.points)).toBe(done.reduce((sum, [id]) => sum + h.curriculum.get(id)!.points, 0) + bonus);
      expect(Number(s.boards[0])).toBe(Number(s.member.points));
      // reviews never fall due for a skipped or reopened topic: only done topics hold one
      for (const field of Object.keys(s.reviews)) expect(s.topics[field]).toMatch(/^done:/);
    }),
    { numRuns: RUNS },
  );
}, 300_000);

it(`a done or skip followed by /undo restores freezes, reviews, bonus and everything else exactly (${RUNS} random runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { maxLength: 10 }), fc.constantFrom('done' as const, 'skip' as const), fc.constantFrom(...TOPICS), fc.constantFrom(0, 1, 2), async (ops, action, topic, days) => {
      const m = freshMember();
      await apply(m, ops);
      h.clock.advance(days * DAY);
      const before = await snapshot(m);
      const outcome = await h.service[action](m, topic, h.nextInteraction());
      if (outcome.kind !== 'recorded') return;
      await h.service.undo(m, h.nextInteraction());
      expect(await snapshot(m)).toEqual(before);
    }),
    { numRuns: RUNS },
  );
}, 300_000);
