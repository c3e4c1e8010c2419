import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_CURRICULUM } from '../support/services.js';
import { World } from '../support/world.js';

let world: World;
beforeAll(async () => {
  world = await World.start('edges', { curriculumDir: SMALL_CURRICULUM });
});
afterAll(async () => world?.stop());

describe('a member whose Discord app holds an older version of a command', () => {
  it('is asked to run it again when an option has a value the command no longer offers', async () => {
    const reply = await world.member('400000000000000210').run('leaderboard', { period: 'year' }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('This command was just updated');
  });

  it('is asked to run it again when an option arrives with another type', async () => {
    const reply = await world.member('400000000000000211').run('done', { topic: { user: '400000000000000212' } }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('This command was just updated');
  });
});

describe('edges of the learning loop', () => {
  it('a member who finished everything is told so by /next, /done and /skip', async () => {
    const member = world.member('400000000000000201');
    for (const topic of ['alpha', 'beta', 'delta', 'gamma', 'py-only']) await member.run('skip', { topic }).reply();
    const next = await member.run('next').reply();
    expect(next.ephemeral).toBe(true);
    expect(next.content).toContain('finished every topic on the Python track');
    expect((await member.run('done').reply()).content).toContain('no open topic left');
    expect((await member.run('skip').reply()).content).toContain('no open topic left');
  });

  it('the last done says it was the last open topic', async () => {
    const member = world.member('400000000000000202');
    for (const topic of ['alpha', 'beta', 'delta', 'gamma']) await member.run('skip', { topic }).reply();
    const [celebration] = await member.run('done').messages(1);
    expect(celebration!.content).toContain('last open topic');
  });

  it('an empty leaderboard invites the first points', async () => {
    const empty = await World.start('edges-empty', { curriculumDir: SMALL_CURRICULUM, guilds: [{ id: '200000000000000009' }] });
    try {
      const reply = await empty.member('400000000000000203', '200000000000000009').run('leaderboard', { period: 'month' }).reply();
      expect(reply.embeds[0]?.description).toContain('No points this month yet');
      expect(reply.embeds[0]?.description).toContain('You are not on this board yet');
    } finally {
      await empty.stop();
    }
  });

  it('the weekly leaderboard lists members as mentions with their points, then the caller’s rank, to the caller only', async () => {
    const a = world.member('400000000000000204');
    const b = world.member('400000000000000205');
    await a.run('done', { topic: 'alpha' }).messages(1);
    await b.run('done', { topic: 'beta' }).messages(1);
    const reply = await a.run('leaderboard').reply();
    expect(reply.ephemeral).toBe(true);
    const lines = reply.embeds[0]!.description!.split('\n');
    expect(lines[0]).toBe('🥇 <@400000000000000205> — 25 points');
    expect(lines).toContain('🥈 <@400000000000000204> — 10 points');
    expect(reply.embeds[0]!.description).toContain('Your rank: **#2** with 10 points.');
    expect(reply.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(reply.components[0]!.components.map((c) => c.label)).toEqual(['Share']);
  });

  it('Share posts the leaderboard for everyone, naming who shared it and nobody’s own rank', async () => {
    const a = world.member('400000000000000207');
    await a.run('done', { topic: 'alpha' }).messages(1);
    const board = await a.run('leaderboard', { period: 'all' }).reply();
    const shared = await a.press(board.components[0]!.components[0]!.custom_id!).reply();
    expect(shared.kind).toBe('reply');
    expect(shared.ephemeral).toBe(false);
    expect(shared.embeds[0]!.title).toBe('🏆 Leaderboard — all time');
    expect(shared.embeds[0]!.description).toContain('<@400000000000000207> — 10 points');
    expect(shared.embeds[0]!.description).toContain('Shared by <@400000000000000207>.');
    expect(shared.embeds[0]!.description).not.toContain('Your rank');
    expect(shared.components).toEqual([]);
    expect(shared.allowedMentions).toEqual({ parse: [], replied_user: false });
  });

  it('/progress of a bot is a friendly error', async () => {
    const reply = await world.member('400000000000000206').run('progress', { member: { user: '900000000000000001' } }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('Bots do not study');
  });
});
