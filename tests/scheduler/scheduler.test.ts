import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { dailyJob } from '../../src/scheduler/job.js';
import { DiscordStandin, type GuildSpec } from '../../standin/discord-standin.js';
import { FakeClock, HOUR, DAY } from '../support/fake-clock.js';
import { deletePrefix, plainRedis, uniquePrefix } from '../support/redis.js';
import { OwnRedisServer } from '../../standin/redis-server.js';
import { schedulerInstance } from '../support/scheduler-stack.js';
import { DEFAULT_LEASE_MS, TICK_EVERY_MS } from '../../src/scheduler/scheduler.js';

const GROUPS = 100;
const guilds: GuildSpec[] = Array.from({ length: GROUPS }, (_, n) => ({ id: String(210000000000000000n + BigInt(n)), channelIds: [String(310000000000000000n + BigInt(n))] }));
const channelOf = (n: number) => guilds[n]!.channelIds![0]!;

let standin: DiscordStandin;
let prefix: string;
const instances: Array<{ close(): void }> = [];

beforeAll(async () => {
  standin = await new DiscordStandin(guilds).start();
});
afterAll(async () => standin?.stop());
afterEach(async () => {
  instances.splice(0).forEach((i) => i.close());
  standin.reset();
  const redis = plainRedis();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

/** Sets up `count` groups whose daily prompt is 09:00 Berlin; the clock stands the day before. */
async function setUp(count: number, clock: FakeClock) {
  prefix = uniquePrefix('sched');
  const admin = await schedulerInstance(standin, prefix, clock);
  instances.push(admin);
  for (let n = 0; n < count; n++) await admin.groups.setup(guilds[n]!.id, { channelId: channelOf(n), time: '09:00', timezone: 'Europe/Berlin' });
  return admin;
}

const nineBerlin = (isoDate: string) => DateTime.fromISO(`${isoDate}T09:00`, { zone: 'Europe/Berlin' }).toMillis();

describe('the scheduler', () => {
  it('posts exactly 100 times when two instances tick over 100 groups due in the same minute', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    await setUp(GROUPS, clock);
    const a = await schedulerInstance(standin, prefix, clock);
    const b = await schedulerInstance(standin, prefix, clock);
    instances.push(a, b);
    clock.set(new Date(nineBerlin('2026-11-24') + 20_000).toISOString());
    const [ranA, ranB] = await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    expect(ranA + ranB).toBe(GROUPS);
    expect(standin.messages).toHaveLength(GROUPS);
    for (let n = 0; n < GROUPS; n++) expect(standin.channelMessages(channelOf(n))).toHaveLength(1);
    // and each group's next prompt is queued for the next morning
    expect(await a.scheduleStore.dueAt(dailyJob(guilds[0]!.id))).toBe(nineBerlin('2026-11-25'));
  });

  it('still posts every job once when an instance dies after claiming, some posted and some not', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    await setUp(10, clock);
    // Instance A posts for the first five groups it runs, then hangs as if the process died.
    let posted = 0;
    const a = await schedulerInstance(standin, prefix, clock, (poster) => ({
      ...poster,
      dailyPrompt: async (...args) => {
        if (posted++ < 5) await poster.dailyPrompt(...args);
        return new Promise<void>(() => {});
      },
    }));
    const b = await schedulerInstance(standin, prefix, clock);
    instances.push(a, b);
    clock.set(new Date(nineBerlin('2026-11-24') + 5_000).toISOString());
    void a.scheduler.tick();
    await expect.poll(() => standin.messages.length).toBe(5);
    expect(await b.scheduler.tick()).toBe(0); // A holds the leases
    clock.advance(61_000); // A's leases run out
    expect(await b.scheduler.tick()).toBe(10);
    for (let n = 0; n < 10; n++) expect(standin.channelMessages(channelOf(n)), `group ${n}`).toHaveLength(1);
  });

  it('hands back the jobs in hand on stop, so another instance posts them at once', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    await setUp(3, clock);
    const stuck = await schedulerInstance(standin, prefix, clock, (poster) => ({ ...poster, dailyPrompt: () => new Promise<void>(() => {}) }));
    const other = await schedulerInstance(standin, prefix, clock);
    instances.push(stuck, other);
    clock.set(new Date(nineBerlin('2026-11-24') + 1_000).toISOString());
    void stuck.scheduler.tick();
    await expect.poll(() => stuck.redis.zcard(stuck.keys.schedLease())).toBe(3);
    await stuck.scheduler.stop(50);
    expect(await other.scheduler.tick()).toBe(3); // no need to wait for the lease to run out
    expect(standin.messages).toHaveLength(3);
  });

  it('posts what fell due while Redis was down once it is back, by the catch-up rule', async () => {
    const redis = await OwnRedisServer.start({ persistent: true });
    try {
      const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
      prefix = uniquePrefix('sched-outage');
      const s = await schedulerInstance(standin, prefix, clock, undefined, redis.url);
      instances.push(s);
      s.redis.on('error', () => {});
      await s.groups.setup(guilds[0]!.id, { channelId: channelOf(0), time: '09:00', timezone: 'Europe/Berlin' });
      await redis.kill();
      clock.set(new Date(nineBerlin('2026-11-24')).toISOString());
      expect(await s.scheduler.tick()).toBe(0); // the tick fails quietly; nothing is lost
      await redis.resume();
      clock.advance(HOUR); // Redis is back an hour later: still inside the 2-hour window
      await expect.poll(() => s.scheduler.tick(), { timeout: 10_000, interval: 200 }).toBe(1);
      expect(standin.channelMessages(channelOf(0))).toHaveLength(1);
    } finally {
      await redis.destroy();
    }
  });

  it('posts a prompt up to 2 hours late after downtime, and skips an older one', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    const s = await setUp(2, clock);
    clock.set(new Date(nineBerlin('2026-11-24') + 90 * 60_000).toISOString()); // 10:30
    expect(await s.scheduler.tick()).toBe(2);
    expect(standin.messages).toHaveLength(2);
    clock.set(new Date(nineBerlin('2026-11-25') + 3 * HOUR).toISOString()); // 12:00 the next day
    expect(await s.scheduler.tick()).toBe(2);
    expect(standin.messages).toHaveLength(2);
    expect(await s.scheduleStore.dueAt(dailyJob(guilds[0]!.id))).toBe(nineBerlin('2026-11-26'));
  });

  it('gives successive days successive topics of the group’s track, with a discussion thread', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    const s = await setUp(1, clock);
    for (const day of ['2026-11-24', '2026-11-25']) {
      clock.set(new Date(nineBerlin(day) + 1_000).toISOString());
      await s.scheduler.tick();
    }
    const titles = standin.channelMessages(channelOf(0)).map((m) => m.body.embeds[0].title);
    expect(titles).toEqual(['How the internet works', 'HTTP basics']);
    const post = standin.channelMessages(channelOf(0))[0]!;
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
    expect(post.body.enforce_nonce).toBe(true);
    expect(post.body.embeds[0].footer.text).toContain('/next');
    expect(standin.calls.some((c) => c.method === 'POST' && c.path === `/channels/${channelOf(0)}/messages/${post.id}/threads`)).toBe(true);
  });

  it.each([
    [403, { message: 'Missing Access', code: 50001 }, /lost access/],
    [404, { message: 'Unknown Channel', code: 10003 }, /no longer exists/],
  ])('pauses the group with the reason on %i, and stops posting', async (status, body, reason) => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    const s = await setUp(1, clock);
    const stop = standin.respondWith((c) => (c.path === `/channels/${channelOf(0)}/messages` ? { status, body } : undefined));
    try {
      clock.set(new Date(nineBerlin('2026-11-24') + 1_000).toISOString());
      await s.scheduler.tick();
      const group = await s.groups.show(guilds[0]!.id);
      expect(group?.paused).toBe(true);
      expect(group?.pauseReason).toMatch(reason);
      expect(group?.nextPostMs).toBeUndefined();
      clock.advance(DAY);
      expect(await s.scheduler.tick()).toBe(0);
    } finally {
      stop();
    }
  });

  it('rides out a 429 and a 500 within the slot, posting once', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    const s = await setUp(2, clock);
    standin.failNext((c) => c.path === `/channels/${channelOf(0)}/messages`, { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false }, headers: { 'retry-after': '1' } });
    standin.failNext((c) => c.path === `/channels/${channelOf(1)}/messages`, { status: 500, body: { message: 'oops' } });
    clock.set(new Date(nineBerlin('2026-11-24') + 1_000).toISOString());
    await s.scheduler.tick();
    expect(standin.channelMessages(channelOf(0))).toHaveLength(1);
    expect(standin.channelMessages(channelOf(1))).toHaveLength(1);
    expect((await s.groups.show(guilds[0]!.id))?.paused).toBe(false);
  });
});

describe('jobs this version cannot read', () => {
  it('are left in the queue, not deleted, and come due again for a replica that knows them', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    const s = await setUp(1, clock);
    const due = s.keys.schedDue();
    await s.redis.zadd(due, clock.now() - 1_000, 'quiz:123:abc', clock.now() - 1_000, 'daily:not-a-guild');
    expect(await s.scheduler.tick()).toBe(2);
    // Claimed and leased, never finished: nothing removed them from the queue's two sets.
    expect(await s.redis.zscore(s.keys.schedLease(), 'quiz:123:abc')).not.toBeNull();
    clock.advance(61_000); // past the lease (60 s here)
    expect(await s.scheduler.tick()).toBe(2);
    expect(await s.redis.zscore(s.keys.schedLease(), 'quiz:123:abc')).not.toBeNull();
    expect(await s.redis.zscore(s.keys.schedLease(), 'daily:not-a-guild')).not.toBeNull();
    expect(standin.calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('are not taken for orphans by reconcile', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    const s = await setUp(1, clock);
    await s.redis.zadd(s.keys.schedDue(), clock.now() + HOUR, 'quiz:123:abc');
    await s.redis.zadd(s.keys.schedDue(), clock.now() + HOUR, 'daily:999999999999999999');
    expect(await s.scheduler.reconcile()).toEqual({ added: 0, dropped: 1 });
    expect(await s.redis.zscore(s.keys.schedDue(), 'quiz:123:abc')).not.toBeNull();
    expect(await s.redis.zscore(s.keys.schedDue(), 'daily:999999999999999999')).toBeNull();
    expect(await s.scheduleStore.dueAt(dailyJob(guilds[0]!.id))).toBe(nineBerlin('2026-11-24'));
  });
});

describe('a schedule that lost its queue', () => {
  it('is healed by reconcile from the groups’ settings, and the next prompt still goes out', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    const s = await setUp(3, clock);
    await s.redis.del(s.keys.schedDue());
    expect(await s.scheduler.reconcile()).toEqual({ added: 6, dropped: 0 });
    expect(await s.scheduleStore.dueAt(dailyJob(guilds[0]!.id))).toBe(nineBerlin('2026-11-24'));
    clock.set(new Date(nineBerlin('2026-11-24') + 20_000).toISOString());
    await s.scheduler.tick();
    expect(standin.channelMessages(channelOf(0)).length + standin.channelMessages(channelOf(2)).length).toBe(2);
  });

  it('is healed by a restarted instance even when the queue’s guild index went too', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    const s = await setUp(2, clock);
    await s.redis.del(s.keys.schedDue(), s.keys.schedGuilds());
    const restarted = await schedulerInstance(standin, prefix, clock);
    instances.push(restarted);
    expect((await restarted.scheduler.reconcile()).added).toBe(4);
    expect(await s.scheduleStore.dueAt(dailyJob(guilds[1]!.id))).toBe(nineBerlin('2026-11-24'));
  });

  it('never shows a running group without its next post: show puts the lost prompt back', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    const s = await setUp(1, clock);
    await s.redis.del(s.keys.schedDue());
    const shown = await s.groups.show(guilds[0]!.id);
    expect(shown).toMatchObject({ paused: false, nextPostMs: nineBerlin('2026-11-24') });
    expect(await s.scheduleStore.dueAt(dailyJob(guilds[0]!.id))).toBe(nineBerlin('2026-11-24'));
  });
});

describe('leases', () => {
  it('let another instance take over a dead instance’s jobs within 30 seconds', async () => {
    expect(DEFAULT_LEASE_MS + TICK_EVERY_MS).toBeLessThanOrEqual(30_000);
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    const s = await setUp(1, clock);
    clock.set(new Date(nineBerlin('2026-11-24')).toISOString());
    // An instance with the default lease claims the prompt and dies before posting it.
    expect(await s.scheduleStore.claim(clock.now(), DEFAULT_LEASE_MS, 10)).toHaveLength(1);
    clock.advance(DEFAULT_LEASE_MS + 1);
    await s.scheduler.tick();
    expect(standin.channelMessages(channelOf(0))).toHaveLength(1);
  });

  it('are renewed while a job runs, so a slow post is not taken over', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const s = await schedulerInstance(standin, (prefix = uniquePrefix('lease')), clock, (poster) => ({
      ...poster,
      dailyPrompt: async (...args) => {
        await slow;
        return poster.dailyPrompt(...args);
      },
    }));
    instances.push(s);
    await s.groups.setup(guilds[0]!.id, { channelId: channelOf(0), time: '09:00', timezone: 'Europe/Berlin' });
    clock.set(new Date(nineBerlin('2026-11-24')).toISOString());
    const ticking = s.scheduler.tick();
    await expect.poll(() => s.redis.zscore(s.keys.schedLease(), `daily:${guilds[0]!.id}`)).not.toBeNull();
    clock.advance(50_000);
    await s.scheduler.renewLeases();
    expect(Number(await s.redis.zscore(s.keys.schedLease(), `daily:${guilds[0]!.id}`))).toBe(clock.now() + 60_000);
    release();
    await ticking;
    expect(standin.channelMessages(channelOf(0))).toHaveLength(1);
  });
});

describe('a daily prompt posted just before a crash', () => {
  it('is posted once, with one thread, when the restarted instance retries it 10 minutes later', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T12:00:00Z'));
    const realTime = standin.clock;
    standin.clock = clock; // Discord forgets the nonce after a few minutes of this clock
    try {
      const s = await setUp(1, clock);
      // The first instance posts (and starts the thread), then dies before recording the post.
      const dying = await schedulerInstance(standin, prefix, clock, (poster) => ({
        ...poster,
        dailyPrompt: async (...args) => {
          await poster.dailyPrompt(...args);
          await new Promise(() => undefined); // never returns: the process is gone
        },
      }));
      instances.push(dying);
      clock.set(new Date(nineBerlin('2026-11-24')).toISOString());
      void dying.scheduler.tick();
      await expect.poll(() => standin.channelMessages(channelOf(0)).length).toBe(1);
      // Restarted 10 minutes later: the lease has run out and the nonce is forgotten.
      clock.advance(10 * 60_000);
      await s.scheduler.tick();
      expect(standin.channelMessages(channelOf(0))).toHaveLength(1);
      expect(standin.calls.filter((c) => c.method === 'POST' && /\/threads$/.test(c.path) && !c.error)).toHaveLength(1);
    } finally {
      standin.clock = realTime;
    }
  });
});
