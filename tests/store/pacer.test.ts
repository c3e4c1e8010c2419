import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClient as Redis } from '../../src/store/redis.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedis } from '../../src/store/redis.js';
import { deletePrefix, redisUrl, uniquePrefix } from '../support/redis.js';

const prefix = uniquePrefix('pacer');
const keys = createKeys(prefix);
let replicaA: Redis;
let replicaB: Redis;

beforeAll(async () => {
  [replicaA, replicaB] = [createRedis(redisUrl()), createRedis(redisUrl())];
  await Promise.all([replicaA.connect(), replicaB.connect()]);
});
afterAll(async () => {
  await deletePrefix(replicaA, prefix);
  replicaA.disconnect();
  replicaB.disconnect();
});

describe('the shared post bucket', () => {
  it('lets a burst through at once, then spaces every further post by 1/rate, across replicas', async () => {
    const RATE = 1; // per second: a slow rate, so the few milliseconds the calls take cannot blur it
    const BURST = 5;
    const waits: number[] = [];
    for (let n = 0; n < 12; n++) {
      const replica = n % 2 === 0 ? replicaA : replicaB; // two bot processes asking in turn
      waits.push(await replica.syllabotPace(keys.postBucket(), RATE, BURST, 1));
    }
    expect(waits.slice(0, BURST)).toEqual([0, 0, 0, 0, 0]);
    const queued = waits.slice(BURST);
    for (const [k, wait] of queued.entries()) {
      // The (k+1)-th post past the burst waits (k+1) seconds, less the time the calls took.
      expect(wait).toBeLessThanOrEqual((k + 1) * 1_000);
      expect(wait).toBeGreaterThan((k + 1) * 1_000 - 900);
    }
  });
});
