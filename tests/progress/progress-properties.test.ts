import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MemberRef } from '../../src/store/progress-store.js';
import { progressHarness } from '../support/services.js';

type Harness = Awaited<ReturnType<typeof progressHarness>>;
let h: Harness;
let memberCounter = 0;
const RUNS = 1_000;

beforeAll(async () => {
  h = await progressHarness('properties');
});
afterAll(async () => h?.close());

const TOPICS = ['alpha', 'beta', 'gamma', 'delta', 'py-only', null] as const;
const LINKS = [undefined, 'https://github.com/ada/notes', 'https://gist.github.com/ada/1'] as const;
type Op =
  | { kind: 'done' | 'skip'; topic: string | null; link?: string }
  | { kind: 'undo' }
  | { kind: 'replay' } // Discord delivers the previous interaction again
  | { kind: 'twice'; action: 'done' | 'skip'; topic: string | null }; // two interactions at once

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('done' as const, 'skip' as const), topic: fc.constantFrom(...TOPICS), link: fc.constantFrom(...LINKS) }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'replay' as const }),
  fc.record({ kind: fc.constant('twice' as const), action: fc.constantFrom('done' as const, 'skip' as const), topic: fc.constantFrom(...TOPICS) }),
);

async function apply(m: MemberRef, ops: Op[]): Promise<void> {
  let last: { run: (id: string) => Promise<unknown>; id: string } | undefined;
  for (const o of ops) {
    const id = h.nextInteraction();
    if (o.kind === 'done' || o.kind === 'skip') {
      const run = (iid: string) => (o.kind === 'done' ? h.service.done(m, o.topic, iid, o.link) : h.service.skip(m, o.topic, iid));
      last = { run, id };
      await run(id);
    } else if (o.kind === 'undo') {
      const run = (iid: string) => h.service.undo(m, iid);
      last = { run, id };
      await run(id);
    } else if (o.kind === 'replay') {
      if (last) await last.run(last.id);
    } else if (o.kind === 'twice') {
      await Promise.all([h.service[o.action](m, o.topic, id), h.service[o.action](m, o.topic, h.nextInteraction())]);
    }
  }
}

/** Everything Redis holds about the member that a done / undo may change. */
async function snapshot(m: MemberRef) {
  const k = h.keys;
  const [member, topics, all, week, month, stats, work] = await Promise.all([
    h.redis.hgetall(k.member(m.guildId, m.userId)),
    h.redis.hgetall(k.memberTopics(m.guildId, m.userId)),
    h.redis.zscore(k.boardAll(m.guildId), m.userId),
    h.redis.zscore(k.boardWeek(m.guildId, '2026-W48'), m.userId),
    h.redis.zscore(k.boardMonth(m.guildId, '2026-11'), m.userId),
    h.redis.hget(k.groupWeekStats(m.guildId, '2026-W48'), 'done'),
    h.redis.lrange(k.memberWork(m.guildId, m.userId), 0, -1),
  ]);
  // `v` is the store's concurrency token (it moves on every write, undo included), not member state.
  const { v: _version, ...state } = member;
  const normalised = { ...state, points: member.points ?? '0', streak: member.streak ?? '0', bestStreak: member.bestStreak ?? '0' };
  return { member: normalised, topics, boards: [all ?? '0', week ?? '0', month ?? '0'], stats: stats ?? '0', work };
}

const freshMember = (): MemberRef => ({ guildId: `prop${++memberCounter}`, userId: 'u' });

it(`points always equal the sum over done topics, each topic counted once (${RUNS} random runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
      const m = freshMember();
      await apply(m, ops);
      const s = await snapshot(m);
      const done = Object.entries(s.topics).filter(([, v]) => v.startsWith('done:'));
      const expected = done.reduce((sum, [id]) => sum + h.curriculum.get(id)!.points, 0);
      expect(Number(s.member.points)).toBe(expected);
      expect(s.boards.map(Number)).toEqual([expected, expected, expected]);
      expect(Number(s.stats)).toBe(done.length);
      expect(new Set(Object.keys(s.topics)).size).toBe(Object.keys(s.topics).length);
      // A piece of work stays exactly as long as the done it came with: never for a topic not done, never twice.
      const workTopics = s.work.map((raw) => (JSON.parse(raw) as { t: string }).t);
      expect(new Set(workTopics).size).toBe(workTopics.length);
      for (const topic of workTopics) expect(s.topics[topic]).toMatch(/^done:/);
    }),
    { numRuns: RUNS },
  );
}, 120_000);

it(`a done (with or without a link) or skip followed by /undo restores the member exactly (${RUNS} random runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { maxLength: 8 }), fc.constantFrom('done' as const, 'skip' as const), fc.constantFrom(...TOPICS), fc.constantFrom(...LINKS), async (ops, action, topic, link) => {
      const m = freshMember();
      await apply(m, ops);
      const before = await snapshot(m);
      const outcome = await (action === 'done' ? h.service.done(m, topic, h.nextInteraction(), link) : h.service.skip(m, topic, h.nextInteraction()));
      if (outcome.kind !== 'recorded') return; // nothing changed, nothing to undo
      await h.service.undo(m, h.nextInteraction());
      expect(await snapshot(m)).toEqual(before);
    }),
    { numRuns: RUNS },
  );
}, 120_000);
