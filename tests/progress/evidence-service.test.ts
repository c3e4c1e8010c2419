import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { progressHarness } from '../support/services.js';

type Harness = Awaited<ReturnType<typeof progressHarness>>;
let h: Harness;
let n = 0;
const fresh = () => ({ guildId: '1', userId: String(++n) });

beforeAll(async () => {
  h = await progressHarness('evidence');
});
afterAll(async () => h?.close());

const workOf = async (m: { guildId: string; userId: string }) => (await h.service.progress(m)).work.map((w) => `${w.topicId} ${w.url}`);

describe('a done with a link to the member’s work', () => {
  it('records the link with the topic, and the outcome carries it for the celebration', async () => {
    const m = fresh();
    const outcome = await h.service.done(m, 'alpha', h.nextInteraction(), 'https://github.com/ada/alpha');
    expect(outcome).toMatchObject({ kind: 'recorded', link: 'https://github.com/ada/alpha' });
    expect(await workOf(m)).toEqual(['alpha https://github.com/ada/alpha']);
  });

  it('lists the last five pieces of work in /progress, newest first, with their topics', async () => {
    const m = fresh();
    const topics = ['alpha', 'beta', 'delta', 'gamma', 'py-only'];
    for (const [i, topic] of topics.entries()) await h.service.done(m, topic, h.nextInteraction(), `https://example.com/${i}`);
    await h.service.setTrack(m, 'node');
    await h.service.done(m, 'node-only', h.nextInteraction(), 'https://example.com/5');
    const report = await h.service.progress(m);
    expect(report.work.map((w) => w.url)).toEqual(['https://example.com/5', 'https://example.com/4', 'https://example.com/3', 'https://example.com/2', 'https://example.com/1']);
    expect(report.work[0]).toMatchObject({ topicId: 'node-only', title: h.curriculum.get('node-only')!.title });
  });

  it('is taken back by undo, with the done', async () => {
    const m = fresh();
    await h.service.done(m, 'alpha', h.nextInteraction(), 'https://example.com/alpha');
    await h.service.done(m, 'beta', h.nextInteraction(), 'https://example.com/beta');
    expect(await h.service.undo(m, h.nextInteraction())).toMatchObject({ kind: 'ok', topicId: 'beta' });
    expect(await workOf(m)).toEqual(['alpha https://example.com/alpha']);
  });

  it('stores nothing at all when the link is refused', async () => {
    const m = fresh();
    for (const bad of ['http://example.com/x', 'javascript:alert(1)', 'https://x.com/<@123>']) {
      await expect(h.service.done(m, 'alpha', h.nextInteraction(), bad)).rejects.toBeInstanceOf(UserError);
    }
    expect((await h.service.progress(m)).started).toBe(false);
    expect(await h.redis.exists(h.keys.member('1', m.userId), h.keys.memberWork('1', m.userId))).toBe(0);
  });

  it('keeps no link when the topic was already done', async () => {
    const m = fresh();
    await h.service.done(m, 'alpha', h.nextInteraction());
    expect(await h.service.done(m, 'alpha', h.nextInteraction(), 'https://example.com/late')).toMatchObject({ kind: 'already' });
    expect(await workOf(m)).toEqual([]);
  });

  it('counts once when the same interaction is replayed', async () => {
    const m = fresh();
    await h.service.done(m, 'alpha', 'same-link', 'https://example.com/once');
    expect(await h.service.done(m, 'alpha', 'same-link', 'https://example.com/once')).toMatchObject({ kind: 'already' });
    expect(await workOf(m)).toHaveLength(1);
  });
});

describe('privacy on the boards', () => {
  const guild = '2';
  const at = (userId: string) => ({ guildId: guild, userId });

  beforeAll(async () => {
    // Points: a 10 (alpha), b 35 (alpha, beta), c 10, d 35.
    for (const id of ['a', 'b', 'c', 'd']) await h.service.done(at(id), 'alpha', h.nextInteraction());
    for (const id of ['b', 'd']) await h.service.done(at(id), 'beta', h.nextInteraction());
  });

  it('a member who hides is left out of the board, and the others move up', async () => {
    await h.redis.sadd(h.keys.privateMembers(guild), 'd');
    const board = await h.service.leaderboard(guild, 'all', 'c');
    expect(board.rows.map((r) => r.userId)).toEqual(['b', 'c', 'a']);
    expect(board.rank).toBe(2);
    await h.redis.srem(h.keys.privateMembers(guild), 'd');
    expect((await h.service.leaderboard(guild, 'all', 'c')).rank).toBe(3);
  });

  it('a member who hides sees no rank of their own, on the board or in /progress', async () => {
    await h.redis.sadd(h.keys.privateMembers(guild), 'b');
    expect(await h.service.leaderboard(guild, 'week', 'b')).toMatchObject({ rank: null, hidden: true });
    expect(await h.service.progress(at('b'))).toMatchObject({ hidden: true, showRank: false, points: 35 });
    await h.redis.srem(h.keys.privateMembers(guild), 'b');
  });

  it('a board with more hidden members than its spare rows still fills its top', async () => {
    const g = '3';
    for (let i = 0; i < 30; i++) await h.service.done({ guildId: g, userId: `u${String(i).padStart(2, '0')}` }, i % 2 ? 'alpha' : 'beta', h.nextInteraction());
    const hidden = Array.from({ length: 25 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    await h.redis.sadd(h.keys.privateMembers(g), ...hidden);
    const board = await h.service.leaderboard(g, 'all', 'u29');
    expect(board.rows.map((r) => r.userId).sort()).toEqual(['u25', 'u26', 'u27', 'u28', 'u29']);
    expect(board.rows.every((r) => !hidden.includes(r.userId))).toBe(true);
  });

  it('a server that turned its boards off has no leaderboard, and /progress shows no rank', async () => {
    await h.redis.hset(h.keys.group(guild), 'boards', 'off');
    await expect(h.service.leaderboard(guild, 'week', 'a')).rejects.toThrow(/turned its leaderboards off/);
    expect(await h.service.progress(at('a'))).toMatchObject({ boardsOff: true, showRank: false });
    await h.redis.hdel(h.keys.group(guild), 'boards');
    expect((await h.service.leaderboard(guild, 'week', 'a')).rows).toHaveLength(4);
  });
});
