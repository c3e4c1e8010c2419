import { DateTime } from 'luxon';

export interface Periods {
  /** Local calendar day, 2026-11-23 */
  day: string;
  yesterday: string;
  /** ISO week, 2026-W48 */
  week: string;
  /** Calendar month, 2026-11 */
  month: string;
}

export type PeriodName = 'week' | 'month' | 'all';

/**
 * The periods of the local day each zone is in, kept until that day ends: learning commands ask on
 * every interaction, and luxon's zone arithmetic was 7 % of the bot's time under load.
 */
const today = new Map<string, { from: number; until: number; periods: Periods }>();

/** The day, ISO week and month that an instant falls in, in the group's IANA time zone. */
export function periodsAt(ms: number, zone: string): Periods {
  const cached = today.get(zone);
  if (cached && cached.from <= ms && ms < cached.until) return cached.periods;
  const local = DateTime.fromMillis(ms, { zone });
  if (!local.isValid) throw new Error(`invalid time zone ${zone}`);
  const periods = {
    day: local.toISODate()!,
    yesterday: local.minus({ days: 1 }).toISODate()!,
    week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`,
    month: local.toFormat('yyyy-MM'),
  };
  today.set(zone, { from: local.startOf('day').toMillis(), until: local.startOf('day').plus({ days: 1 }).toMillis(), periods });
  return periods;
}

const DAY_MS = 86_400_000;
/** A calendar day as a count of days (UTC midnights: no zone, no daylight saving). */
const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;

/** A local calendar day (2026-11-23) moved by whole days: calendar arithmetic, never 24 h steps. */
export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from one local day to another: 1 from yesterday to today, negative backwards. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The local day an instant falls on in the group's zone. */
export const dayAt = (ms: number, zone: string): string => periodsAt(ms, zone).day;

/** When a local calendar day starts in a zone (ms): midnight, or the first valid minute after it. */
export const startOfDay = (day: string, zone: string): number => DateTime.fromISO(day, { zone }).startOf('day').toMillis();

/**
 * The names of every week and month board that may still exist at `ms`: boards expire 120 days
 * (weeks) and 400 days (months) after their last change, so those are all an erase must visit.
 * A little margin either side covers zones ahead of or behind the one asked for.
 */
export function boardPeriodsAround(ms: number, zone: string, keepDays: { week: number; month: number }): { weeks: string[]; months: string[] } {
  const weeks = new Set<string>();
  const months = new Set<string>();
  const today = periodsAt(ms, zone).day;
  const longest = Math.max(keepDays.week, keepDays.month) + 8;
  for (let back = -2; back <= longest; back++) {
    const local = DateTime.fromISO(addDays(today, -back), { zone: 'UTC' });
    if (back <= keepDays.week + 8) weeks.add(`${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`);
    months.add(local.toFormat('yyyy-MM'));
  }
  return { weeks: [...weeks], months: [...months] };
}
