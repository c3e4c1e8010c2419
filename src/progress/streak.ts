import type { Periods } from './periods.js';

export interface Streak {
  streak: number;
  bestStreak: number;
  /** The local day the streak was last extended */
  lastDay?: string;
}

/**
 * A done on a local day: the first of the day extends a streak that ended yesterday, or starts a
 * new one; later ones the same day change nothing.
 */
export function extendStreak(before: Streak, periods: Periods): Streak {
  if (before.lastDay === periods.day) return { ...before };
  const streak = before.lastDay === periods.yesterday ? before.streak + 1 : 1;
  return { streak, bestStreak: Math.max(before.bestStreak, streak), lastDay: periods.day };
}

/** A streak is alive while its last day is today or yesterday (the member can still extend it). */
export function liveStreak(streak: number, lastDay: string | undefined, periods: Periods): number {
  return lastDay === periods.day || lastDay === periods.yesterday ? streak : 0;
}
