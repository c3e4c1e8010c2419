import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { defineScripts } from './scripts.js';

/** A single Redis server or a Redis Cluster: the stores work the same on both. */
export type RedisClient = Redis | Cluster;

/**
 * Connection settings sized for Discord's 3-second reply window: with Redis down, a command
 * fails at once (no offline queue) or within the command timeout, never hangs; reconnection
 * goes on in the background.
 */
const CONNECTION: RedisOptions = {
  connectionName: 'syllabot',
  connectTimeout: 2_000,
  commandTimeout: 1_500,
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
};

/** `REDIS_URL` names one server, or a cluster as several comma-separated nodes (any of its masters). */
export const clusterNodes = (url: string): string[] | undefined => {
  const nodes = url.split(',').map((n) => n.trim()).filter(Boolean);
  return nodes.length > 1 ? nodes : undefined;
};

export function createRedis(url: string): RedisClient {
  const nodes = clusterNodes(url);
  const client = nodes
    ? new Cluster(
        nodes.map((node) => {
          const { hostname, port } = new URL(node);
          return { host: hostname, port: Number(port || 6379) };
        }),
        {
          lazyConnect: true,
          enableOfflineQueue: false,
          // Slots move or a master fails over: ask again after a short pause, within the command timeout.
          retryDelayOnFailover: 100,
          retryDelayOnClusterDown: 200,
          clusterRetryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
          redisOptions: { ...CONNECTION, password: new URL(nodes[0]!).password || undefined },
        },
      )
    : new Redis(url, { ...CONNECTION, lazyConnect: true });
  defineScripts(client);
  return client;
}

/**
 * Every key matching a pattern, a page at a time: on a cluster, each master is scanned in turn
 * (a SCAN only sees the node it is sent to).
 */
export async function* scanKeys(client: RedisClient, match: string, count = 1000): AsyncGenerator<string[]> {
  const nodes = client instanceof Cluster ? client.nodes('master') : [client];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', count);
      cursor = next;
      if (keys.length) yield keys;
    } while (cursor !== '0');
  }
}
