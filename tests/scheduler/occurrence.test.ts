import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextOccurrence, parseLocalTime, previousOccurrence } from '../../src/scheduler/occurrence.js';

const NINE = { hour: 9, minute: 0 };
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm ZZ');

/** Every occurrence from `fromIso` for `days` days. */
function daily(time: { hour: number; minute: number }, zone: string, fromIso: string, days: number): number[] {
  const out: number[] = [];
  let at = Date.parse(fromIso);
  for (let i = 0; i < days; i++) out.push((at = nextOccurrence(time, zone, at)));
  return out;
}

describe('nextOccurrence', () => {
  it.each([
    ['America/New_York', '2026-03-05T00:00:00Z', '2026-10-28T00:00:00Z'],
    ['Europe/Berlin', '2026-03-25T00:00:00Z', '2026-10-21T00:00:00Z'],
    ['Australia/Sydney', '2026-03-30T00:00:00Z', '2026-09-30T00:00:00Z'],
    ['Australia/Adelaide', '2026-03-30T00:00:00Z', '2026-09-30T00:00:00Z'],
    ['Asia/Kolkata', '2026-03-25T00:00:00Z', '2026-10-21T00:00:00Z'],
  ])('keeps 09:00 local every day across both DST changes in %s', (zone, spring, autumn) => {
    for (const from of [spring, autumn]) {
      const runs = daily(NINE, zone, from, 20);
      for (const at of runs) expect(local(at, zone)).toMatch(/ 09:00 /);
      const days = runs.map((at) => DateTime.fromMillis(at, { zone }).toISODate());
      expect(new Set(days).size).toBe(20); // one post a day, no day skipped or doubled
      for (let i = 1; i < runs.length; i++) expect(runs[i]!).toBeGreaterThan(runs[i - 1]!);
    }
  });

  it('runs a time that does not exist on the spring-forward day at the first minute after the gap', () => {
    // Berlin, 2026-03-29: clocks jump from 02:00 to 03:00
    const runs = daily({ hour: 2, minute: 30 }, 'Europe/Berlin', '2026-03-27T12:00:00Z', 4).map((at) => local(at, 'Europe/Berlin'));
    expect(runs).toEqual(['2026-03-28 02:30 +01:00', '2026-03-29 03:00 +02:00', '2026-03-30 02:30 +02:00', '2026-03-31 02:30 +02:00']);
  });

  it('runs a time that exists twice on the fall-back day once', () => {
    // New York, 2026-11-01: 01:30 happens at -04:00 and again at -05:00
    const runs = daily({ hour: 1, minute: 30 }, 'America/New_York', '2026-10-30T12:00:00Z', 4).map((at) => local(at, 'America/New_York'));
    expect(runs).toEqual(['2026-10-31 01:30 -04:00', '2026-11-01 01:30 -04:00', '2026-11-02 01:30 -05:00', '2026-11-03 01:30 -05:00']);
  });

  it('finds the next chosen weekday', () => {
    const sunday = nextOccurrence({ hour: 20, minute: 0 }, 'Europe/Berlin', Date.parse('2026-11-23T10:00:00Z'), [7]);
    expect(local(sunday, 'Europe/Berlin')).toBe('2026-11-29 20:00 +01:00');
  });

  it('is strictly increasing for any start minute (every minute of a DST day)', () => {
    let from = Date.parse('2026-03-28T20:00:00Z');
    for (let i = 0; i < 24 * 60; i++, from += 60_000) {
      const time = { hour: Math.floor(i / 60), minute: i % 60 };
      expect(nextOccurrence(time, 'Europe/Berlin', from)).toBeGreaterThan(from);
    }
  });
});

describe('previousOccurrence', () => {
  it('is the slot a late run belongs to', () => {
    const slot = previousOccurrence(NINE, 'Europe/Berlin', Date.parse('2026-11-23T09:30:00Z'));
    expect(local(slot, 'Europe/Berlin')).toBe('2026-11-23 09:00 +01:00');
  });
});

describe('parsing settings', () => {
  it('accepts 24-hour HH:MM only', () => {
    expect(parseLocalTime('09:00')).toEqual({ hour: 9, minute: 0 });
    expect(parseLocalTime('7:05')).toEqual({ hour: 7, minute: 5 });
    for (const bad of ['25:99', '24:00', '9', '09:60', 'nine', '']) expect(parseLocalTime(bad)).toBeUndefined();
  });
});
