import { describe, expect, it } from 'vitest';
import { periodsAt } from '../../src/progress/periods.js';

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
