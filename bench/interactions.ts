import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { DiscordStandin, snowflake, TOKEN } from '../standin/discord-standin.js';
import { Member } from '../standin/member.js';
import { percentile, round, type Row } from './stats.js';

const GUILDS = 1_000;
const MEMBERS_PER_GUILD = 100;
const TOTAL_INTERACTIONS = 10_000;
const ROUNDS = 7;
const PER_ROUND = 3_000;
const IN_FLIGHT = 32;

const guildId = (n: number) => String(220000000000000000n + BigInt(n) * 4194304n);

/** A bot process on the stand-in; resolves once it is ready. */
async function spawnBot(file: string, env: Record<string, string>): Promise<ChildProcess> {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = fork(file, { execArgv: ['--import', 'tsx', '--expose-gc', ...profile], env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const [message] = (await once(child, 'message')) as [string];
  if (message !== 'ready') throw new Error(`bot said ${message}`);
  return child;
}

/** RSS and, after a full GC, the live heap (RSS keeps memory V8 has freed but not returned). */
async function memory(child: ChildProcess): Promise<{ rss: number; heapUsed: number }> {
  child.send('rss');
  const [message] = (await once(child, 'message')) as [{ memory: { rss: number; heapUsed: number } }];
  return message.memory;
}

async function stop(child: ChildProcess): Promise<void> {
  child.send('stop');
  await once(child, 'exit');
}

/** Sends `count` interactions, `IN_FLIGHT` at a time, and answers interactions per second. */
async function throughput(standin: DiscordStandin, count: number, send: (n: number, id: string) => void): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const id = snowflake();
      const answered = standin.waitForCall((c) => c.path.startsWith(`/interactions/${id}/`), 30_000);
      send(n, id);
      await answered;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  standin.reset();
  return count / seconds;
}

export async function interactionBenchmarks(redisUrl: string): Promise<Row[]> {
  const guilds = Array.from({ length: GUILDS }, (_, n) => ({ id: guildId(n), channelIds: [String(320000000000000000n + BigInt(n))], memberCount: MEMBERS_PER_GUILD }));
  // Each bot has a stand-in of its own, so both run at once and the rounds interleave: a noisy
  // neighbour then slows both sides of a ratio alike.
  const bareWorld = await new DiscordStandin(guilds).start();
  const botWorld = await new DiscordStandin(guilds).start();
  const env = (standin: DiscordStandin) => ({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standin.apiUrl, REDIS_URL: redisUrl, LOG_LEVEL: 'info', HEALTH_PORT: '0', COMMANDS_PER_10S: '0' });
  const memberOf = (standin: DiscordStandin) => (n: number) => new Member(standin, guildId(n % GUILDS), String(BigInt(guildId(n % GUILDS)) * 1000n + BigInt(Math.floor(n / GUILDS) % MEMBERS_PER_GUILD)));
  const bareMember = memberOf(bareWorld);
  const botMember = memberOf(botWorld);
  const prefix = `bench-${Date.now()}`;
  const bare = await spawnBot('bench/bots/bare.ts', env(bareWorld));
  const bot = await spawnBot('bench/bots/syllabot.ts', { ...env(botWorld), REDIS_PREFIX: prefix });

  let bareSent = 0;
  let botSent = 0;
  const run = async (who: 'bare' | 'bot', command: string, count: number) => {
    const offset = who === 'bare' ? bareSent : botSent;
    const rate = await throughput(who === 'bare' ? bareWorld : botWorld, count, (n, id) => (who === 'bare' ? bareMember : botMember)(n + offset).run(command, {}, id));
    if (who === 'bare') bareSent += count;
    else botSent += count;
    return rate;
  };
  // Memory first, at exactly TOTAL_INTERACTIONS each; then the interleaved throughput rounds.
  await run('bare', 'next', TOTAL_INTERACTIONS);
  await run('bot', 'next', TOTAL_INTERACTIONS);
  const [bareMemory, botMemory] = [await memory(bare), await memory(bot)];
  const [bareRss, botRss] = [bareMemory.rss, botMemory.rss];
  const mb = (bytes: number) => round(bytes / 1_048_576, 1);

  const nextRatios: number[] = [];
  const doneRatios: number[] = [];
  const bareRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const bareRate = await run('bare', 'next', PER_ROUND);
    const nextRate = await run('bot', 'next', PER_ROUND);
    const doneRate = await run('bot', 'done', PER_ROUND);
    bareRates.push(bareRate);
    nextRatios.push(nextRate / bareRate);
    doneRatios.push(doneRate / bareRate);
  }
  const trips = await roundTrips(redisUrl, botWorld, botMember(0));
  await Promise.all([stop(bare), stop(bot)]);
  await Promise.all([bareWorld.stop(), botWorld.stop()]);
  await cleanup(redisUrl, prefix);

  const bareMedian = median(bareRates);
  const rateRow = (figure: string, ratios: number[]): Row => ({
    figure: `${figure} (median of ${ROUNDS} interleaved rounds of ${PER_ROUND}, ${IN_FLIGHT} in flight)`,
    value: `${round(median(ratios) * bareMedian, 0)} /s`,
    baseline: `${round(bareMedian, 0)} /s (bare bot, pong)`,
    ratio: `${round(median(ratios))} (rounds ${ratios.map((r) => round(r)).join(', ')})`,
    target: '≥ 0.8',
    holds: median(ratios) >= 0.8,
  });
  const extra = (botRss - bareRss) / 1_048_576;
  return [
    rateRow('/next interactions per second', nextRatios),
    rateRow('/done interactions per second', doneRatios),
    ...Object.entries(trips).map(([command, perCall]) => ({
      figure: `Redis round trips per ${command}`,
      value: String(perCall),
      baseline: '1 (one script call)',
      ratio: String(perCall),
      target: '1',
      holds: perCall === 1,
    })),
    {
      figure: `RSS after READY (${GUILDS} guilds × ${MEMBERS_PER_GUILD} members) and ${TOTAL_INTERACTIONS} interactions`,
      value: `${mb(botRss)} MB (live heap ${mb(botMemory.heapUsed)} MB)`,
      baseline: `${mb(bareRss)} MB (bare bot; live heap ${mb(bareMemory.heapUsed)} MB)`,
      ratio: String(round(botRss / bareRss)),
      target: '≤ +30 MB',
      holds: extra <= 30,
    },
  ];
}

const median = (values: number[]) => percentile(values, 50);

/** Commands the bot's own Redis connection sends per interaction, counted with MONITOR. */
async function roundTrips(redisUrl: string, standin: DiscordStandin, member: Member): Promise<Record<string, number>> {
  const admin = new Redis(redisUrl);
  const clients = String(await admin.client('LIST'));
  const address = clients
    .split('\n')
    .filter((line) => / name=syllabot /.test(line))
    .map((line) => ({ id: Number(/id=(\d+)/.exec(line)![1]), addr: /addr=(\S+)/.exec(line)![1]! }))
    .sort((a, b) => b.id - a.id)[0]!.addr;
  const monitor = await new Redis(redisUrl).monitor();
  let seen = 0;
  monitor.on('monitor', (_time: string, _args: string[], source: string) => {
    if (source === address) seen++;
  });
  const out: Record<string, number> = {};
  const REPEAT = 20;
  for (const command of ['next', 'done', 'skip', 'undo']) {
    await new Promise((r) => setTimeout(r, 100));
    seen = 0;
    for (let n = 0; n < REPEAT; n++) {
      const waiting = standin.waitForCall((c) => c.method === 'POST' && c.path.includes('/callback'), 10_000);
      member.run(command);
      await waiting;
      standin.reset();
    }
    await new Promise((r) => setTimeout(r, 200));
    out[`/${command}`] = round(seen / REPEAT, 2);
  }
  monitor.disconnect();
  admin.disconnect();
  return out;
}

async function cleanup(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  const { deletePrefix } = await import('../standin/redis-server.js');
  await deletePrefix(redis, prefix);
  redis.disconnect();
}
