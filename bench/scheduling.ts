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
import type { Clock } from '../src/clock.js';
import { percentile, round, type Row } from './stats.js';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 10_000);
const LIMITS = { globalPerSecond: 50, channelMessages: { count: 5, windowMs: 5_000 } };
const channelOf = (n: number) => String(330000000000000000n + BigInt(n));
const guildOf = (n: number) => String(230000000000000000n + BigInt(n));

interface Result {
  claimMs?: number;
  /** Runs node-cron skipped as missed (naive only) */
  missed?: number;
  sent: number;
  seconds: number;
  rateLimited: number;
  lateness: number[];
}

/** Posts the daily prompt as the bot does (same body, nonce, enforce_nonce); the thread is left out of both runs. */
function restPoster(client: Client): Poster {
  const post = (channelId: string, view: DailyPromptView, nonce: string) => {
    const { embeds } = dailyPromptMessage(view);
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
async function queued(redisUrl: string): Promise<Result> {
  const standin = await new DiscordStandin([], 1, LIMITS).start();
  const redis = createRedis(redisUrl);
  await redis.connect();
  const prefix = `bench-sched-${Date.now()}`;
  const keys = createKeys(prefix);
  const curriculum = loadCurriculum('curriculum');
  let now = Date.parse('2026-11-23T12:00:00Z');
  const clock: Clock = { now: () => now };
  const groupStore = new GroupStore(redis, keys);
  const schedule = new ScheduleStore(redis, keys);
  const groups = new GroupService(groupStore, schedule, curriculum, clock);
  for (let n = 0; n < GROUPS; n++) await groups.setup(guildOf(n), { channelId: channelOf(n), time: '09:00', timezone: 'Europe/Berlin' });
  const due = DateTime.fromISO('2026-11-24T09:00', { zone: 'Europe/Berlin' }).toMillis();

  // Time to claim every due job, on its own (the claim script, batches of 200).
  now = due;
  const claimStarted = performance.now();
  const claimed: string[] = [];
  for (let batch = await schedule.claim(now, 60_000, 200); batch.length; batch = await schedule.claim(now, 60_000, 200)) claimed.push(...batch.map((j) => j.jobId));
  const claimMs = performance.now() - claimStarted;
  await schedule.release(claimed, now);

  const client = restClient(standin);
  const log = createLogger('silent');
  const scheduler = new Scheduler(schedule, { daily: dailyPromptJob({ groups: groupStore, curriculum, poster: restPoster(client), log }) }, clock, log, { leaseMs: 30 * 60_000 });
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
async function naive(): Promise<Result> {
  const standin = await new DiscordStandin([], 1, LIMITS).start();
  const client = restClient(standin);
  const poster = restPoster(client);
  const curriculum = loadCurriculum('curriculum');
  const topic = nextGroupTopic(curriculum, 'python', undefined);
  const view = { topic, moduleTitle: curriculum.module(topic.moduleId).title, slotMs: 0 };
  const fireAt = new Date(Math.ceil((Date.now() + 5_000) / 60_000) * 60_000);
  const expression = `${fireAt.getUTCMinutes()} ${fireAt.getUTCHours()} * * *`;
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
        await poster.dailyPrompt(channelOf(n), view, nonceFor(`daily:${guildOf(n)}`, fireAt.getTime())).catch(() => undefined);
        settle();
      },
      { timezone: 'UTC', logger },
    ),
  );
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

export async function schedulingBenchmark(redisUrl: string): Promise<Row[]> {
  const q = await queued(redisUrl);
  const nv = await naive();
  const rate = (r: Result) => r.sent / r.seconds;
  const late = (r: Result) => `${round(percentile(r.lateness, 50) / 1000, 1)} / ${round(percentile(r.lateness, 99) / 1000, 1)} s`;
  const label = `${GROUPS.toLocaleString('en')} groups due in one minute`;
  return [
    { figure: `${label}: time to claim all`, value: `${round(q.claimMs!, 0)} ms`, baseline: 'n/a (naive: no queue)', ratio: '—', target: '—', holds: undefined },
    { figure: `${label}: send rate`, value: `${round(rate(q), 1)} /s`, baseline: `${round(rate(nv), 1)} /s (cron task per group)`, ratio: String(round(rate(q) / rate(nv))), target: '≥ 45 /s', holds: rate(q) >= 45 },
    { figure: `${label}: 429s received`, value: String(q.rateLimited), baseline: `${nv.rateLimited} (naive)`, ratio: '—', target: '0', holds: q.rateLimited === 0 },
    { figure: `${label}: posts lost`, value: String(GROUPS - q.sent), baseline: `${GROUPS - nv.sent} (naive; node-cron skipped ${nv.missed} runs as missed)`, ratio: '—', target: '0', holds: q.sent === GROUPS },
    { figure: `${label}: lateness p50 / p99`, value: late(q), baseline: `${late(nv)} (naive)`, ratio: '—', target: '—', holds: undefined },
  ];
}
