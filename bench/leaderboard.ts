import { periodsAt } from '../src/progress/periods.js';
import { deletePrefix } from '../standin/redis-server.js';
import { createKeys } from '../src/store/keys.js';
import { ProgressStore } from '../src/store/progress-store.js';
import { createRedis } from '../src/store/redis.js';
import { percentile, round, type Row } from './stats.js';

const MEMBERS = 100_000;

/** The leaderboard read (top 10 + the caller's rank, one pipeline) on a board of 100,000 members. */
export async function leaderboardBenchmark(redisUrl: string, CALLS: number): Promise<Row[]> {
  const redis = createRedis(redisUrl);
  await redis.connect();
  const prefix = `bench-board-${process.pid}-${Date.now()}`;
  const keys = createKeys(prefix);
  const store = new ProgressStore(redis, keys);
  const now = Date.parse('2026-11-23T10:00:00Z');
  const periods = periodsAt(now, 'UTC');
  const key = keys.boardWeek('1', periods.week);
  for (let start = 0; start < MEMBERS; start += 5_000) {
    const args: (string | number)[] = [];
    for (let n = start; n < start + 5_000; n++) args.push(Math.floor(Math.random() * 10_000), `m${n}`);
    await redis.zadd(key, ...args);
  }

  const time = async (call: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let n = 0; n < CALLS; n++) {
      const started = performance.now();
      await call();
      samples.push(performance.now() - started);
    }
    return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
  };
  await time(() => store.board('1', 'week', periods, 'm1', 10)); // warm up
  const board = await time(() => store.board('1', 'week', periods, `m${Math.floor(Math.random() * MEMBERS)}`, 10));
  const ping = await time(() => redis.ping());
  await deletePrefix(redis, prefix);
  redis.disconnect();
  return [
    {
      figure: `Leaderboard top 10 + own rank, ${MEMBERS.toLocaleString('en')} members: p50 / p99`,
      value: `${round(board.p50, 3)} / ${round(board.p99, 3)} ms`,
      baseline: `${round(ping.p50, 3)} / ${round(ping.p99, 3)} ms (PING)`,
      ratio: `${round(board.p50 / ping.p50)} / ${round(board.p99 / ping.p99)}`,
      target: 'p99 ≤ 2 ms',
      holds: board.p99 <= 2,
    },
  ];
}
