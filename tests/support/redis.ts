import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** The Redis the global setup found or started. */
export const redisUrl = (): string => inject('redisUrl');

/** A key prefix of a test file's own, so files never see each other's data. */
export const uniquePrefix = (name: string) => `test-${name}-${randomBytes(4).toString('hex')}`;

/** Deletes every key under a prefix (tests clean up after themselves). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

export function plainRedis(): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
}
