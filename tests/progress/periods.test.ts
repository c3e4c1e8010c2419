import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, periodsAt } from '../../src/progress/periods.js';

const at = (iso: string, zone = 'UTC') => periodsAt(Date.parse(iso), zone);

describe('periodsAt', () => {
  it('names the local day, the day before, the ISO week and the month', () => {
    expect(at('2026-11-23T10:00:00Z')).toEqual({ day: '2026-11-23', yesterday: '2026-11-22', week: '2026-W48', month: '2026-11' });
  });

  it('uses the ISO week-numbering year at the turn of the year', () => {
    expect(at('2026-12-31T12:00:00Z').week).toBe('2026-W53');
    expect(at('2027-01-03T12:00:00Z').week).toBe('2026-W53');
    expect(at('2027-01-04T12:00:00Z').week).toBe('2027-W01');
  });

  it('reads the calendar in the group’s zone, not UTC', () => {
    expect(at('2026-11-30T13:30:00Z', 'Australia/Sydney')).toMatchObject({ day: '2026-12-01', month: '2026-12', week: '2026-W49' });
    expect(at('2026-11-30T03:00:00Z', 'America/New_York')).toMatchObject({ day: '2026-11-29', week: '2026-W48' });
  });

  it('counts yesterday by the calendar across a DST change', () => {
    expect(at('2026-03-29T12:00:00Z', 'Europe/Berlin').yesterday).toBe('2026-03-28');
    expect(at('2026-10-25T23:30:00Z', 'Europe/Berlin')).toMatchObject({ day: '2026-10-26', yesterday: '2026-10-25' });
  });

  it('refuses an unknown zone', () => {
    expect(() => at('2026-11-23T10:00:00Z', 'Mars/Olympus')).toThrow(/invalid time zone/);
  });
});

describe('calendar days', () => {
  it('move by whole days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-11-24', 30)).toBe('2026-12-24');
  });

  it('count the days between two local days', () => {
    expect(daysBetween('2026-11-23', '2026-11-24')).toBe(1);
    expect(daysBetween('2026-11-24', '2026-11-23')).toBe(-1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the spring DST change, still days
    expect(daysBetween('2026-12-31', '2027-01-31')).toBe(31);
  });
});

describe('periodsAt, asked again', () => {
  it('answers the next local day once midnight passes in the zone, not before', () => {
    const berlin = 'Europe/Berlin';
    expect(periodsAt(Date.parse('2026-11-23T22:59:00Z'), berlin).day).toBe('2026-11-23');
    expect(periodsAt(Date.parse('2026-11-23T23:00:00Z'), berlin).day).toBe('2026-11-24');
    expect(periodsAt(Date.parse('2026-11-23T22:00:00Z'), berlin).day).toBe('2026-11-23'); // earlier again
  });
});
