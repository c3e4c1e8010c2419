import { Redis } from 'ioredis';
import { defineScripts } from './scripts.js';

/**
 * Connection settings sized for Discord's 3-second reply window: with Redis down, a command
 * fails at once (no offline queue) or within the command timeout, never hangs; reconnection
 * goes on in the background.
 */
export function createRedis(url: string): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectionName: 'syllabot',
    connectTimeout: 2_000,
    commandTimeout: 1_500,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  defineScripts(redis);
  return redis;
}
