import { afterAll, beforeAll, expect, it } from 'vitest';
import { Cluster, Redis } from 'ioredis';
import { showQuestion } from '../../src/progress/self-check.js';
import { progressHarness } from '../support/services.js';

type Harness = Awaited<ReturnType<typeof progressHarness>>;
let h: Harness;
const monitors: Redis[] = [];
const seen: string[][] = [];

beforeAll(async () => {
  h = await progressHarness('round-trips', { curriculumDir: './curriculum' });
  // One MONITOR per server (every master of a cluster), keeping what our service's connections send.
  const nodes = h.redis instanceof Cluster ? h.redis.nodes('master') : [h.redis];
  const own = new Set<string>();
  for (const node of nodes) {
    own.add(/addr=(\S+)/.exec(String(await node.client('INFO')))![1]!);
    const monitor = await new Redis({ host: node.options.host, port: node.options.port }).monitor();
    // Commands a Lua script runs show as "lua": only what crossed the wire is kept.
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (own.has(source)) seen.push(args);
    });
    monitors.push(monitor);
  }
});
afterAll(async () => {
  for (const monitor of monitors) monitor.disconnect();
  await h?.close();
});

async function commandsFor(action: () => Promise<unknown>): Promise<{ names: string[]; bytes: number }> {
  await new Promise((r) => setTimeout(r, 50));
  seen.length = 0;
  await action();
  await new Promise((r) => setTimeout(r, 100)); // MONITOR output arrives asynchronously
  return { names: seen.map((args) => args[0]!.toLowerCase()), bytes: seen.flat().reduce((sum, arg) => sum + Buffer.byteLength(arg), 0) };
}

// The member hash, their topics, the group's zone and the member's reviews (for "reviews due").
const READ = ['hgetall', 'hgetall', 'hget', 'hgetall'];

it('/next reads once (one pipeline) and writes nothing', async () => {
  const m = { guildId: 'rt', userId: '1' };
  await h.service.next(m);
  expect((await commandsFor(() => h.service.next(m))).names).toEqual(READ);
});

it('/done, /skip and /undo read once and write once, with well under 1.5 KB sent', async () => {
  const m = { guildId: 'rt', userId: '2' };
  // warm up: the first call after start loads each script (EVALSHA, then EVAL once)
  await h.service.done(m, null, 'warm-1');
  await h.service.undo(m, 'warm-2');

  const done = await commandsFor(() => h.service.done(m, null, 'a'));
  expect(done.names).toEqual([...READ, 'evalsha']);
  expect(done.bytes).toBeLessThan(1_500);
  const skip = await commandsFor(() => h.service.skip(m, null, 'b'));
  expect(skip.names).toEqual([...READ, 'evalsha']);
  expect(skip.bytes).toBeLessThan(1_500);
  const undo = await commandsFor(() => h.service.undo(m, 'c'));
  expect(undo.names).toEqual([...READ, 'exists', 'lindex', 'evalsha']);
  expect(undo.bytes).toBeLessThan(1_500);
});

it('a self-check answer reads once and writes once (a second press only reads); /review reads once', async () => {
  const m = { guildId: 'rt', userId: '3' };
  await h.service.done(m, 'how-the-internet-works', 'warm-3');
  const topic = h.curriculum.get('how-the-internet-works')!;
  const shown = showQuestion(topic, 0)!;
  const answer = { topicId: topic.id, index: 0, position: shown.right, tag: shown.tag };
  await h.service.answerCheck(m, { ...answer, index: 1, tag: showQuestion(topic, 1)!.tag }, 'warm-4'); // loads the script
  const first = await commandsFor(() => h.service.answerCheck(m, answer, 'd'));
  expect(first.names).toEqual([...READ, 'exists', 'hmget', 'evalsha']);
  expect(first.bytes).toBeLessThan(1_500);
  expect((await commandsFor(() => h.service.answerCheck(m, answer, 'e'))).names).toEqual([...READ, 'exists', 'hmget']);
  expect((await commandsFor(() => h.service.reviews(m))).names).toEqual(READ);
  expect((await commandsFor(() => h.service.checkQuestion(m, topic.id))).names).toEqual([...READ, 'hmget']);
});

// The board's reads also ask who hides and whether the server turned its boards off.
it('/progress and /leaderboard read the zone, then the board', async () => {
  const m = { guildId: 'rt', userId: '2' };
  expect((await commandsFor(() => h.service.progress(m))).names).toEqual([...READ, 'lrange', 'zrevrank', 'zscore', 'smembers', 'hget']);
  expect((await commandsFor(() => h.service.leaderboard('rt', 'week', '2'))).names).toEqual(['hget', 'zrevrange', 'zrevrank', 'zscore', 'smembers', 'hget']);
});

it('with a member hiding above the caller, the board takes one more read to place the caller', async () => {
  const m = { guildId: 'rt', userId: '4' };
  await h.service.done(m, null, 'rt-hide-1');
  await h.service.done({ guildId: 'rt', userId: '5' }, 'how-the-internet-works', 'rt-hide-2');
  await h.redis.sadd(h.keys.privateMembers('rt'), '5');
  expect((await commandsFor(() => h.service.leaderboard('rt', 'week', '4'))).names).toEqual(['hget', 'zrevrange', 'zrevrank', 'zscore', 'smembers', 'hget', 'zmscore']);
});
