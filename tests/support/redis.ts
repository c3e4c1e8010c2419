import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import { clusterNodes, type RedisClient } from '../../src/store/redis.js';
import { inject } from 'vitest';

/** The Redis the global setup found or started. */
export const redisUrl = (): string => inject('redisUrl');

/** A key prefix of a test file's own, so files never see each other's data. */
export const uniquePrefix = (name: string) => `test-${name}-${randomBytes(4).toString('hex')}`;

export { deletePrefix } from '../../standin/redis-server.js';

/** A client for checks and clean-up: a Cluster client when the tests run on a cluster. */
export function plainRedis(): RedisClient {
  const nodes = clusterNodes(redisUrl());
  return nodes ? new Cluster(nodes.map((n) => ({ host: new URL(n).hostname, port: Number(new URL(n).port) }))) : new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
}
