import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** The Redis the global setup found or started. */
export const redisUrl = (): string => inject('redisUrl');

/** A key prefix of a test file's own, so files never see each other's data. */
export const uniquePrefix = (name: string) => `test-${name}-${randomBytes(4).toString('hex')}`;

export { deletePrefix } from '../../standin/redis-server.js';

export function plainRedis(): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
}
