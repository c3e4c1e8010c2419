import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CohortStore } from '../../src/store/cohort-store.js';
import { CohortService } from '../../src/together/cohort-service.js';
import { DAY, HOUR } from '../support/fake-clock.js';
import { progressHarness } from '../support/services.js';

type Harness = Awaited<ReturnType<typeof progressHarness>>;
let h: Harness;
let cohort: CohortService;
let guild = 10;
const freshGuild = () => String(++guild);

beforeAll(async () => {
  h = await progressHarness('cohort', { start: '2026-11-25T10:00:00Z' });
  cohort = new CohortService(new CohortStore(h.redis, h.keys), h.curriculum, h.clock);
});
afterAll(async () => h?.close());

const done = (guildId: string, userId: string, topic: string | null = null) => h.service.done({ guildId, userId }, topic, h.nextInteraction());
const listed = async (guildId: string, caller = 'caller') => (await cohort.view(guildId, caller)).members.map((m) => `${m.userId}:${m.topic?.id ?? 'finished'}`);

describe('the cohort view', () => {
  it('lists members by their current topic, in curriculum order', async () => {
    const g = freshGuild();
    await done(g, 'a'); // alpha done: next beta
    await done(g, 'b', 'alpha');
    await done(g, 'b', 'beta');
    const bNext = (await h.service.next({ guildId: g, userId: 'b' })).topic!;
    expect(bNext.order).toBeGreaterThan(h.curriculum.get('beta')!.order);
    expect(await listed(g)).toEqual(['a:beta', `b:${bNext.id}`]);
  });

  it('counts the last 14 local days: a member last active 14 days ago has left it', async () => {
    const g = freshGuild();
    await h.redis.hset(h.keys.group(g), 'tz', 'Pacific/Auckland');
    h.clock.set('2026-11-01T10:00:00Z');
    await done(g, 'old');
    h.clock.set('2026-11-12T10:00:00Z'); // Auckland: 12 Nov, 23:00
    await done(g, 'edge');
    h.clock.set('2026-11-25T10:00:00Z'); // Auckland: 25 Nov, so the window starts on 12 Nov
    expect(await listed(g)).toEqual(['edge:beta']);
    h.clock.advance(DAY);
    expect(await listed(g)).toEqual([]);
  });

  it('leaves out members who hide, and tells a hiding caller', async () => {
    const g = freshGuild();
    await done(g, 'shy');
    await done(g, 'open');
    await h.redis.sadd(h.keys.privateMembers(g), 'shy');
    const view = await cohort.view(g, 'shy');
    expect(view.members.map((m) => m.userId)).toEqual(['open']);
    expect(view.callerHidden).toBe(true);
    expect(view.pairs).toEqual([]);
  });

  it('shows a member who finished the track as finished, after everyone still studying', async () => {
    const g = freshGuild();
    for (const topic of ['alpha', 'beta', 'delta', 'gamma', 'py-only']) await done(g, 'fast', topic);
    await done(g, 'slow');
    expect(await listed(g)).toEqual(['slow:beta', 'fast:finished']);
  });

  it('finds the current topic of a member whose cursor is gone (an undo back to the start)', async () => {
    const g = freshGuild();
    await done(g, 'u', 'beta');
    await h.redis.hdel(h.keys.member(g, 'u'), 'cursor');
    h.clock.advance(HOUR);
    expect(await listed(g)).toEqual(['u:alpha']);
  });

  it('suggests the caller’s pair first', async () => {
    const g = freshGuild();
    for (const id of ['x', 'y', 'caller']) await done(g, id);
    const view = await cohort.view(g, 'caller');
    expect(view.pairs[0]!.members[0]).toBe('caller');
    expect(view.pairs).toHaveLength(1);
  });
});
