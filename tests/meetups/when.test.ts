import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/meetups/when.js';

const MONDAY = Date.parse('2026-11-23T10:00:00Z');
const read = (text: string, zone: string) => {
  const ms = parseWhen(text, zone, MONDAY);
  return ms === undefined ? undefined : DateTime.fromMillis(ms, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');
};

describe('parseWhen', () => {
  it('reads YYYY-MM-DD HH:MM in the group’s zone', () => {
    expect(read('2026-12-01 18:30', 'Europe/Berlin')).toBe('Tue 2026-12-01 18:30');
    expect(parseWhen('2026-12-01 18:30', 'America/New_York', MONDAY)).toBe(Date.parse('2026-12-01T23:30:00Z'));
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
