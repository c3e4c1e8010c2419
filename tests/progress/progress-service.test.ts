import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../support/fake-clock.js';
import { progressHarness } from '../support/services.js';

type Harness = Awaited<ReturnType<typeof progressHarness>>;
let h: Harness;
let n = 0;
const fresh = () => ({ guildId: '1', userId: String(++n) });

beforeAll(async () => {
  h = await progressHarness('progress');
});
afterAll(async () => h?.close());

const done = (m: ReturnType<typeof fresh>, topic: string | null = null) => h.service.done(m, topic, h.nextInteraction());
const skip = (m: ReturnType<typeof fresh>, topic: string | null = null) => h.service.skip(m, topic, h.nextInteraction());
const nextId = async (m: ReturnType<typeof fresh>) => (await h.service.next(m)).topic?.id;

describe('next topic', () => {
  it('is the first topic in order whose prerequisites are closed', async () => {
    const m = fresh();
    expect(await nextId(m)).toBe('alpha');
    await done(m);
    // gamma comes earlier but needs delta; beta is the first ready topic
    expect(await nextId(m)).toBe('beta');
  });

  it('stays the same until finished, even when an earlier topic becomes ready', async () => {
    const m = fresh();
    await done(m, 'alpha');
    expect(await nextId(m)).toBe('beta');
    await done(m, 'delta'); // makes gamma (earlier than beta) ready
    expect(await nextId(m)).toBe('beta');
    await done(m, 'beta');
    expect(await nextId(m)).toBe('gamma');
  });

  it('follows the member’s track', async () => {
    const m = fresh();
    for (const id of ['alpha', 'beta', 'delta', 'gamma']) await skip(m, id);
    expect(await nextId(m)).toBe('py-only');
    await h.service.setTrack(m, 'node');
    expect(await nextId(m)).toBe('node-only');
  });

  it('is empty when every topic on the track is closed, and a bare done says finished', async () => {
    const m = fresh();
    for (const id of ['alpha', 'beta', 'delta', 'gamma', 'py-only']) await skip(m, id);
    expect((await h.service.next(m)).topic).toBeUndefined();
    expect(await done(m)).toEqual({ kind: 'finished' });
  });
});

describe('done', () => {
  it('awards the topic’s points, or one per 10 minutes of effort', async () => {
    const m = fresh();
    const first = await done(m, 'alpha');
    const second = await done(m, 'beta');
    expect(first).toMatchObject({ kind: 'recorded', gained: 10, points: 10 });
    expect(second).toMatchObject({ kind: 'recorded', gained: 25, points: 35 });
  });

  it('turns a skipped topic into a done one, with points', async () => {
    const m = fresh();
    await skip(m, 'alpha');
    expect(await done(m, 'alpha')).toMatchObject({ kind: 'recorded', gained: 10 });
  });

  it('does not skip a topic already done', async () => {
    const m = fresh();
    await done(m, 'alpha');
    expect(await skip(m, 'alpha')).toMatchObject({ kind: 'already', state: 'done' });
  });

  it('counts progress stored under an old id (alias) for the renamed topic', async () => {
    const m = fresh();
    await h.redis.hset(h.keys.memberTopics(m.guildId, m.userId), 'old-alpha', `done:${h.clock.now()}`);
    expect(await nextId(m)).toBe('beta');
    expect(await done(m, 'alpha')).toMatchObject({ kind: 'already', state: 'done' });
    expect((await h.service.progress(m)).done).toBe(1);
  });

  it('rejects a topic of another track without storing anything', async () => {
    const m = fresh();
    await expect(done(m, 'node-only')).rejects.toThrow(/Node\.js track/);
    expect(await h.redis.exists(h.keys.member(m.guildId, m.userId), h.keys.memberTopics(m.guildId, m.userId))).toBe(0);
  });

  it('rejects an unknown topic without storing anything', async () => {
    const m = fresh();
    await expect(done(m, 'nope')).rejects.toThrow(/don't know a topic/);
    expect(await h.redis.exists(h.keys.member(m.guildId, m.userId))).toBe(0);
  });
});

describe('streaks', () => {
  it('grow on consecutive days, hold within a day and restart after a gap', async () => {
    const m = fresh();
    h.clock.set('2026-11-02T09:00:00Z');
    expect(await done(m, 'alpha')).toMatchObject({ streak: 1 });
    h.clock.advance(2 * HOUR);
    expect(await done(m, 'beta')).toMatchObject({ streak: 1 });
    h.clock.advance(DAY);
    expect(await done(m, 'delta')).toMatchObject({ streak: 2, bestStreak: 2 });
    h.clock.advance(2 * DAY);
    expect(await done(m, 'gamma')).toMatchObject({ streak: 1, bestStreak: 2 });
  });

  it('show as zero in progress once a day has been missed', async () => {
    const m = fresh();
    h.clock.set('2026-11-02T09:00:00Z');
    await done(m, 'alpha');
    h.clock.advance(DAY);
    expect((await h.service.progress(m)).streak).toBe(1);
    h.clock.advance(DAY);
    expect((await h.service.progress(m)).streak).toBe(0);
  });

  it('count the group’s local days: 23:30 and 00:30 in Sydney are two days', async () => {
    const sydney = await progressHarness('progress-sydney', { zone: 'Australia/Sydney' });
    const m = fresh();
    try {
      sydney.clock.set('2026-11-02T12:30:00Z'); // 23:30 in Sydney (UTC+11)
      await sydney.service.done(m, 'alpha', 'a');
      sydney.clock.set('2026-11-02T13:30:00Z'); // 00:30 the next day in Sydney, same UTC day
      expect(await sydney.service.done(m, 'beta', 'b')).toMatchObject({ streak: 2 });
    } finally {
      await sydney.close();
    }
  });
});

describe('undo', () => {
  it('restores points, streak, boards and the next topic', async () => {
    const m = fresh();
    h.clock.set('2026-11-02T09:00:00Z');
    await done(m, 'alpha');
    h.clock.advance(DAY);
    await done(m, 'beta');
    const undone = await h.service.undo(m, h.nextInteraction());
    expect(undone).toMatchObject({ kind: 'ok', action: 'done', topicId: 'beta', points: 25 });
    const report = await h.service.progress(m);
    expect(report).toMatchObject({ points: 10, streak: 1, bestStreak: 1, done: 1 });
    expect(await nextId(m)).toBe('beta');
    const board = await h.service.leaderboard(m.guildId, 'all', m.userId);
    expect(board.points).toBe(10);
  });

  it('of the first done leaves the member off every board', async () => {
    const m = fresh();
    await done(m, 'alpha');
    await h.service.undo(m, h.nextInteraction());
    for (const period of ['week', 'month', 'all'] as const) {
      expect((await h.service.leaderboard(m.guildId, period, m.userId)).rank).toBeNull();
    }
  });

  it('applies once when the same interaction is replayed', async () => {
    const m = fresh();
    await done(m, 'alpha');
    await done(m, 'beta');
    expect(await h.service.undo(m, 'same')).toMatchObject({ kind: 'ok', topicId: 'beta' });
    expect(await h.service.undo(m, 'same')).toEqual({ kind: 'replay' });
    expect((await h.service.progress(m)).done).toBe(1);
  });
});

describe('leaderboards', () => {
  it('keep weeks apart at the ISO week boundary', async () => {
    const guild = '77';
    h.clock.set('2026-11-29T23:59:00Z'); // Sunday of 2026-W48
    await h.service.done({ guildId: guild, userId: 'a' }, 'alpha', h.nextInteraction());
    h.clock.set('2026-11-30T00:01:00Z'); // Monday of 2026-W49
    await h.service.done({ guildId: guild, userId: 'b' }, 'alpha', h.nextInteraction());
    const week = await h.service.leaderboard(guild, 'week', 'a');
    expect(week.label).toBe('2026-W49');
    expect(week.rows).toEqual([{ userId: 'b', points: 10 }]);
    expect((await h.service.leaderboard(guild, 'month', 'a')).rows).toHaveLength(2); // both in November
    expect((await h.service.leaderboard(guild, 'all', 'a')).rows).toHaveLength(2);
  });

  it('period boards expire on their own', async () => {
    const m = fresh();
    h.clock.set('2026-11-23T10:00:00Z');
    await done(m, 'alpha');
    const weekTtl = await h.redis.ttl(h.keys.boardWeek(m.guildId, '2026-W48'));
    const monthTtl = await h.redis.ttl(h.keys.boardMonth(m.guildId, '2026-11'));
    expect(weekTtl).toBeGreaterThan(119 * 86_400);
    expect(monthTtl).toBeGreaterThan(399 * 86_400);
    expect(await h.redis.ttl(h.keys.boardAll(m.guildId))).toBe(-1);
  });

  it('rank the top members and place the caller', async () => {
    const guild = '88';
    h.clock.set('2026-11-23T10:00:00Z');
    for (let i = 0; i < 12; i++) {
      const m = { guildId: guild, userId: `u${i}` };
      await done(m, 'alpha');
      if (i % 2 === 0) await done(m, 'beta');
    }
    const board = await h.service.leaderboard(guild, 'week', 'u11');
    expect(board.rows).toHaveLength(10);
    expect(board.rows[0]!.points).toBe(35);
    expect(board.rank).toBeGreaterThan(6);
    expect(board.points).toBe(10);
  });
});
