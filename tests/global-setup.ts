import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { OwnRedisCluster } from '../standin/redis-cluster.js';
import { OwnRedisServer, redisAnswers } from '../standin/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Tests use a real Redis. REDIS_URL (default 127.0.0.1:6379) is used when it answers; otherwise a
 * throwaway redis-server is started on a free port, or the run fails saying how to get one.
 * With REDIS_CLUSTER=1 they run against a local 3-master Redis Cluster started here instead.
 */
export default async function setup(project: TestProject) {
  if (process.env.REDIS_URL === 'none') {
    // For the tests that need no Redis (the learning rules): REDIS_URL=none npx vitest run tests/progress/rules.test.ts …
    project.provide('redisUrl', 'redis://127.0.0.1:1');
    return;
  }
  if (process.env.REDIS_CLUSTER === '1') {
    if (spawnSync('redis-server', ['--version']).error) throw new Error('REDIS_CLUSTER=1 needs redis-server and redis-cli (apt-get install redis-server).');
    const cluster = await OwnRedisCluster.start(3);
    project.provide('redisUrl', cluster.url);
    return () => cluster.destroy();
  }
  const wanted = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await redisAnswers(wanted)) {
    project.provide('redisUrl', wanted);
    return;
  }
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(`No Redis answers at ${wanted} and redis-server is not installed. Install it (apt-get install redis-server) or set REDIS_URL.`);
  }
  const server = await OwnRedisServer.start();
  project.provide('redisUrl', server.url);
  return () => server.destroy();
}
