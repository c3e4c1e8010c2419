import { z } from 'zod';

/**
 * One line of a member's undo log: what a done or skip changed, in the terms of the rules (topic,
 * action, points, the streak and cursor before), never Redis key names. The period names say which
 * boards the points went to; store/keys.ts turns them into keys when the undo is applied, so a
 * change of key layout never strands an old entry.
 */
export interface UndoEntry {
  action: 'done' | 'skip';
  topicId: string;
  /** The topic's stored state before, and the field it was under ('' when it was open). */
  previous: { field: string; value: string };
  /** Points the done gave (0 for a skip). */
  points: number;
  /** The member's streak, best streak, last day and cursor before. */
  before: { streak: number; bestStreak: number; lastDay: string; cursor: string };
  /** The periods the points were counted in. */
  week: string;
  month: string;
  at: number;
}

const entrySchema = z.object({
  v: z.literal(2),
  a: z.enum(['done', 'skip']),
  t: z.string(),
  pf: z.string(),
  pv: z.string(),
  p: z.number(),
  s: z.number(),
  b: z.number(),
  d: z.string(),
  c: z.string(),
  w: z.string(),
  m: z.string(),
  at: z.number(),
});

/** Compact JSON: the log holds up to UNDO_DEPTH entries per member. */
export function encodeUndo(e: UndoEntry): string {
  return JSON.stringify({
    v: 2,
    a: e.action,
    t: e.topicId,
    pf: e.previous.field,
    pv: e.previous.value,
    p: e.points,
    s: e.before.streak,
    b: e.before.bestStreak,
    d: e.before.lastDay,
    c: e.before.cursor,
    w: e.week,
    m: e.month,
    at: e.at,
  });
}

/** An entry as written by encodeUndo; undefined for anything else (see store/migrations.ts for the old form). */
export function decodeUndo(raw: string): UndoEntry | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = entrySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  return {
    action: e.a,
    topicId: e.t,
    previous: { field: e.pf, value: e.pv },
    points: e.p,
    before: { streak: e.s, bestStreak: e.b, lastDay: e.d, cursor: e.c },
    week: e.w,
    month: e.m,
    at: e.at,
  };
}
