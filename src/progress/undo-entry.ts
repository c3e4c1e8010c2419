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
  /**
   * The member's streak, best streak, last day and cursor before; the freezes held and the instant
   * of the last study day before, when the entry knows them (entries from before freezes existed
   * do not: undo leaves the freezes as they are and clears the instant, see decodeUndo).
   */
  before: { streak: number; bestStreak: number; lastDay: string; cursor: string; freezes?: number; lastAt?: number };
  /** The topic's review before ("<stage>:<day>", '' for none): undo puts it back, so a done's review goes. */
  review: string;
  /** The periods the points were counted in. */
  week: string;
  month: string;
  at: number;
  /** The work entry the done added (evidence.ts, as stored), which undo removes */
  work?: string;
}

const common = {
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
};

/**
 * Version 3 adds the freezes (f, absent when unknown) and the last study instant (la, 0: none) before,
 * the review before (r) and, when the done came with a link, the work entry it added (k, optional:
 * entries written before links decode without it).
 */
const entrySchema = z.discriminatedUnion('v', [
  z.object({ v: z.literal(3), ...common, f: z.number().optional(), la: z.number(), r: z.string(), k: z.string().optional() }),
  // Written before self-checks, reviews and freezes: decoded with defaults (nothing to restore).
  z.object({ v: z.literal(2), ...common }),
]);

/** Compact JSON: the log holds up to UNDO_DEPTH entries per member. */
export function encodeUndo(e: UndoEntry): string {
  return JSON.stringify({
    v: 3,
    a: e.action,
    t: e.topicId,
    pf: e.previous.field,
    pv: e.previous.value,
    p: e.points,
    s: e.before.streak,
    b: e.before.bestStreak,
    d: e.before.lastDay,
    c: e.before.cursor,
    f: e.before.freezes,
    la: e.before.lastAt ?? 0,
    r: e.review,
    w: e.week,
    m: e.month,
    at: e.at,
    k: e.work,
  });
}

/**
 * An entry as written by encodeUndo (version 3) or by the version before it (2), which knew nothing
 * of freezes, reviews or the last study instant: it decodes with the freezes unknown (undo keeps
 * them), no instant and no review (there was none: a done then planned none). Undefined for anything
 * else (see store/migrations.ts for version 1).
 */
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
  const v3 = e.v === 3 ? e : undefined;
  return {
    action: e.a,
    topicId: e.t,
    previous: { field: e.pf, value: e.pv },
    points: e.p,
    before: {
      streak: e.s,
      bestStreak: e.b,
      lastDay: e.d,
      cursor: e.c,
      ...(v3?.f !== undefined ? { freezes: v3.f } : {}),
      ...(v3 && v3.la ? { lastAt: v3.la } : {}),
    },
    review: v3?.r ?? '',
    week: e.w,
    month: e.m,
    at: e.at,
    ...(v3?.k ? { work: v3.k } : {}),
  };
}
