import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, periodsAt } from '../../src/progress/periods.js';
import { extendStreak, liveStreak, MAX_FREEZES, streakToday, type Streak } from '../../src/progress/streak.js';

const at = (iso: string, zone = 'UTC') => periodsAt(Date.parse(iso), zone).day;
const today = '2026-11-23';
const s = (streak: number, lastDay?: string, freezes = 0, bestStreak = streak): Streak => ({ streak, bestStreak, lastDay, freezes });
const RUNS = 1_000;

describe('extendStreak', () => {
  it('starts a streak of one on a member’s first done', () => {
    expect(extendStreak(s(0), today)).toMatchObject({ streak: 1, bestStreak: 1, lastDay: today, freezes: 0 });
  });

  it('grows by one when the last done was yesterday, and raises the best', () => {
    expect(extendStreak(s(4, '2026-11-22'), today)).toMatchObject({ streak: 5, bestStreak: 5, lastDay: today });
  });

  it('changes nothing for a second done on the same day', () => {
    expect(extendStreak(s(3, today, 1, 7), today)).toMatchObject({ streak: 3, bestStreak: 7, lastDay: today, freezes: 1, usedFreeze: false });
  });

  it('changes nothing for a day before the last one (the group’s zone moved back)', () => {
    expect(extendStreak(s(3, '2026-11-24', 1), today)).toMatchObject({ streak: 3, lastDay: '2026-11-24', freezes: 1 });
  });

  it('starts again at one after a missed day without a freeze, keeping the best', () => {
    expect(extendStreak(s(9, '2026-11-21', 0, 9), today)).toMatchObject({ streak: 1, bestStreak: 9, lastDay: today, usedFreeze: false });
  });

  it('counts days in the group’s zone: 23:30 and 00:30 in Sydney are two days', () => {
    const late = extendStreak(s(0), at('2026-11-02T12:30:00Z', 'Australia/Sydney'));
    expect(extendStreak(late, at('2026-11-02T13:30:00Z', 'Australia/Sydney')).streak).toBe(2);
  });
});

describe('streak freezes', () => {
  it('are earned when the streak reaches 7 and 14 days', () => {
    expect(extendStreak(s(6, '2026-11-22'), today)).toMatchObject({ streak: 7, freezes: 1, earnedFreeze: true });
    expect(extendStreak(s(13, '2026-11-22', 1), today)).toMatchObject({ streak: 14, freezes: 2, earnedFreeze: true });
    expect(extendStreak(s(7, '2026-11-22', 1), today)).toMatchObject({ streak: 8, freezes: 1, earnedFreeze: false });
  });

  it('are held two at most', () => {
    expect(extendStreak(s(20, '2026-11-22', 2), today)).toMatchObject({ streak: 21, freezes: 2, earnedFreeze: false });
  });

  it('cover a single missed day: the streak grows by today only, one freeze is used', () => {
    expect(extendStreak(s(9, '2026-11-21', 2), today)).toMatchObject({ streak: 10, freezes: 1, usedFreeze: true, lastDay: today });
  });

  it('do not cover two missed days in a row, whatever is held (and are kept)', () => {
    expect(extendStreak(s(9, '2026-11-20', 2), today)).toMatchObject({ streak: 1, freezes: 2, usedFreeze: false });
  });

  it('can be used and earned by the same done (6 days, a missed day, the 7th)', () => {
    expect(extendStreak(s(6, '2026-11-21', 1), today)).toMatchObject({ streak: 7, freezes: 1, usedFreeze: true, earnedFreeze: true });
  });
});

describe('the streak today', () => {
  it('is alive while the last study day is today or yesterday', () => {
    expect(streakToday(s(4, today, 1), today)).toEqual({ streak: 4, freezes: 1, covering: false });
    expect(liveStreak(s(4, '2026-11-22'), today)).toBe(4);
  });

  it('is alive the day after a missed day when a freeze will cover it', () => {
    expect(streakToday(s(4, '2026-11-21', 1), today)).toEqual({ streak: 4, freezes: 1, covering: true });
    expect(streakToday(s(4, '2026-11-21', 0), today)).toEqual({ streak: 0, freezes: 0, covering: false });
  });

  it('is zero after two missed days, freezes or not', () => {
    expect(streakToday(s(4, '2026-11-20', 2), today)).toEqual({ streak: 0, freezes: 2, covering: false });
    expect(liveStreak(s(0), today)).toBe(0);
  });
});

describe('laws of streaks and freezes', () => {
  /** Study days as gaps from the one before: 0 the same day, 1 the next, 2 after one missed day, … */
  const gaps = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 });

  function walk(steps: number[], check: (before: Streak, after: ReturnType<typeof extendStreak>, gap: number, studyDays: number) => void) {
    let streak = s(0);
    let day = '2026-01-01';
    const days = new Set<string>();
    for (const gap of steps) {
      day = addDays(day, gap);
      days.add(day);
      const after = extendStreak(streak, day);
      check(streak, after, gap, days.size);
      streak = after;
    }
  }

  it(`a freeze never adds to the streak: a covered day grows it by today alone, and it never passes the days studied (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(gaps, (steps) => {
        walk(steps, (before, after, _gap, studyDays) => {
          expect(after.streak).toBeLessThanOrEqual(before.streak + 1);
          expect(after.streak).toBeLessThanOrEqual(studyDays);
          if (after.usedFreeze) expect(after.streak).toBe(before.streak + 1);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it(`freezes stay between 0 and 2, are used only across exactly one missed day, and two missed days always break the streak (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(gaps, (steps) => {
        walk(steps, (before, after, gap) => {
          expect(after.freezes).toBeGreaterThanOrEqual(0);
          expect(after.freezes).toBeLessThanOrEqual(MAX_FREEZES);
          if (after.usedFreeze) expect(gap).toBe(2);
          if (gap >= 3 && before.lastDay) expect(after.streak).toBe(1);
          if (gap === 2 && before.freezes === 0 && before.lastDay) expect(after.streak).toBe(1);
          if (after.earnedFreeze) expect(after.streak % 7).toBe(0);
          expect(after.bestStreak).toBeGreaterThanOrEqual(Math.max(after.streak, before.bestStreak));
        });
      }),
      { numRuns: RUNS },
    );
  });
});
