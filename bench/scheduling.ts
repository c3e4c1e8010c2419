import { fork } from 'node:child_process';
import { Client } from 'discord.js';
import cron from 'node-cron';
import { DateTime } from 'luxon';
import { loadCurriculum } from '../src/curriculum/load.js';
import { GroupService } from '../src/groups/group-service.js';
import { GroupStore } from '../src/groups/group-store.js';
import { createLogger } from '../src/log.js';
import { dailyPromptMessage } from '../src/discord/render/scheduled.js';
import { dailyPromptJob, nextGroupTopic } from '../src/scheduler/jobs/daily-prompt.js';
import { nonceFor, type DailyPromptView, type Poster } from '../src/scheduler/poster.js';
import { Scheduler } from '../src/scheduler/scheduler.js';
import { DiscordStandin, TOKEN } from '../standin/discord-standin.js';
import { deletePrefix } from '../standin/redis-server.js';
import { createKeys } from '../src/store/keys.js';
import { createRedis } from '../src/store/redis.js';
import { ScheduleStore } from '../src/store/schedule-store.js';
import { RedisPacer, type Pacer } from '../src/store/pacer.js';
import type { Clock } from '../src/clock.js';
import { Child } from './ipc.js';
import { percentile, round, type Row } from './stats.js';

const LIMITS = { globalPerSecond: 50, channelMessages: { count: 5, windowMs: 5_000 } };
const channelOf = (n: number) => String(330000000000000000n + BigInt(n));
const guildOf = (n: number) => String(230000000000000000n + BigInt(n));

export interface Result {
  claimMs?: number;
  /** Runs node-cron skipped as missed (naive only) */
  missed?: number;
  sent: number;
  seconds: number;
  rateLimited: number;
  lateness: number[];
}

/**
 * Posts the daily prompt as the bot does (same body, nonce, enforce_nonce); the thread is left out of
 * both runs. The queued run paces itself as the bot does (the shared bucket in Redis); the naive one
 * relies on the REST client's reaction to 429s.
 */
function restPoster(client: Client, pacer?: Pacer): Poster {
  const post = async (channelId: string, view: DailyPromptView, nonce: string) => {
    const { embeds } = dailyPromptMessage(view);
    await pacer?.take();
    return client.rest.post(`/channels/${channelId}/messages`, { body: { embeds, nonce, enforce_nonce: true, allowed_mentions: { parse: [] } } }).then(() => undefined);
  };
  return { dailyPrompt: post, reminder: async () => undefined, recap: async () => undefined };
}

function restClient(standin: DiscordStandin): Client {
  const client = new Client({ intents: [], rest: { api: standin.apiUrl } });
  client.rest.setToken(TOKEN);
  return client;
}

/** Syllabot's way: one ticker, the Redis due-queue, claims in batches, the REST client pacing. */
export async function queued(redisUrl: string, GROUPS: number): Promise<Result> {
  const standin = await new DiscordStandin([], 1, LIMITS).start();
  const redis = createRedis(redisUrl);
  await redis.connect();
  const prefix = `bench-sched-${Date.now()}`;
  const keys = createKeys(prefix);
  const curriculum = loadCurriculum(process.env.CURRICULUM_DIR ?? 'curriculum');
  let now = Date.parse('2026-11-23T12:00:00Z');
  const clock: Clock = { now: () => now };
  const groupStore = new GroupStore(redis, keys);
  const schedule = new ScheduleStore(redis, keys);
  const groups = new GroupService(groupStore, schedule, curriculum, clock);
  // Set up 50 groups at a time (set-up is not what is measured).
  for (let start = 0; start < GROUPS; start += 50) {
    await Promise.all(Array.from({ length: Math.min(50, GROUPS - start) }, (_, k) => groups.setup(guildOf(start + k), { channelId: channelOf(start + k), time: '09:00', timezone: 'Europe/Berlin' })));
  }
  const due = DateTime.fromISO('2026-11-24T09:00', { zone: 'Europe/Berlin' }).toMillis();

  // Time to claim every due job, on its own (the claim script, batches of 200).
  now = due;
  const claimStarted = performance.now();
  const claimed: string[] = [];
  for (let batch = await schedule.claim(now, 60_000, 200); batch.length; batch = await schedule.claim(now, 60_000, 200)) claimed.push(...batch.map((j) => j.jobId));
  const claimMs = performance.now() - claimStarted;
  await schedule.release(claimed, now);

  const client = restClient(standin);
  const log = createLogger(process.env.BENCH_SCHED_LOG ?? 'silent');
  const handlers = { daily: dailyPromptJob({ groups: groupStore, curriculum, poster: restPoster(client, new RedisPacer(redis, keys)), log }), recap: async () => undefined, meetup: async () => undefined };
  const scheduler = new Scheduler(schedule, handlers, clock, log, { leaseMs: 30 * 60_000 });
  const started = performance.now();
  const startedAt = Date.now();
  await scheduler.tick();
  const seconds = (performance.now() - started) / 1000;
  const result = { claimMs, sent: standin.messages.length, seconds, rateLimited: standin.rateLimited, lateness: standin.calls.filter((c) => c.method === 'POST').map((c) => c.at - startedAt) };
  await client.destroy();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  await standin.stop();
  return result;
}

/** The naive way: one node-cron task per group, each posting when its minute comes. */
export async function naive(GROUPS: number): Promise<Result> {
  const standin = await new DiscordStandin([], 1, LIMITS).start();
  const client = restClient(standin);
  const poster = restPoster(client);
  const curriculum = loadCurriculum(process.env.CURRICULUM_DIR ?? 'curriculum');
  const topic = nextGroupTopic(curriculum, 'python', undefined);
  const view = { topic, moduleTitle: curriculum.module(topic.moduleId).title, slotMs: 0, slotLabel: 'Tue 24 Nov 2026' };
  // All due at the same second, soon (node-cron takes a seconds field; waiting for the next whole
  // minute measured nothing and cost up to a minute). Creating the tasks takes about 0.5 ms each.
  const fireAt = new Date(Math.ceil((Date.now() + 2_000 + 1.5 * GROUPS) / 1_000) * 1_000);
  const expression = `${fireAt.getUTCSeconds()} ${fireAt.getUTCMinutes()} ${fireAt.getUTCHours()} * * *`;
  // node-cron skips a run it notices too late ("missed execution"); count those instead of waiting for them.
  let settled = 0;
  let missed = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const settle = () => ++settled === GROUPS && finish();
  const logger = { info: () => {}, warn: (message: string) => message.startsWith('missed execution') && (missed++, settle()), error: () => {}, debug: () => {} };
  const tasks = Array.from({ length: GROUPS }, (_, n) =>
    cron.schedule(
      expression,
      async () => {
        await poster.dailyPrompt(channelOf(n), view, nonceFor(`daily:${guildOf(n)}`, fireAt.getTime()), false).catch(() => undefined);
        settle();
      },
      { timezone: 'UTC', logger },
    ),
  );
  if (Date.now() >= fireAt.getTime()) throw new Error(`scheduling ${GROUPS} node-cron tasks took past their due time; the naive run would wait a day`);
  await new Promise((r) => setTimeout(r, fireAt.getTime() - Date.now()));
  const started = performance.now();
  await Promise.race([done, new Promise((r) => setTimeout(r, 8 * 60_000))]);
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(tasks.map((t) => t.stop()));
  const result = { sent: standin.messages.length, seconds, rateLimited: standin.rateLimited, missed, lateness: standin.calls.filter((c) => c.method === 'POST').map((c) => c.at - fireAt.getTime()) };
  await client.destroy();
  await standin.stop();
  return result;
}

/**
 * `GROUPS` study groups all due in the same minute, under Discord's limits (50 requests/s, 5
 * messages per channel per 5 s): Syllabot's due-queue against a node-cron task per group. Both
 * are paced by the limits, not by CPU, so they run at the same time, each in a process of its own
 * with a stand-in of its own: in one process, creating and firing 10,000 cron tasks blocked the
 * event loop long enough for the due-queue's Redis commands to time out.
 */
export async function schedulingBenchmark(redisUrl: string, GROUPS: number): Promise<Row[]> {
  const run = async (mode: 'queued' | 'naive') => {
    const child = await Child.start(`scheduling ${mode}`, 'bench/scheduling-child.ts');
    try {
      return await child.call<Result>('run', { mode, redisUrl, groups: GROUPS });
    } finally {
      await child.stop();
    }
  };
  // The CPU is kept busy the whole time (a third process spinning on 2 cores): pacing must hold
  // when the bot's own process is slow to send.
  const spinner = fork('bench/spin.ts', { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
  let q: Result;
  let nv: Result;
  try {
    [q, nv] = await Promise.all([run('queued'), run('naive')]);
  } finally {
    spinner.kill('SIGKILL');
  }
  // Posts per second from the first post to the last: the pace the limits allow, without the
  // fixed start-up (claim, first connection) that would dominate a short quick run.
  const rate = (r: Result) => {
    const spanMs = Math.max(...r.lateness) - Math.min(...r.lateness);
    return spanMs > 0 ? (r.sent - 1) / (spanMs / 1000) : NaN;
  };
  const late = (r: Result) => `${round(percentile(r.lateness, 50) / 1000, 1)} / ${round(percentile(r.lateness, 99) / 1000, 1)} s`;
  const label = `${GROUPS.toLocaleString('en')} groups due in one minute, CPU busy`;
  return [
    { figure: `${label}: time to claim all`, value: `${round(q.claimMs!, 0)} ms`, baseline: 'n/a (naive: no queue)', ratio: '—', target: '—', holds: undefined },
    { figure: `${label}: send rate (first post to last)`, value: `${round(rate(q), 1)} /s`, baseline: `${round(rate(nv), 1)} /s (cron task per group)`, ratio: String(round(rate(q) / rate(nv))), target: '≥ 45 /s', holds: rate(q) >= 45 },
    { figure: `${label}: 429s received`, value: String(q.rateLimited), baseline: `${nv.rateLimited} (naive)`, ratio: '—', target: '0', holds: q.rateLimited === 0 },
    { figure: `${label}: posts lost`, value: String(GROUPS - q.sent), baseline: `${GROUPS - nv.sent} (naive; node-cron skipped ${nv.missed} runs as missed)`, ratio: '—', target: '0', holds: q.sent === GROUPS },
    { figure: `${label}: lateness p50 / p99`, value: late(q), baseline: `${late(nv)} (naive)`, ratio: '—', target: '—', holds: undefined },
  ];
}
