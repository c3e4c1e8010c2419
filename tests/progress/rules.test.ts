import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCurriculum } from '../../src/curriculum/load.js';
import { closedTopics, emptyMember } from '../../src/progress/member-state.js';
import { pickNext } from '../../src/progress/next-topic.js';
import { periodsAt } from '../../src/progress/periods.js';
import { decideMark, decideUndo, type MarkDecision } from '../../src/progress/rules.js';
import { decodeUndo } from '../../src/progress/undo-entry.js';
import { DAY } from '../support/fake-clock.js';
import { applyMark, applyUndo, visible, type ModelMember } from '../support/member-model.js';
import { SMALL_CURRICULUM } from '../support/services.js';

const curriculum = loadCurriculum(SMALL_CURRICULUM);
const START = Date.parse('2026-11-23T10:00:00Z');
const fresh = (): ModelMember => ({ ...emptyMember(), log: [] });
const at = (ms: number) => ({ now: ms, periods: periodsAt(ms, 'UTC') });

function mark(m: ModelMember, action: 'done' | 'skip', id?: string, ms = START): { m: ModelMember; decision: MarkDecision } {
  const decision = decideMark(curriculum, m, { action, topic: id ? curriculum.get(id) : undefined, ...at(ms) });
  return { m: decision.kind === 'apply' ? applyMark(m, decision.change) : m, decision };
}

function undo(m: ModelMember): ModelMember {
  const entry = decodeUndo(m.log[0]!)!;
  return applyUndo(m, decideUndo(m, entry));
}

describe('deciding a done', () => {
  it('marks the member’s next topic when none is named, with its points, a streak of one and the next topic', () => {
    const { decision } = mark(fresh(), 'done');
    expect(decision).toMatchObject({ kind: 'apply', topic: { id: 'alpha' }, next: { id: 'beta' }, change: { points: 10, gained: 10, streak: 1, bestStreak: 1, lastDay: '2026-11-23', cursor: 'beta' } });
  });

  it('says finished when nothing is left on the track', () => {
    let m = fresh();
    for (const id of ['alpha', 'beta', 'delta', 'gamma', 'py-only']) m = mark(m, 'skip', id).m;
    expect(mark(m, 'done').decision).toEqual({ kind: 'finished' });
  });

  it('refuses a topic of another track', () => {
    expect(mark(fresh(), 'done', 'node-only').decision).toMatchObject({ kind: 'off-track', topic: { id: 'node-only' } });
  });

  it('changes nothing for a topic already done, or a skip of a skipped one', () => {
    const done = mark(fresh(), 'done', 'alpha').m;
    expect(mark(done, 'done', 'alpha').decision).toMatchObject({ kind: 'already', state: 'done' });
    expect(mark(done, 'skip', 'alpha').decision).toMatchObject({ kind: 'already', state: 'done' });
    const skipped = mark(fresh(), 'skip', 'alpha').m;
    expect(mark(skipped, 'skip', 'alpha').decision).toMatchObject({ kind: 'already', state: 'skip' });
  });

  it('turns a skipped topic into a done one, with its points', () => {
    const skipped = mark(fresh(), 'skip', 'beta').m;
    expect(mark(skipped, 'done', 'beta').decision).toMatchObject({ kind: 'apply', change: { gained: 25, points: 25 } });
  });

  it('moves progress stored under an old id to the current one', () => {
    const old: ModelMember = { ...fresh(), topics: { 'old-alpha': `skip:${START}` } };
    const { m, decision } = mark(old, 'done', 'alpha');
    expect(decision).toMatchObject({ kind: 'apply', change: { dropField: 'old-alpha' } });
    expect(Object.keys(m.topics)).toEqual(['alpha']);
  });

  it('gives a skip no points and leaves the streak alone', () => {
    const m = mark(fresh(), 'done', 'alpha', START - DAY).m;
    expect(mark(m, 'skip', 'beta').decision).toMatchObject({ kind: 'apply', change: { gained: 0, points: 10, streak: 1, lastDay: '2026-11-22' } });
  });
});

describe('deciding an undo', () => {
  it('takes back the points, the streak and the cursor of a done', () => {
    const before = mark(fresh(), 'done', 'alpha', START - DAY).m;
    const after = mark(before, 'done', 'beta').m;
    expect(after).toMatchObject({ points: 35, streak: 2 });
    expect(decideUndo(after, decodeUndo(after.log[0]!)!)).toMatchObject({ points: 10, streak: 1, lastDay: '2026-11-22', taken: 25, week: '2026-W48', month: '2026-11' });
  });

  it('puts a skipped topic back to skipped when its done is undone', () => {
    const skipped = mark(fresh(), 'skip', 'alpha').m;
    const done = mark(skipped, 'done', 'alpha').m;
    expect(undo(done).topics).toEqual(skipped.topics);
  });
});

describe('laws', () => {
  const RUNS = 1_000;
  const TOPICS = ['alpha', 'beta', 'gamma', 'delta', 'py-only', 'node-only', undefined] as const;
  const step = fc.record({
    action: fc.constantFrom('done' as const, 'skip' as const, 'undo' as const),
    topic: fc.constantFrom(...TOPICS),
    days: fc.integer({ min: 0, max: 2 }),
  });
  type Step = { action: 'done' | 'skip' | 'undo'; topic?: string; days: number };

  function run(steps: Step[]): { m: ModelMember; ms: number } {
    let m = fresh();
    let ms = START;
    for (const s of steps) {
      ms += s.days * DAY;
      if (s.action === 'undo') m = m.log.length ? undo(m) : m;
      else m = mark(m, s.action, s.topic, ms).m;
    }
    return { m, ms };
  }

  it(`done or skip then undo restores what the member sees (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 10 }), fc.constantFrom('done' as const, 'skip' as const), fc.constantFrom(...TOPICS), (steps, action, topic) => {
        const { m: before, ms } = run(steps);
        const { m: after, decision } = mark(before, action, topic, ms);
        if (decision.kind !== 'apply') return;
        expect(visible(undo(after))).toEqual(visible(before));
      }),
      { numRuns: RUNS },
    );
  });

  it(`marking the same topic again counts once: points are the sum over done topics (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 14 }), (steps) => {
        const doubled = steps.flatMap((s) => (s.action === 'undo' ? [s] : [s, { ...s, days: 0 }]));
        const { m } = run(doubled);
        const done = [...closedTopics(curriculum, m)].filter(([, c]) => c.state === 'done');
        expect(m.points).toBe(done.reduce((sum, [id]) => sum + curriculum.get(id)!.points, 0));
      }),
      { numRuns: RUNS },
    );
  });

  it(`the next topic is always open, unlocked and on the member’s track (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 14 }), fc.constantFrom('python', 'node'), (steps, track) => {
        const { m } = run(steps);
        const closed = closedTopics(curriculum, m);
        const next = pickNext(curriculum, track, closed, m.cursor);
        if (!next) {
          expect(curriculum.onTrack(track).every((t) => closed.has(t.id) || !t.requires.every((r) => closed.has(r)))).toBe(true);
          return;
        }
        expect(next.tracks).toContain(track);
        expect(closed.has(next.id)).toBe(false);
        for (const r of next.requires) expect(closed.has(r)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
