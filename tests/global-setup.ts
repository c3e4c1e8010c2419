import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { freePort } from './support/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Tests use a real Redis. REDIS_URL (default 127.0.0.1:6379) is used when it answers; otherwise a
 * throwaway redis-server is started on a free port, or the run fails saying how to get one.
 */
export default async function setup(project: TestProject) {
  const wanted = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await answers(wanted)) {
    project.provide('redisUrl', wanted);
    return;
  }
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(`No Redis answers at ${wanted} and redis-server is not installed. Install it (apt-get install redis-server) or set REDIS_URL.`);
  }
  const port = await freePort();
  const server: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await answers(url)); i++) await new Promise((r) => setTimeout(r, 100));
  project.provide('redisUrl', url);
  return () => {
    server.kill();
  };
}

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
