import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { DiscordStandin, snowflake, TOKEN } from '../src/standin/discord-standin.js';
import { Member } from '../src/standin/member.js';
import { round, type Row } from './stats.js';

const GUILDS = 1_000;
const MEMBERS_PER_GUILD = 100;
const TOTAL_INTERACTIONS = 10_000;
const MEASURED = 2_000;
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

async function rss(child: ChildProcess): Promise<number> {
  child.send('rss');
  const [message] = (await once(child, 'message')) as [{ rss: number }];
  return message.rss;
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
  const standin = await new DiscordStandin(guilds).start();
  const env = { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standin.apiUrl, REDIS_URL: redisUrl, LOG_LEVEL: 'info', HEALTH_PORT: '0', COMMANDS_PER_10S: '0' };
  const member = (n: number) => new Member(standin, guildId(n % GUILDS), String(BigInt(guildId(n % GUILDS)) * 1000n + BigInt(Math.floor(n / GUILDS) % MEMBERS_PER_GUILD)));

  // Baseline: the bare bot.
  const bare = await spawnBot('bench/bots/bare.ts', env);
  await throughput(standin, 200, (n, id) => member(n).run('next', {}, id));
  const bareRate = await throughput(standin, MEASURED, (n, id) => member(n).run('next', {}, id));
  await throughput(standin, TOTAL_INTERACTIONS - MEASURED - 200, (n, id) => member(n + 7).run('next', {}, id));
  const bareRss = await rss(bare);
  await stop(bare);

  // Syllabot, the whole stack.
  const prefix = `bench-${Date.now()}`;
  const bot = await spawnBot('bench/bots/syllabot.ts', { ...env, REDIS_PREFIX: prefix });
  await throughput(standin, 200, (n, id) => member(n).run('next', {}, id));
  const nextRate = await throughput(standin, MEASURED, (n, id) => member(n).run('next', {}, id));
  const doneRate = await throughput(standin, MEASURED, (n, id) => member(n).run('done', {}, id));
  const trips = await roundTrips(redisUrl, standin, member(0));
  await throughput(standin, TOTAL_INTERACTIONS - 2 * MEASURED - 200 - 80, (n, id) => member(n + 7).run('next', {}, id));
  const botRss = await rss(bot);
  await stop(bot);
  await standin.stop();
  await cleanup(redisUrl, prefix);

  const rateRow = (figure: string, rate: number): Row => ({
    figure,
    value: `${round(rate, 0)} /s`,
    baseline: `${round(bareRate, 0)} /s (bare bot, pong)`,
    ratio: String(round(rate / bareRate)),
    target: '≥ 0.8',
    holds: rate / bareRate >= 0.8,
  });
  const extra = (botRss - bareRss) / 1_048_576;
  return [
    rateRow('/next interactions per second', nextRate),
    rateRow('/done interactions per second', doneRate),
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
      value: `${round(botRss / 1_048_576, 1)} MB`,
      baseline: `${round(bareRss / 1_048_576, 1)} MB (bare bot)`,
      ratio: String(round(botRss / bareRss)),
      target: '≤ +30 MB',
      holds: extra <= 30,
    },
  ];
}

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
  const { deletePrefix } = await import('../src/standin/redis-server.js');
  await deletePrefix(redis, prefix);
  redis.disconnect();
}
