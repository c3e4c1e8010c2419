import { describe, expect, it } from 'vitest';
import { readZone } from '../../src/scheduler/zones.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const read = (input: string) => readZone(input, NOW);

describe('reading the time zone an admin typed', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['  America/New_York ', 'America/New_York'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['utc', 'UTC'],
    ['Etc/GMT-3', 'Etc/GMT-3'],
  ])('stores %j as the canonical name %s, without a note', (input, zone) => {
    expect(read(input)).toEqual({ zone });
  });

  it.each([
    ['US/Eastern', 'America/New_York', /older name/],
    ['EST', 'America/Panama', /fixed UTC−5 with no daylight saving.*America\/New_York/],
    ['PST', 'America/Los_Angeles', /abbreviation/],
  ])('accepts %j as %s, with a note naming the usual zone', (input, zone, note) => {
    const reading = read(input);
    expect(reading).toMatchObject({ zone });
    expect((reading as { note: string }).note).toMatch(note);
  });

  it.each([
    ['local', /whichever machine/],
    ['system', /whichever machine/],
    ['UTC+3', /Europe\/Moscow`, `Asia\/Riyadh` or `Etc\/GMT-3/],
    ['+05:30', /Asia\/Kolkata/],
    ['GMT-5', /America\/New_York/],
    ['CST', /names several zones/],
    ['Mars/Olympus', /not a time zone I know/],
    ['', /IANA time zone name/],
  ])('refuses %j with a reason and a suggestion', (input, error) => {
    expect(read(input)).toEqual({ error: expect.stringMatching(error) });
  });
});
