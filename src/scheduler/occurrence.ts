import { DateTime } from 'luxon';

export interface LocalTime {
  hour: number;
  minute: number;
}

/** "09:00" -> { hour: 9, minute: 0 }; undefined unless a valid 24-hour HH:MM. */
export function parseLocalTime(text: string): LocalTime | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/**
 * The first instant strictly after `afterMs` at which the wall clock in `zone` reads `time`,
 * on one of `weekdays` (1 = Monday … 7 = Sunday; default every day). Computed on the calendar, never
 * by adding 24 h: 09:00 stays 09:00 across DST. A time that does not exist that day (spring
 * forward) runs at the first minute after the gap; one that exists twice (fall back) runs once,
 * at its first occurrence.
 */
export function nextOccurrence(time: LocalTime, zone: string, afterMs: number, weekdays?: number[]): number {
  let day = DateTime.fromMillis(afterMs, { zone }).startOf('day');
  for (let i = 0; i < 9; i++, day = day.plus({ days: 1 })) {
    if (weekdays && !weekdays.includes(day.weekday)) continue;
    const at = wallTime(day, time);
    if (at.toMillis() > afterMs) return at.toMillis();
  }
  throw new Error('no occurrence within a week');
}

/** The most recent occurrence at or before `atMs` (the slot a late job belongs to). */
export function previousOccurrence(time: LocalTime, zone: string, atMs: number, weekdays?: number[]): number {
  let day = DateTime.fromMillis(atMs, { zone }).startOf('day');
  for (let i = 0; i < 9; i++, day = day.minus({ days: 1 })) {
    if (weekdays && !weekdays.includes(day.weekday)) continue;
    const at = wallTime(day, time);
    if (at.toMillis() <= atMs) return at.toMillis();
  }
  throw new Error('no occurrence within a week');
}

function wallTime(day: DateTime, time: LocalTime): DateTime {
  const at = day.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
  if (at.hour === time.hour && at.minute === time.minute) return at;
  // The time fell in a DST gap and luxon moved it forward by the gap's length; the first valid
  // minute after the gap is the transition itself, so walk back while still past the asked time.
  let first = at;
  for (let k = 0; k < 180; k++) {
    const before = first.minus({ minutes: 1 });
    if (before.hour * 60 + before.minute < time.hour * 60 + time.minute || before.day !== at.day) break;
    first = before;
  }
  return first;
}
