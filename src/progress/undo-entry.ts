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
  p: z.number(),
  s: z.number(),
  b: z.number(),
  w: z.string(),
  m: z.string(),
  at: z.number(),
};

/** The state before, as version 2 always wrote it. */
const before = { pf: z.string(), pv: z.string(), d: z.string(), c: z.string() };

/**
 * Version 3 adds the freezes (f, absent when unknown) and the last study instant (la) before, the
 * review before (r) and, when the done came with a link, the work entry it added (k). It leaves out
 * what is empty (pf, pv, d, r, la, k) and the cursor when it was the topic itself (c), the common
 * case: every byte of the entry travels to Redis with each done and back with each undo.
 */
const entrySchema = z.discriminatedUnion('v', [
  z.object({
    v: z.literal(3),
    ...common,
    pf: z.string().default(''),
    pv: z.string().default(''),
    d: z.string().default(''),
    c: z.string().optional(),
    f: z.number().optional(),
    la: z.number().default(0),
    r: z.string().default(''),
    k: z.string().optional(),
  }),
  // Written before self-checks, reviews and freezes: decoded with defaults (nothing to restore).
  z.object({ v: z.literal(2), ...common, ...before }),
]);

/** Compact JSON: the log holds up to UNDO_DEPTH entries per member. */
export function encodeUndo(e: UndoEntry): string {
  const unless = <T>(value: T, empty: T) => (value === empty ? undefined : value);
  return JSON.stringify({
    v: 3,
    a: e.action,
    t: e.topicId,
    pf: unless(e.previous.field, ''),
    pv: unless(e.previous.value, ''),
    p: e.points,
    s: e.before.streak,
    b: e.before.bestStreak,
    d: unless(e.before.lastDay, ''),
    c: unless(e.before.cursor, e.topicId),
    f: e.before.freezes,
    la: e.before.lastAt || undefined,
    r: unless(e.review, ''),
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
      // Version 3 leaves the cursor out when it was the topic itself.
      cursor: e.c ?? e.t,
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
