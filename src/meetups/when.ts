import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

/**
 * Reads when a meetup starts, in the group's time zone: `YYYY-MM-DD HH:MM` always works; natural
 * phrases ("tomorrow 18:00", "friday 7pm") go through chrono, a well-kept parser, and always mean
 * the next such moment. Undefined when the text names no time.
 */
export function parseWhen(text: string, zone: string, nowMs: number): number | undefined {
  const exact = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim());
  if (exact) {
    const [, year, month, day, hour, minute] = exact.map(Number);
    const at = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
    return at.isValid && at.hour === hour && at.day === day ? at.toMillis() : undefined;
  }
  const reference = { instant: new Date(nowMs), timezone: DateTime.fromMillis(nowMs, { zone }).offset };
  const [result] = chrono.parse(text, reference, { forwardDate: true });
  if (!result || !result.start.isCertain('hour')) return undefined;
  const at = DateTime.fromObject(
    {
      year: result.start.get('year')!,
      month: result.start.get('month')!,
      day: result.start.get('day')!,
      hour: result.start.get('hour')!,
      minute: result.start.get('minute') ?? 0,
    },
    { zone },
  );
  return at.isValid ? at.toMillis() : undefined;
}
