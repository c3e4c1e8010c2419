import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/discord/router.js';
import { FakeClock } from '../support/fake-clock.js';
import { OwnRedisServer } from '../../standin/redis-server.js';
import { World } from '../support/world.js';

let world: World | undefined;
let redis: OwnRedisServer | undefined;
afterEach(async () => {
  await world?.stop();
  await redis?.destroy();
  world = redis = undefined;
});

const get = async (path: string) => {
  const res = await fetch(`http://127.0.0.1:${world!.app!.health.port}${path}`);
  return { status: res.status, text: await res.text() };
};

describe('health and metrics', () => {
  it('/healthz answers, /readyz follows Redis, /metrics counts interactions', async () => {
    redis = await OwnRedisServer.start();
    world = await World.start('health', { redisUrl: redis.url });
    expect(await get('/healthz')).toEqual({ status: 200, text: 'ok\n' });
    expect(JSON.parse((await get('/readyz')).text)).toEqual({ ready: true, gateway: true, redis: true });

    await world.member('400000000000000700').run('help').reply();
    const metrics = (await get('/metrics')).text;
    expect(metrics).toContain('syllabot_interactions_total{command="help",outcome="ok"} 1');
    expect(metrics).toContain('syllabot_interaction_duration_seconds_bucket');

    await redis.kill();
    const down = await get('/readyz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.text)).toMatchObject({ ready: false, redis: false });
    await redis.resume();
    await expect.poll(async () => (await get('/readyz')).status, { timeout: 10_000, interval: 200 }).toBe(200);
  });
});

describe('a store that comes back empty', () => {
  it('is noticed: /readyz says when, the metric counts it, the bot keeps serving', async () => {
    redis = await OwnRedisServer.start(); // keeps nothing on disk, like a Redis without persistence
    world = await World.start('data-loss', { redisUrl: redis.url });
    await redis.kill();
    await redis.resume();
    await expect.poll(async () => JSON.parse((await get('/readyz')).text).storeLostAt, { timeout: 10_000, interval: 200 }).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await get('/metrics')).text).toContain('syllabot_store_data_lost_total 1');
    expect((await world.member('400000000000000705').run('next').reply()).embeds).toHaveLength(1);
  });

  it('is not reported when Redis restarts with its data', async () => {
    redis = await OwnRedisServer.start({ persistent: true });
    world = await World.start('no-data-loss', { redisUrl: redis.url });
    await redis.kill();
    await redis.resume();
    await expect.poll(async () => (await get('/readyz')).status, { timeout: 10_000, interval: 200 }).toBe(200);
    expect(JSON.parse((await get('/readyz')).text).storeLostAt).toBeUndefined();
    expect((await get('/metrics')).text).toContain('syllabot_store_data_lost_total 0');
  });
});

describe('abuse', () => {
  it('a member who sends commands too fast gets a polite cooldown, then is served again', async () => {
    const clock = new FakeClock(Date.parse('2026-11-23T10:00:00Z'));
    world = await World.start('cooldown', { clock, ticker: false, commandsPer10s: 3 });
    const member = world.member('400000000000000701');
    for (let n = 0; n < 3; n++) expect((await member.run('help').reply()).embeds).toHaveLength(1);
    const slowed = await member.run('help').reply();
    expect(slowed.ephemeral).toBe(true);
    expect(slowed.content).toBe('Easy there! Try again in 10 s.');
    expect((await world.member('400000000000000702').run('help').reply()).embeds).toHaveLength(1); // others unaffected
    clock.advance(10_001);
    expect((await member.run('help').reply()).embeds).toHaveLength(1);
  });
});

describe('Redis outages', () => {
  it('loses no acknowledged point when Redis is killed and restarted under load', async () => {
    redis = await OwnRedisServer.start({ persistent: true });
    world = await World.start('outage-load', { redisUrl: redis.url });
    const topics = world.app!.ctx.curriculum.onTrack('python').slice(0, 30);
    const members = Array.from({ length: 10 }, (_, n) => world!.member(String(400000000000000710n + BigInt(n))));
    const acknowledged = new Map<string, number>();
    let refused = 0;

    const load = members.map(async (member) => {
      for (const topic of topics) {
        const [first] = await member.run('done', { topic: topic.id }).messages(1);
        if (first!.content.includes('finished')) acknowledged.set(member.userId, (acknowledged.get(member.userId) ?? 0) + topic.points);
        else {
          expect(first!.content).toBe(MESSAGES.storeDown);
          refused++;
        }
        await new Promise((r) => setTimeout(r, 25)); // keep the load going across the outage
      }
    });
    await new Promise((r) => setTimeout(r, 150));
    await redis.kill();
    await new Promise((r) => setTimeout(r, 300));
    await redis.resume();
    await Promise.all(load);

    expect(acknowledged.size).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0); // the outage really happened under load
    let total = 0;
    for (const member of members) {
      // the bot reconnects by itself; wait until it answers from Redis again
      await expect.poll(async () => (await member.run('progress').reply()).content, { timeout: 10_000, interval: 200 }).not.toBe(MESSAGES.storeDown);
      const reply = await member.run('progress').reply();
      const points = Number(reply.embeds[0]?.fields?.find((f) => f.name === 'Points')?.value ?? 0);
      expect(points, member.userId).toBeGreaterThanOrEqual(acknowledged.get(member.userId) ?? 0);
      total += points;
    }
    expect(total).toBeGreaterThan(0);
  });
});
