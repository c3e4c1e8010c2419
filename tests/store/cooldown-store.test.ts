import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CooldownStore } from '../../src/store/cooldown-store.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedis, type RedisClient } from '../../src/store/redis.js';
import { FakeClock } from '../support/fake-clock.js';
import { deletePrefix, redisUrl, uniquePrefix } from '../support/redis.js';

const prefix = uniquePrefix('cooldown');
const keys = createKeys(prefix);
const clock = new FakeClock(Date.parse('2026-11-23T10:00:00Z'));
let a: RedisClient;
let b: RedisClient;

beforeAll(async () => {
  [a, b] = [createRedis(redisUrl()), createRedis(redisUrl())];
  await Promise.all([a.connect(), b.connect()]);
});
afterAll(async () => {
  await deletePrefix(a, prefix);
  a.disconnect();
  b.disconnect();
});

describe('the shared per-member rate limit', () => {
  it('lets two replicas together allow a member no more than the configured rate', async () => {
    const replicas = [new CooldownStore(a, keys, clock, 5), new CooldownStore(b, keys, clock, 5)];
    const waits: number[] = [];
    for (let n = 0; n < 12; n++) waits.push(await replicas[n % 2]!.take('1', 'member'));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.slice(5).every((w) => w > 0 && w <= 10_000)).toBe(true);
    expect(await replicas[0]!.take('1', 'someone-else')).toBe(0);
    clock.advance(10_001);
    expect(await replicas[1]!.take('1', 'member')).toBe(0);
  });

  it('allows everything when the limit is 0', async () => {
    const open = new CooldownStore(a, keys, clock, 0);
    for (let n = 0; n < 20; n++) expect(await open.take('1', 'busy')).toBe(0);
  });
});
