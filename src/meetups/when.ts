import * as chrono from 'chrono-node';
import { DateTime, FixedOffsetZone, type Zone } from 'luxon';
import { AMBIGUOUS, abbreviationZone, readZone } from '../scheduler/zones.js';

export type WhenReading = { ms: number } | { error: string };

/** A meetup is planned at most this far ahead; a later date is almost always a typo. */
export const MAX_AHEAD_DAYS = 365;

const EXACT = /^(\d{4,})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** A zone written after the time: Z, UTC/GMT, an offset, an IANA name or an abbreviation. */
const TRAILING_ZONE = /(?:(?<=\d)Z|\s+(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}|[A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?|[A-Za-z]{2,5}))$/;

/**
 * Reads when a meetup starts. The zone the admin wrote wins: `Z`, `UTC`, an offset (`+05:00`), an
 * IANA name, or an abbreviation with one meaning (`EST` is UTC−5); with none, the group's zone.
 * `YYYY-MM-DD HH:MM` always works; natural phrases ("tomorrow 18:00", "friday 7pm") go through
 * chrono, a well-kept parser, and mean the next such moment. Dates that do not exist, times lost to
 * a daylight-saving change, and dates more than a year ahead are refused with the reason.
 */
export function parseWhen(text: string, groupZone: string, nowMs: number): WhenReading {
  const trimmed = text.trim();
  const written = TRAILING_ZONE.exec(trimmed);
  let zone: Zone | string = groupZone;
  let rest = trimmed;
  if (written) {
    const named = writtenZone(written[0].trim(), nowMs);
    if ('error' in named) {
      // A trailing word that is no zone ("friday 7pm") is part of the phrase.
      if (named.error !== NOT_A_ZONE) return named;
    } else {
      zone = named.zone;
      rest = trimmed.slice(0, written.index).trim();
    }
  }
  const reading = EXACT.test(rest) ? exactTime(rest, zone) : naturalTime(rest, zone, nowMs);
  if ('error' in reading) return reading;
  if (reading.ms > nowMs + MAX_AHEAD_DAYS * 86_400_000) {
    return { error: `That is more than a year ahead (${DateTime.fromMillis(reading.ms, { zone }).toFormat('yyyy-MM-dd HH:mm')}). Plan meetups within the next ${MAX_AHEAD_DAYS} days.` };
  }
  return reading;
}

const NOT_A_ZONE = 'not a zone';

function writtenZone(word: string, nowMs: number): { zone: Zone | string } | { error: string } {
  const upper = word.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT') return { zone: 'UTC' };
  const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(word);
  if (offset) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
    return Math.abs(minutes) <= 14 * 60 ? { zone: FixedOffsetZone.instance(minutes) } : { error: `\`${word}\` is not an offset from UTC (they run from −14:00 to +14:00).` };
  }
  if (word.includes('/')) {
    const named = readZone(word, nowMs);
    return 'error' in named ? named : { zone: named.zone };
  }
  const abbreviation = abbreviationZone(upper);
  if (abbreviation) return { zone: abbreviation };
  if (AMBIGUOUS.has(upper)) return { error: `\`${word}\` names several zones. Write the time with an IANA zone instead, like \`2027-03-02 18:30 America/Chicago\`.` };
  return { error: NOT_A_ZONE };
}

function exactTime(text: string, zone: Zone | string): WhenReading {
  const [year, month, day, hour, minute, second = 0] = EXACT.exec(text)!.slice(1).filter((part) => part !== undefined).map(Number) as number[];
  if (year! > 9999) return { error: `The year ${year} is not one I can plan a meetup in.` };
  const at = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!at.isValid || at.day !== day || at.month !== month) return { error: `${date} is not a date on the calendar.` };
  if (at.hour !== hour || at.minute !== minute) {
    return { error: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} does not exist on ${date} in ${typeof zone === 'string' ? zone : zone.name}: the clocks skip it for daylight saving. Pick another time.` };
  }
  return { ms: at.toMillis() };
}

function naturalTime(text: string, zone: Zone | string, nowMs: number): WhenReading {
  const unreadable = { error: `I could not read \`${text.replaceAll('`', '').slice(0, 60)}\` as a time.` };
  const reference = { instant: new Date(nowMs), timezone: DateTime.fromMillis(nowMs, { zone }).offset };
  const [result] = chrono.parse(text, reference, { forwardDate: true });
  if (!result || !result.start.isCertain('hour')) return unreadable;
  const fields = { year: result.start.get('year')!, month: result.start.get('month')!, day: result.start.get('day')!, hour: result.start.get('hour')!, minute: result.start.get('minute') ?? 0 };
  const at = DateTime.fromObject(fields, { zone });
  if (!at.isValid || at.hour !== fields.hour) return unreadable;
  return { ms: at.toMillis() };
}
