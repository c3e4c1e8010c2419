import { fork } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { createKeys } from '../src/store/keys.js';
import { createRedis } from '../src/store/redis.js';
import { ScheduleStore } from '../src/store/schedule-store.js';
import { dailyJob } from '../src/scheduler/job.js';
import { DiscordStandin, TOKEN } from '../standin/discord-standin.js';
import { OwnRedisServer } from '../standin/redis-server.js';
import { round, thousands, type Row } from './stats.js';

/**
 * The cost of scale (docs/OPERATIONS.md, "Sizing"): Redis memory per active member, measured on a
 * Redis of its own filled server-side with members as the bot stores them; the time to claim
 * 100,000 due jobs; and the bot's RSS per 1,000 guilds.
 */
export async function scaleBenchmarks(options: { members: number; jobs: number; guilds: number }, log: (line: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const server = await OwnRedisServer.start();
  try {
    const redis = new Redis(server.url);
    const perMember = await memoryPerMember(redis, options.members, log);
    const measured100k = options.members === 100_000;
    const at100k = perMember.bytes * 100_000 + perMember.base;
    rows.push(
      {
        figure: `Redis memory per active member (half of a 166-topic track done, 50 undo entries, a year of week and month boards), measured at ${thousands(options.members)} members`,
        value: `${round(perMember.bytes / 1024, 1)} KiB`,
        baseline: `${round(perMember.base / 1_048_576, 1)} MiB for an empty server`,
        ratio: '—',
        target: '—',
        holds: undefined,
      },
      { figure: `Redis used_memory at 100,000 such members (${measured100k ? 'measured' : 'projected from the per-member cost'})`, value: `${round(at100k / 1_073_741_824, 2)} GiB`, baseline: '—', ratio: '—', target: '—', holds: undefined },
      { figure: 'Redis memory for 10 million such members (projected)', value: `${round((perMember.bytes * 10_000_000) / 1_073_741_824, 0)} GiB`, baseline: '—', ratio: '—', target: '—', holds: undefined },
    );
    const claim = await claimTime(server.url, options.jobs);
    rows.push({
      figure: `Time to claim ${thousands(options.jobs)} due jobs (batches of 200, one script call each)`,
      value: `${thousands(Math.round(claim.ms))} ms`,
      baseline: `${thousands(Math.round(claim.zpopMs))} ms (ZPOPMIN of the same jobs, the cheapest possible take)`,
      ratio: String(round(claim.ms / claim.zpopMs)),
      target: '—',
      holds: undefined,
    });
    redis.disconnect();
  } finally {
    await server.destroy();
  }
  const rss = await rssPerGuilds(options.guilds, log);
  rows.push({
    figure: `Bot RSS per 1,000 guilds (READY with 0, then ${thousands(options.guilds)} guilds of 100 members)`,
    value: `${round(rss.perThousand, 1)} MB`,
    baseline: `${round(rss.empty, 1)} MB with no guild`,
    ratio: '—',
    target: '—',
    holds: undefined,
  });
  return rows;
}

/** Fills the server with members as the bot stores them (server-side, so the fill is quick) and measures the growth. */
async function memoryPerMember(redis: Redis, members: number, log: (line: string) => void): Promise<{ bytes: number; base: number }> {
  const used = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
  const base = await used();
  const keys = createKeys('syllabot');
  const fill = `
    local prefix, guild, from, to = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
    for m = from, to do
      local member = prefix .. ':{g:' .. guild .. '}:member:' .. (700000000000000000 + m)
      redis.call('HSET', member, 'track', 'python', 'points', 830, 'streak', 12, 'bestStreak', 30, 'lastDay', '2026-11-24', 'cursor', 'topic-84', 'v', 250)
      for t = 1, 83 do redis.call('HSET', member .. ':topics', 'topic-id-number-' .. t, 'done:1764000000000') end
      for e = 1, 50 do redis.call('LPUSH', member .. ':log', '{"v":2,"a":"done","t":"topic-id-number-' .. e .. '","pf":"","pv":"","p":10,"s":11,"b":30,"d":"2026-11-23","c":"topic-id-number-' .. (e + 1) .. '","w":"2026-W48","m":"2026-11","at":1764000000000}') end
      local g = prefix .. ':{g:' .. guild .. '}:board:'
      redis.call('ZINCRBY', g .. 'all', 830, member)
      for w = 1, 52 do redis.call('ZINCRBY', g .. 'week:2026-W' .. w, 16, member) end
      for mo = 1, 12 do redis.call('ZINCRBY', g .. 'month:2026-' .. mo, 70, member) end
    end
    return to - from + 1`;
  const PER_GUILD = 1_000;
  for (let start = 0; start < members; start += 250) {
    const guild = String(100 + Math.floor(start / PER_GUILD));
    await redis.eval(fill, 0, keys.prefix, guild, start, Math.min(members, start + 250) - 1);
  }
  log(`scale: filled ${members} members`);
  return { bytes: ((await used()) - base) / members, base };
}

async function claimTime(url: string, jobs: number): Promise<{ ms: number; zpopMs: number }> {
  const redis = createRedis(url);
  await redis.connect();
  const keys = createKeys('claim-bench');
  const store = new ScheduleStore(redis, keys);
  const fill = async () => {
    for (let n = 0; n < jobs; n += 5_000) await store.schedule(...Array.from({ length: Math.min(5_000, jobs - n) }, (_, k) => [dailyJob(String(200_000_000_000_000_000n + BigInt(n + k))), 1_000] as [ReturnType<typeof dailyJob>, number]));
  };
  await fill();
  let started = performance.now();
  let claimed = 0;
  for (;;) {
    const batch = await store.claim(2_000, 60_000, 200);
    claimed += batch.length;
    if (batch.length < 200) break;
  }
  const ms = performance.now() - started;
  if (claimed !== jobs) throw new Error(`claimed ${claimed} of ${jobs}`);
  await redis.del(keys.schedDue(), keys.schedLease(), keys.schedGuilds());
  await fill();
  started = performance.now();
  while ((await redis.zpopmin(keys.schedDue(), 200)).length) {
    /* taking them all */
  }
  const zpopMs = performance.now() - started;
  await redis.del(keys.schedDue(), keys.schedLease(), keys.schedGuilds());
  redis.disconnect();
  return { ms, zpopMs };
}

/** RSS of a real bot process after READY with no guild, then with `guilds`, after a full GC each. */
async function rssPerGuilds(guilds: number, log: (line: string) => void): Promise<{ empty: number; perThousand: number }> {
  const measure = async (count: number) => {
    const specs = Array.from({ length: count }, (_, n) => ({ id: String(220000000000000000n + BigInt(n) * 4194304n), channelIds: [String(320000000000000000n + BigInt(n))], memberCount: 100 }));
    const standin = await new DiscordStandin(specs).start();
    const server = await OwnRedisServer.start();
    const child = fork('bench/scale-bot.ts', { execArgv: ['--import', 'tsx', '--expose-gc'], env: { ...process.env, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standin.apiUrl, REDIS_URL: server.url, HEALTH_PORT: '0', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const [rss] = (await once(child, 'message')) as [number];
    child.kill('SIGTERM');
    await once(child, 'exit');
    await standin.stop();
    await server.destroy();
    log(`scale: bot RSS with ${count} guilds: ${round(rss / 1_048_576, 1)} MB`);
    return rss / 1_048_576;
  };
  const empty = await measure(0);
  const full = await measure(guilds);
  return { empty, perThousand: ((full - empty) * 1_000) / guilds };
}
