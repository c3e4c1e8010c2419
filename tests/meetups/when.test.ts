import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/meetups/when.js';

const MONDAY = Date.parse('2026-11-23T10:00:00Z');
const read = (text: string, zone: string) => {
  const reading = parseWhen(text, zone, MONDAY);
  return 'error' in reading ? undefined : DateTime.fromMillis(reading.ms, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');
};
const instant = (text: string, zone = 'Europe/Berlin') => {
  const reading = parseWhen(text, zone, Date.parse('2026-11-25T12:00:00Z'));
  return 'error' in reading ? reading : new Date(reading.ms).toISOString();
};

describe('parseWhen', () => {
  it('reads YYYY-MM-DD HH:MM in the group’s zone', () => {
    expect(read('2026-12-01 18:30', 'Europe/Berlin')).toBe('Tue 2026-12-01 18:30');
    expect(parseWhen('2026-12-01 18:30', 'America/New_York', MONDAY)).toEqual({ ms: Date.parse('2026-12-01T23:30:00Z') });
  });

  it('reads natural phrases as the next such moment', () => {
    expect(read('tomorrow 18:00', 'Europe/Berlin')).toBe('Tue 2026-11-24 18:00');
    expect(read('friday 7pm', 'Europe/Berlin')).toBe('Fri 2026-11-27 19:00');
    expect(read('in 2 hours', 'Europe/Berlin')).toBe('Mon 2026-11-23 13:00');
  });

  it('counts "tomorrow" from the group’s own date, not UTC’s', () => {
    // 10:00 UTC on Monday is already Tuesday in Kiritimati (UTC+14)
    expect(read('tomorrow 18:00', 'Pacific/Kiritimati')).toBe('Wed 2026-11-25 18:00');
  });

  it('refuses text without a time, and dates that do not exist', () => {
    expect(read('soon', 'Europe/Berlin')).toBeUndefined();
    expect(read('friday', 'Europe/Berlin')).toBeUndefined();
    expect(read('2026-02-30 18:00', 'Europe/Berlin')).toBeUndefined();
    expect(read('2026-03-29 02:30', 'Europe/Berlin')).toBeUndefined(); // lost to the DST change
  });
});

describe('a zone written with the time wins over the group’s (a Berlin group)', () => {
  it.each([
    ['2027-03-02 18:30', '2027-03-02T17:30:00.000Z'],
    ['2027-03-02 18:30 UTC', '2027-03-02T18:30:00.000Z'],
    ['2027-03-02T18:30:00Z', '2027-03-02T18:30:00.000Z'],
    ['2027-03-02 18:30 +05:00', '2027-03-02T13:30:00.000Z'],
    ['2027-03-02 18:30 -0330', '2027-03-02T22:00:00.000Z'],
    ['Mar 2 2027 6:30pm EST', '2027-03-02T23:30:00.000Z'],
    ['2027-03-02 18:30 America/New_York', '2027-03-02T23:30:00.000Z'],
    ['2027-03-02 18:30 america/new_york', '2027-03-02T23:30:00.000Z'],
    ['2027-07-02 18:30 America/New_York', '2027-07-02T22:30:00.000Z'],
  ])('%j starts at %s', (text, iso) => {
    expect(instant(text)).toBe(iso);
  });

  it.each([
    ['10000-01-01 00:00', /not one I can plan/],
    ['99999-12-31 23:59', /not one I can plan/],
    ['2028-01-01 18:00', /more than a year ahead/],
    ['2027-02-29 18:00', /not a date on the calendar/],
    ['2027-03-28 02:30', /does not exist on 2027-03-28 in Europe\/Berlin/],
    ['2027-03-02 18:30 CST', /names several zones/],
    ['2027-03-02 18:30 Mars/Olympus', /not a time zone I know/],
    ['2027-03-02 18:30 +15:00', /not an offset/],
  ])('%j is refused with the reason', (text, reason) => {
    expect(instant(text)).toEqual({ error: expect.stringMatching(reason) });
  });
});
