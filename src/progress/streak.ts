import { daysBetween } from './periods.js';

/** A freeze is earned each time the streak reaches a multiple of this many study days. */
export const FREEZE_EVERY = 7;
/** Freezes a member may hold at once. */
export const MAX_FREEZES = 2;

export interface Streak {
  streak: number;
  bestStreak: number;
  /** The local day the streak was last extended (in the group's zone at the time) */
  lastDay?: string;
  /** Freezes held, 0 to MAX_FREEZES */
  freezes: number;
}

export interface StreakStep extends Streak {
  /** A freeze covered the one day missed before this one */
  usedFreeze: boolean;
  /** This day brought the streak to a multiple of FREEZE_EVERY and earned a freeze */
  earnedFreeze: boolean;
}

/**
 * A done on a local day. The first of the day extends a streak that ended yesterday; a streak that
 * ended the day before yesterday (one missed day) is extended too if a freeze is held, which it
 * uses: the missed day neither breaks nor grows the streak, today counts as usual. Two or more
 * missed days start a new streak whatever is held (freezes are kept). Reaching 7, 14, … study days
 * earns a freeze, up to MAX_FREEZES. A later done the same day (or a day before the last one, which
 * only a zone moved backwards can produce) changes nothing.
 */
export function extendStreak(before: Streak, today: string): StreakStep {
  const gap = before.lastDay === undefined ? Infinity : daysBetween(before.lastDay, today);
  if (gap <= 0) return { ...before, usedFreeze: false, earnedFreeze: false };
  const usedFreeze = gap === 2 && before.freezes > 0;
  const streak = gap === 1 || usedFreeze ? before.streak + 1 : 1;
  const held = before.freezes - (usedFreeze ? 1 : 0);
  const earnedFreeze = streak % FREEZE_EVERY === 0 && held < MAX_FREEZES;
  return {
    streak,
    bestStreak: Math.max(before.bestStreak, streak),
    lastDay: today,
    freezes: held + (earnedFreeze ? 1 : 0),
    usedFreeze,
    earnedFreeze,
  };
}

export interface StreakView {
  /** The streak as it stands today: 0 once it is broken */
  streak: number;
  freezes: number;
  /** Yesterday was missed and a held freeze will cover it when the member studies today */
  covering: boolean;
}

/**
 * The streak as a member sees it today: alive while the last study day is today or yesterday, or
 * the day before yesterday with a freeze to cover the gap (used by the next done).
 */
export function streakToday(s: Streak, today: string): StreakView {
  const gap = s.lastDay === undefined ? Infinity : daysBetween(s.lastDay, today);
  if (gap <= 1) return { streak: s.streak, freezes: s.freezes, covering: false };
  if (gap === 2 && s.freezes > 0) return { streak: s.streak, freezes: s.freezes, covering: true };
  return { streak: 0, freezes: s.freezes, covering: false };
}

/** A streak is alive while its last day is today or yesterday (the member can still extend it). */
export function liveStreak(s: Streak, today: string): number {
  return streakToday(s, today).streak;
}
