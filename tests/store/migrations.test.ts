import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { decodeUndo } from '../../src/progress/undo-entry.js';
import { migrate, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { progressHarness } from '../support/services.js';

type Harness = Awaited<ReturnType<typeof progressHarness>>;
let h: Harness;
const log = createLogger('silent');
const m = { guildId: '7', userId: 'u1' };

beforeAll(async () => {
  h = await progressHarness('migrations');
});
afterAll(async () => h?.close());

/** A member as the version-1 Lua rules left them: alpha done (10 points) on 2026-11-23, beta skipped after. */
async function writeVersion1Member() {
  const k = h.keys;
  const boards = [k.boardAll(m.guildId), k.boardWeek(m.guildId, '2026-W48'), k.boardMonth(m.guildId, '2026-11')];
  const done = { a: 'done', t: 'alpha', u: 'u1', ts: '1763892000000', prevField: '', prev: '', cursor: '', streak: '', best: '', lastDay: '', pts: 10, boards, stats: k.groupWeekStats(m.guildId, '2026-W48') };
  const skip = { a: 'skip', t: 'beta', u: 'u1', ts: '1763893000000', prevField: '', prev: '', cursor: 'beta', streak: '1', best: '1', lastDay: '2026-11-23', pts: 0, boards: {} };
  await h.redis
    .multi()
    .del(k.member(m.guildId, m.userId), k.memberTopics(m.guildId, m.userId), k.memberLog(m.guildId, m.userId))
    .hset(k.member(m.guildId, m.userId), { points: 10, streak: 1, bestStreak: 1, lastDay: '2026-11-23', cursor: 'delta' })
    .hset(k.memberTopics(m.guildId, m.userId), { alpha: 'done:1763892000000', beta: 'skip:1763893000000' })
    .rpush(k.memberLog(m.guildId, m.userId), JSON.stringify(skip), JSON.stringify(done))
    .zadd(boards[0]!, 10, 'u1')
    .zadd(boards[1]!, 10, 'u1')
    .zadd(boards[2]!, 10, 'u1')
    .hset(k.groupWeekStats(m.guildId, '2026-W48'), 'done', 1)
    .exec();
  await h.redis.del(k.schemaVersion()); // another slot than the guild's: its own call on a cluster
}

describe('migrating version-1 data', () => {
  it('rewrites undo entries to name periods instead of keys, and records the layout version', async () => {
    await writeVersion1Member();
    await migrate(h.redis, h.keys, log, h.clock.now());
    const entries = await h.redis.lrange(h.keys.memberLog(m.guildId, m.userId), 0, -1);
    expect(entries.map((raw) => decodeUndo(raw))).toMatchObject([
      { action: 'skip', topicId: 'beta', points: 0, before: { cursor: 'beta', streak: 1 } },
      { action: 'done', topicId: 'alpha', points: 10, week: '2026-W48', month: '2026-11', before: { streak: 0, lastDay: '' } },
    ]);
    expect(entries.join()).not.toContain('board');
    expect(await h.redis.get(h.keys.schemaVersion())).toBe(String(SCHEMA_VERSION));
  });

  it('lets a member undo, after the migration, what they did before it', async () => {
    await writeVersion1Member();
    await migrate(h.redis, h.keys, log, h.clock.now());
    expect(await h.service.undo(m, h.nextInteraction())).toMatchObject({ kind: 'ok', action: 'skip', topicId: 'beta' });
    expect(await h.service.undo(m, h.nextInteraction())).toMatchObject({ kind: 'ok', action: 'done', topicId: 'alpha', points: 10 });
    expect(await h.redis.hgetall(h.keys.memberTopics(m.guildId, m.userId))).toEqual({});
    expect(await h.redis.zscore(h.keys.boardWeek(m.guildId, '2026-W48'), 'u1')).toBeNull();
    expect(await h.redis.hget(h.keys.member(m.guildId, m.userId), 'points')).toBe('0');
  });

  it('does nothing the second time', async () => {
    await writeVersion1Member();
    await migrate(h.redis, h.keys, log, h.clock.now());
    const after = await h.redis.lrange(h.keys.memberLog(m.guildId, m.userId), 0, -1);
    await h.redis.rpush(h.keys.memberLog(m.guildId, m.userId), '{"a":"done","t":"x","boards":["k:board:week:2026-W01"]}');
    await migrate(h.redis, h.keys, log, h.clock.now());
    expect((await h.redis.lrange(h.keys.memberLog(m.guildId, m.userId), 0, -1)).slice(0, 2)).toEqual(after);
    expect(await h.redis.lindex(h.keys.memberLog(m.guildId, m.userId), -1)).toContain('board');
  });
});

describe('migrating version-2 data', () => {
  it('puts members who studied in the last 30 days in the cohort’s activity index, and nobody older', async () => {
    const g = '8';
    h.clock.set('2026-11-01T10:00:00Z');
    await h.service.done({ guildId: g, userId: 'old' }, null, h.nextInteraction());
    h.clock.set('2026-11-20T10:00:00Z');
    await h.service.skip({ guildId: g, userId: 'recent' }, null, h.nextInteraction());
    h.clock.set('2026-12-05T10:00:00Z');
    // As version 2 left them: no activity index yet.
    await h.redis.del(h.keys.activeMembers(g));
    await h.redis.set(h.keys.schemaVersion(), 2);
    await migrate(h.redis, h.keys, log, h.clock.now());
    expect(await h.redis.zrange(h.keys.activeMembers(g), 0, -1, 'WITHSCORES')).toEqual(['recent', String(Date.parse('2026-11-20T10:00:00Z'))]);
    expect(await h.redis.get(h.keys.schemaVersion())).toBe('3');
  });
});
