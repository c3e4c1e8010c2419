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

/** The day, ISO week and month that an instant falls in, in the group's IANA time zone. */
export function periodsAt(ms: number, zone: string): Periods {
  const local = DateTime.fromMillis(ms, { zone });
  if (!local.isValid) throw new Error(`invalid time zone ${zone}`);
  return {
    day: local.toISODate()!,
    yesterday: local.minus({ days: 1 }).toISODate()!,
    week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`,
    month: local.toFormat('yyyy-MM'),
  };
}

/** A local calendar day (2026-11-23) moved by whole days: calendar arithmetic, never 24 h steps. */
export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Calendar days from one local day to another: 1 from yesterday to today, negative backwards. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** The local day an instant falls on in the group's zone. */
export const dayAt = (ms: number, zone: string): string => periodsAt(ms, zone).day;
