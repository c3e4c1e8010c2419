import { describe, expect, it } from 'vitest';
import { periodsAt } from '../../src/progress/periods.js';
import { extendStreak, liveStreak } from '../../src/progress/streak.js';

const at = (iso: string, zone = 'UTC') => periodsAt(Date.parse(iso), zone);
const today = at('2026-11-23T10:00:00Z');

describe('extendStreak', () => {
  it('starts a streak of one on a member’s first done', () => {
    expect(extendStreak({ streak: 0, bestStreak: 0 }, today)).toEqual({ streak: 1, bestStreak: 1, lastDay: '2026-11-23' });
  });

  it('grows by one when the last done was yesterday, and raises the best', () => {
    expect(extendStreak({ streak: 4, bestStreak: 4, lastDay: '2026-11-22' }, today)).toEqual({ streak: 5, bestStreak: 5, lastDay: '2026-11-23' });
  });

  it('changes nothing for a second done on the same day', () => {
    expect(extendStreak({ streak: 3, bestStreak: 7, lastDay: '2026-11-23' }, today)).toEqual({ streak: 3, bestStreak: 7, lastDay: '2026-11-23' });
  });

  it('starts again at one after a missed day, keeping the best', () => {
    expect(extendStreak({ streak: 9, bestStreak: 9, lastDay: '2026-11-21' }, today)).toEqual({ streak: 1, bestStreak: 9, lastDay: '2026-11-23' });
  });

  it('counts days in the group’s zone: 23:30 and 00:30 in Sydney are two days', () => {
    const late = extendStreak({ streak: 0, bestStreak: 0 }, at('2026-11-02T12:30:00Z', 'Australia/Sydney'));
    expect(extendStreak(late, at('2026-11-02T13:30:00Z', 'Australia/Sydney')).streak).toBe(2);
  });
});

describe('liveStreak', () => {
  it('keeps a streak whose last day is today or yesterday', () => {
    expect(liveStreak(4, '2026-11-23', today)).toBe(4);
    expect(liveStreak(4, '2026-11-22', today)).toBe(4);
  });

  it('reports zero once a whole day was missed', () => {
    expect(liveStreak(4, '2026-11-21', today)).toBe(0);
    expect(liveStreak(0, undefined, today)).toBe(0);
  });
});
