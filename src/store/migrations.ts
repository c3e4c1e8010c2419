import { scanKeys, type RedisClient as Redis } from './redis.js';
import type { Logger } from '../log.js';
import { periodsAt } from '../progress/periods.js';
import { decodeUndo, encodeUndo, type UndoEntry } from '../progress/undo-entry.js';
import { ACTIVE_KEEP_MS, type Keys } from './keys.js';

/**
 * The layout this version writes. 2: undo entries name periods, not keys (progress/undo-entry.ts).
 * 3: the cohort's activity index ({g}:active), filled from each member's newest undo entry.
 */
export const SCHEMA_VERSION = 3;

/**
 * Brings data written by older versions to the current layout. Runs at start; idempotent and safe
 * with several replicas starting at once (each entry is rewritten only if it is still what was
 * read), so a replica that dies half-way leaves nothing broken: the next start finishes the job.
 */
export async function migrate(redis: Redis, keys: Keys, log: Logger, nowMs: number): Promise<void> {
  const current = Number((await redis.get(keys.schemaVersion())) ?? 1);
  if (current >= SCHEMA_VERSION) return;
  const converted = current < 2 ? await convertUndoLogs(redis, keys) : 0;
  const indexed = current < 3 ? await indexActivity(redis, keys, nowMs) : 0;
  await redis.set(keys.schemaVersion(), SCHEMA_VERSION);
  log.info({ from: current, to: SCHEMA_VERSION, undoEntries: converted, activeMembers: indexed }, 'data migrated');
}

/**
 * Members who studied before the activity index existed enter it with their last done or skip (the
 * newest undo entry), so /cohort shows them at once after an upgrade. ZADD GT never moves a member
 * back in time if they studied meanwhile.
 */
async function indexActivity(redis: Redis, keys: Keys, nowMs: number): Promise<number> {
  let indexed = 0;
  for await (const batch of scanKeys(redis, keys.memberLogPattern())) {
    for (const key of batch) {
      const guildId = keys.guildOf(key);
      const userId = /:member:([^:]+):log$/.exec(key)?.[1];
      const newest = await redis.lindex(key, 0);
      const at = newest ? decodeUndo(newest)?.at : undefined;
      if (!guildId || !userId || !at || at < nowMs - ACTIVE_KEEP_MS) continue;
      indexed += await redis.zadd(keys.activeMembers(guildId), 'GT', at, userId);
    }
  }
  return indexed;
}

async function convertUndoLogs(redis: Redis, keys: Keys): Promise<number> {
  let converted = 0;
  for await (const batch of scanKeys(redis, keys.memberLogPattern())) {
    for (const key of batch) {
      const entries = await redis.lrange(key, 0, -1);
      for (const [index, raw] of entries.entries()) {
        const entry = decodeUndo(raw) ? undefined : fromVersion1(raw);
        if (entry) converted += await redis.syllabotReplaceEntry(key, index, raw, encodeUndo(entry));
      }
    }
  }
  return converted;
}

/**
 * Version 1 entries were written by the old Lua rules: the same facts, with the boards' key names
 * where the periods now stand. The period is the key's last segment.
 */
export function fromVersion1(raw: string): UndoEntry | undefined {
  let old: Record<string, unknown>;
  try {
    old = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if ((old.a !== 'done' && old.a !== 'skip') || typeof old.t !== 'string') return undefined;
  const at = Number(old.ts ?? 0);
  const boards = Array.isArray(old.boards) ? (old.boards as string[]) : [];
  const fallback = periodsAt(at, 'UTC');
  const period = (pattern: RegExp) => boards.map((key) => pattern.exec(key)?.[1]).find(Boolean);
  const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
  return {
    action: old.a,
    topicId: old.t,
    previous: { field: text(old.prevField), value: text(old.prev) },
    points: Number(old.pts ?? 0),
    before: { streak: Number(old.streak || 0), bestStreak: Number(old.best || 0), lastDay: text(old.lastDay), cursor: text(old.cursor) },
    review: '',
    week: period(/:board:week:([^:]+)$/) ?? fallback.week,
    month: period(/:board:month:([^:]+)$/) ?? fallback.month,
    at,
  };
}
