import { Cluster } from 'ioredis';
import { scanKeys, type RedisClient } from '../../src/store/redis.js';

/**
 * Everywhere a member shows up under a prefix: keys named after them, and their id as a member of
 * a sorted set or set, a field or value of a hash, or part of a list entry. What /forget-me must
 * leave empty.
 */
export async function tracesOf(redis: RedisClient, prefix: string, userId: string): Promise<string[]> {
  // A cluster client knows its nodes only once ready: scanning before would scan nothing and find no trace.
  if (redis instanceof Cluster && redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  const found: string[] = [];
  for await (const keys of scanKeys(redis, `${prefix}:*`)) {
    for (const key of keys) {
      if (key.includes(`:member:${userId}`)) found.push(`key ${key}`);
      const type = await redis.type(key);
      if (type === 'zset' && (await redis.zscore(key, userId)) !== null) found.push(`in ${key}`);
      if (type === 'set' && (await redis.sismember(key, userId))) found.push(`in ${key}`);
      if (type === 'hash') {
        const hash = await redis.hgetall(key);
        if (userId in hash || Object.values(hash).includes(userId)) found.push(`in ${key}`);
      }
      if (type === 'list' && (await redis.lrange(key, 0, -1)).some((v) => v.includes(userId))) found.push(`in ${key}`);
    }
  }
  return found.sort();
}
