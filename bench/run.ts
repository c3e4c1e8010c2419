import { writeFileSync } from 'node:fs';
import { OwnRedisServer, redisAnswers } from '../standin/redis-server.js';
import { interactionBenchmarks } from './interactions.js';
import { leaderboardBenchmark } from './leaderboard.js';
import { schedulingBenchmark } from './scheduling.js';
import type { Row } from './stats.js';

/**
 * `npm run bench`: every figure beside a baseline measured in the same run (these machines are
 * shared and noisy, so ratios mean more than absolute times). Writes bench/RESULTS.md.
 */
const wanted = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const own = (await redisAnswers(wanted)) ? undefined : await OwnRedisServer.start();
const redisUrl = own?.url ?? wanted;
const started = Date.now();
const rows: Row[] = [];
for (const [name, run] of [
  ['interactions', () => interactionBenchmarks(redisUrl)],
  ['leaderboard', () => leaderboardBenchmark(redisUrl)],
  ['scheduling', () => schedulingBenchmark(redisUrl)],
] as const) {
  const phase = Date.now();
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await run()));
  process.stderr.write(`bench: ${name} took ${Math.round((Date.now() - phase) / 1000)} s\n`);
}
await own?.destroy();

const table = [
  '| Figure | Syllabot | Baseline (same run) | Ratio | Target | Holds |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.holds === undefined ? '—' : r.holds ? 'yes' : '**no**'} |`),
].join('\n');
const machine = `Node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString().slice(0, 10)}, ${Math.round((Date.now() - started) / 1000)} s in all`;
writeFileSync('bench/RESULTS.md', `# Benchmark results\n\n${machine}. Produced by \`npm run bench\`.\n\n${table}\n`);
console.log(table);
process.exit(0);
