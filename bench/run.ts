import { writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OwnRedisServer, redisAnswers } from '../standin/redis-server.js';
import { cardBenchmark } from './card.js';
import { benchCurriculum } from './curriculum-dir.js';
import { interactionBenchmarks, type InteractionSettings } from './interactions.js';
import { leaderboardBenchmark } from './leaderboard.js';
import { summarize } from './profile-summary.js';
import { schedulingBenchmark } from './scheduling.js';
import { scaleBenchmarks } from './scale.js';
import type { Row } from './stats.js';

/**
 * `npm run bench [-- --quick] [-- --profile[=DIR]]`: every figure beside baselines measured in the
 * same run, in interleaved rounds (these machines are shared and noisy: medians of rounds and
 * ratios mean something, a single time does not). Writes bench/RESULTS.md; see bench/README.md.
 *
 * Exits non-zero, with a line that says why, when the figures cannot be trusted: a baseline bot
 * within 20 % of the driver's ceiling (the driver, not the bot, set the rate), or a bot answering
 * something other than what the figure measures. A target the bot misses is a result, not a failure.
 */
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const profileArg = argv.find((a) => a === '--profile' || a.startsWith('--profile='));
const profileDir = process.env.BENCH_PROFILE || (profileArg ? profileArg.split('=')[1] || join(tmpdir(), `syllabot-profile-${Date.now()}`) : undefined);
const onlyArg = argv.find((a) => a.startsWith('--only='));
const only = onlyArg?.split('=')[1];
const unknown = argv.filter((a) => a !== '--quick' && a !== profileArg && a !== onlyArg);
if (unknown.length) {
  console.error(`bench: unknown argument(s) ${unknown.join(' ')}; use --quick, --profile[=DIR] and/or --only=interactions|leaderboard|scheduling|scale|card`);
  process.exit(2);
}

const settings: InteractionSettings & { boardCalls: number; groups: number } = quick
  ? { rounds: 9, perRound: 1_200, warmup: 3_000, inFlight: 200, sample: 100, boardCalls: 1_000, groups: 300, profileDir }
  : { rounds: 11, perRound: 4_000, warmup: 10_000, inFlight: 200, sample: 200, boardCalls: 2_000, groups: 10_000, profileDir };

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const wanted = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const own = (await redisAnswers(wanted)) ? undefined : await OwnRedisServer.start();
const redisUrl = own?.url ?? wanted;
const curriculum = benchCurriculum(log);
process.env.CURRICULUM_DIR = curriculum.dir;

const started = Date.now();
const rows: Row[] = [];
const failures: string[] = [];
let rounds = '';
let profile: string | undefined;
try {
  for (const [name, run] of [
    [
      'interactions',
      async () => {
        const report = await interactionBenchmarks(redisUrl, settings, log);
        failures.push(...report.failures);
        rounds = report.rounds;
        profile = report.profile;
        return report.rows;
      },
    ],
    ['leaderboard', () => leaderboardBenchmark(redisUrl, settings.boardCalls)],
    ['scheduling', () => schedulingBenchmark(redisUrl, settings.groups)],
    ['scale', () => scaleBenchmarks(quick ? { members: 2_000, jobs: 20_000, guilds: 1_000 } : { members: 100_000, jobs: 100_000, guilds: 3_000 }, log)],
    ['card', () => cardBenchmark(quick ? { renders: 200, warmup: 20 } : { renders: 2_000, warmup: 50 }, log)],
  ] as const) {
    if (only && name !== only) continue;
    const phase = Date.now();
    log(`${name}…`);
    rows.push(...(await run()));
    log(`${name} took ${Math.round((Date.now() - phase) / 1000)} s`);
  }
} finally {
  await own?.destroy();
  curriculum.cleanup();
}

const table = [
  '| Figure | Syllabot | Baseline (same run) | Ratio | Target | Holds |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.holds === undefined ? '—' : r.holds ? 'yes' : '**no**'} |`),
].join('\n');
const machine = `Node ${process.version}, ${cpus().length} cores, ${new Date().toISOString().slice(0, 10)}, ${Math.round((Date.now() - started) / 1000)} s in all`;
const mode = quick ? '`npm run bench -- --quick`' : '`npm run bench`';
const failed = failures.length ? `\n**The bench failed: these figures cannot be trusted.**\n\n${failures.map((f) => `- ${f}`).join('\n')}\n` : '';
const markdown = [
  '# Benchmark results',
  '',
  `${machine}. Produced by ${mode}; how it measures is in bench/README.md.`,
  failed,
  table,
  '',
  '## Every round',
  '',
  'Interactions per second of each bot, one bot at a time, in the order shown; the ratios above are medians of each round’s own ratio.',
  '',
  rounds,
  '',
].join('\n');

console.log(table);
console.log(`\n${rounds}`);
if (profile) {
  // The profiler slows the bot it samples: a profiled run's figures are not results.
  console.log(`\nCPU profile of the Syllabot process over the rounds: ${profile}\n`);
  console.log(summarize(profile));
  log('profiled run: bench/RESULTS.md left as it was (the profiler slows the bot it samples)');
} else if (only) {
  log(`--only=${only}: bench/RESULTS.md left as it was (it holds whole runs)`);
} else {
  writeFileSync('bench/RESULTS.md', markdown);
}
if (failures.length) {
  for (const f of failures) console.error(`BENCH FAILED: ${f}`);
  process.exit(1);
}
process.exit(0);
