import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { progressHarness } from '../support/services.js';
import { plainRedis } from '../support/redis.js';

type Harness = Awaited<ReturnType<typeof progressHarness>>;
let h: Harness;
let monitor: Redis;
const seen: string[][] = [];

beforeAll(async () => {
  h = await progressHarness('round-trips', { curriculumDir: './curriculum' });
  ownAddress = /addr=(\S+)/.exec(String(await h.redis.client('INFO')))![1];
  monitor = await plainRedis().monitor();
  // Commands our service's connection sends itself; calls made inside a Lua script show as "lua".
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (source === ownAddress) seen.push(args);
  });
});
afterAll(async () => {
  monitor?.disconnect();
  await h?.close();
});

/** The service connection's address as MONITOR names it. */
let ownAddress: string | undefined;

async function commandsFor(action: () => Promise<unknown>): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 50));
  seen.length = 0;
  await action();
  await new Promise((r) => setTimeout(r, 100)); // MONITOR output arrives asynchronously
  return seen.map((args) => args[0]!.toLowerCase());
}

it('/next, /done, /skip and /undo each cost one Redis round trip', async () => {
  const m = { guildId: 'rt', userId: '1' };
  // warm up: the first call after start loads each script (EVALSHA, then EVAL once)
  await h.service.next(m);
  await h.service.done(m, null, 'warm-1');
  await h.service.undo(m, 'warm-2');

  expect(await commandsFor(() => h.service.next(m))).toEqual(['evalsha']);
  expect(await commandsFor(() => h.service.done(m, null, 'a'))).toEqual(['evalsha']);
  expect(await commandsFor(() => h.service.skip(m, null, 'b'))).toEqual(['evalsha']);
  expect(await commandsFor(() => h.service.undo(m, 'c'))).toEqual(['evalsha']);
});

it('/progress and /leaderboard read in one pipeline', async () => {
  const m = { guildId: 'rt', userId: '1' };
  const progress = await commandsFor(() => h.service.progress(m));
  expect(progress).toEqual(['hgetall', 'hgetall', 'zrevrank', 'zscore']);
  const board = await commandsFor(() => h.service.leaderboard('rt', 'week', '1'));
  expect(board).toEqual(['zrevrange', 'zrevrank', 'zscore']);
});
