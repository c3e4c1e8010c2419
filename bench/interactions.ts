import { mkdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import { TOKEN } from '../standin/discord-standin.js';
import { deletePrefix } from '../standin/redis-server.js';
import { Child } from './ipc.js';
import { RedisMonitor } from './redis-monitor.js';
import { median, percentile, round, thousands, type Row } from './stats.js';
import { GUILDS, MEMBERS_PER_GUILD, type Expect, type RunArgs, type RunResult } from './world.js';

/**
 * Interaction throughput, latency, Redis traffic and memory of the real bot, beside two bare
 * discord.js bots and the driver's own ceiling.
 *
 * Processes: this orchestrator only starts the others and waits on IPC between runs. The driver
 * (bench/driver.ts) plays Discord and sends the load; each bot runs in its own process. Bots are
 * measured one at a time, in interleaved rounds (every bot once per round, the order reversed every
 * other round), so a noisy neighbour on this shared machine slows every bot of a round alike;
 * figures are medians over rounds, and ratios are medians of each round's own ratio.
 */

export interface InteractionSettings {
  rounds: number;
  perRound: number;
  /** Interactions every bot answers before memory is read (and before the rounds, as a warm-up). */
  warmup: number;
  inFlight: number;
  /** Interactions per command while MONITOR counts the bot's Redis traffic. */
  sample: number;
  /** Where to write a CPU profile of the Syllabot process over the rounds. */
  profileDir?: string;
}

export interface InteractionReport {
  rows: Row[];
  /** Markdown: every single round. */
  rounds: string;
  /** Reasons the figures cannot be trusted: the bench must fail. */
  failures: string[];
  profile?: string;
}

type BotName = 'responder' | 'pong' | 'card' | 'syllabot';
type Entry = 'ceiling' | 'pong' | 'card' | 'next' | 'done';
const BOT_FILES: Record<BotName, string> = { responder: 'bench/bots/responder.ts', pong: 'bench/bots/bare.ts', card: 'bench/bots/card.ts', syllabot: 'bench/bots/syllabot.ts' };
const ENTRIES: Record<Entry, { bot: BotName; command: string; expect: Expect; label: string }> = {
  ceiling: { bot: 'responder', command: 'next', expect: 'card', label: 'ceiling (responder that answers at once)' },
  pong: { bot: 'pong', command: 'next', expect: 'any', label: 'bare discord.js bot, "pong"' },
  card: { bot: 'card', command: 'next', expect: 'card', label: 'bare discord.js bot, card-shaped reply' },
  next: { bot: 'syllabot', command: 'next', expect: 'card', label: 'Syllabot /next' },
  done: { bot: 'syllabot', command: 'done', expect: 'public', label: 'Syllabot /done' },
};
const ORDER: Entry[] = ['ceiling', 'pong', 'card', 'next', 'done'];

/** Members 0 … 99,999 are the guilds' listed members (for /next, cycling); /done takes a fresh member every time, from 100,000 up. */
const LISTED = GUILDS * MEMBERS_PER_GUILD;

interface Measured {
  rate: number;
  latencies: number[];
  /** Bot process CPU per interaction, µs. */
  cpuUs: number;
  driverCpu: number;
}

export async function interactionBenchmarks(redisUrl: string, settings: InteractionSettings, progress: (line: string) => void): Promise<InteractionReport> {
  const failures: string[] = [];
  // As long as the default prefix ("syllabot"), so the bytes sent per command are production's.
  const prefix = `b${Math.random().toString(36).slice(2, 9).padEnd(7, '0')}`;
  const driver = await Child.start('driver', 'bench/driver.ts');
  const bots = new Map<BotName, Child>();
  try {
    const names = Object.keys(BOT_FILES) as BotName[];
    const urls = new Map<BotName, string>();
    for (const name of names) urls.set(name, await driver.call<string>('world', name));
    progress(`starting ${names.length} bots on ${GUILDS.toLocaleString('en')} guilds × ${MEMBERS_PER_GUILD} members…`);
    const started = Date.now();
    const starts = await Promise.allSettled(
      names.map(async (name) => {
        const env: Record<string, string> = { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: urls.get(name)!, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'info', HEALTH_PORT: '0', COMMANDS_PER_10S: '0' };
        bots.set(name, await Child.start(name, BOT_FILES[name], { env, execArgv: ['--expose-gc'] }));
      }),
    );
    const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    progress(`bots ready in ${Math.round((Date.now() - started) / 1000)} s`);

    let nextMember = 0;
    let doneMember = LISTED;
    const measure = async (entry: Entry, count: number, inFlight = settings.inFlight): Promise<Measured> => {
      const { bot, command, expect } = ENTRIES[entry];
      const child = bots.get(bot)!;
      const fresh = command === 'done';
      const args: RunArgs = { world: bot, command, count, inFlight, firstMember: fresh ? doneMember : nextMember, members: fresh ? undefined : LISTED, expect };
      if (fresh) doneMember += count;
      else nextMember = (nextMember + count) % LISTED;
      const cpuBefore = await child.call<number>('cpu');
      const result = await driver.call<RunResult>('run', args);
      const cpuUs = ((await child.call<number>('cpu')) - cpuBefore) / count;
      if (result.unexpected > 0) {
        failures.push(`${ENTRIES[entry].label}: ${result.unexpected} of ${count} answers were not what the figure measures (expected ${expect}); one was ${JSON.stringify(result.sample).slice(0, 400)}`);
      }
      return { rate: result.rate, latencies: result.latencies, cpuUs, driverCpu: result.driverCpu };
    };

    // Warm-up, and memory at exactly `warmup` interactions each.
    const warm = Date.now();
    // (The responder has no memory figure: a short warm-up is enough for it.)
    for (const entry of ORDER.filter((e) => e !== 'done')) await measure(entry, entry === 'ceiling' ? Math.min(2_000, settings.warmup) : settings.warmup);
    progress(`warm-up (${thousands(settings.warmup)} interactions per discord.js bot) took ${Math.round((Date.now() - warm) / 1000)} s`);
    const memory = new Map<BotName, NodeJS.MemoryUsage>();
    for (const name of ['pong', 'card', 'syllabot'] as const) memory.set(name, await bots.get(name)!.call<NodeJS.MemoryUsage>('memory'));

    if (settings.profileDir) {
      mkdirSync(settings.profileDir, { recursive: true });
      await bots.get('syllabot')!.call('profile-start');
    }
    const rounds: Array<{ order: Entry[]; results: Map<Entry, Measured> }> = [];
    for (let r = 0; r < settings.rounds; r++) {
      // ABBA: forward, then backward. Over every two rounds each entry sits at the same mean time,
      // which cancels a load that drifts; the card bot always runs next to /next.
      const order = r % 2 ? [...ORDER].reverse() : ORDER;
      const results = new Map<Entry, Measured>();
      for (const entry of order) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        results.set(entry, await measure(entry, settings.perRound));
      }
      rounds.push({ order, results });
      progress(`round ${r + 1}/${settings.rounds}: ${order.map((e) => `${e} ${Math.round(results.get(e)!.rate)}/s`).join(', ')}`);
    }
    const profile = settings.profileDir ? await bots.get('syllabot')!.call<string>('profile-stop', settings.profileDir) : undefined;

    const traffic = await redisTraffic(redisUrl, bots.get('syllabot')!, driver, settings.sample, doneMember);
    doneMember += 2 * settings.sample;

    const rows = report(settings, rounds, memory, traffic, failures);
    return { rows, rounds: roundsTable(rounds), failures, profile };
  } finally {
    await Promise.all([...bots.values()].map((b) => b.stop()));
    await driver.stop();
    const redis = new Redis(redisUrl);
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }
}

interface Traffic {
  command: string;
  /** Per interaction: socket writes (round trips), bytes written, commands and their argument bytes (MONITOR). */
  roundTrips: number;
  bytes: number;
  commands: number;
  argumentBytes: number;
  names: string;
}

/**
 * What the bot's own Redis connection carries per interaction, one interaction at a time (so a
 * write is one round trip of that interaction, whatever the client batches): round trips and bytes
 * from the bot process's sockets, commands and their argument bytes from MONITOR filtered by the
 * bot's client address.
 */
async function redisTraffic(redisUrl: string, bot: Child, driver: Child, count: number, firstFresh: number): Promise<Traffic[]> {
  const host = new URL(redisUrl).hostname;
  const ports = await bot.call<number[]>('redis-ports');
  if (!ports.length) throw new Error('the Syllabot process has no connection to Redis that the bench can see');
  const monitor = await RedisMonitor.start(
    redisUrl,
    ports.map((p) => `${host}:${p}`),
  );
  const out: Traffic[] = [];
  try {
    // Fresh members for /done and /skip (each marks a topic), and /undo by the members of that /done.
    const plan: Array<[string, number, Expect]> = [
      ['next', 0, 'card'],
      ['done', firstFresh, 'public'],
      ['skip', firstFresh + count, 'any'],
      ['undo', firstFresh, 'any'],
    ];
    for (const [command, firstMember, expect] of plan) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      monitor.reset();
      const before = await bot.call<{ writes: number; bytes: number }>('redis-count');
      const result = await driver.call<RunResult>('run', { world: 'syllabot', command, count, inFlight: 1, firstMember, expect } satisfies RunArgs);
      const after = await bot.call<{ writes: number; bytes: number }>('redis-count');
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (result.unexpected) throw new Error(`/${command} while counting Redis traffic: ${result.unexpected} unexpected answers, e.g. ${JSON.stringify(result.sample).slice(0, 300)}`);
      out.push({
        command,
        roundTrips: (after.writes - before.writes) / count,
        bytes: (after.bytes - before.bytes) / count,
        commands: monitor.commands / count,
        argumentBytes: monitor.bytes / count,
        names: [...monitor.byName].map(([n, c]) => `${n} ${round(c / count, 2)}`).join(', '),
      });
    }
  } finally {
    monitor.stop();
  }
  return out;
}

function report(settings: InteractionSettings, rounds: Array<{ results: Map<Entry, Measured> }>, memory: Map<BotName, NodeJS.MemoryUsage>, traffic: Traffic[], failures: string[]): Row[] {
  const rates = (e: Entry) => rounds.map((r) => r.results.get(e)!.rate);
  const med = (e: Entry) => median(rates(e));
  const ratios = (a: Entry, b: Entry) => rounds.map((r) => r.results.get(a)!.rate / r.results.get(b)!.rate);
  const ceiling = med('ceiling');
  const runs = `median of ${settings.rounds} interleaved rounds of ${thousands(settings.perRound)}, ${settings.inFlight} in flight`;
  const perS = (v: number) => `${thousands(Math.round(v))} /s`;

  for (const base of ['pong', 'card'] as const) {
    const share = med(base) / ceiling;
    if (share > 0.8) {
      failures.push(`the ${ENTRIES[base].label} answered ${perS(med(base))}, ${round(share)} of the driver's ceiling (${perS(ceiling)}): within 20 % of it, so the figures measure the driver, not the bots`);
    }
  }

  const rateRow = (entry: 'next' | 'done'): Row => {
    const vsPong = ratios(entry, 'pong');
    const vsCard = ratios(entry, 'card');
    const list = (values: number[]) => values.map((v) => round(v)).join(', ');
    return {
      figure: `/${entry} interactions per second (${runs})`,
      value: `${perS(med(entry))} (${round(med(entry) / ceiling)} of ceiling)`,
      baseline: `card ${perS(med('card'))} · pong ${perS(med('pong'))} · ceiling ${perS(ceiling)}`,
      ratio: `${round(median(vsCard))}× card (rounds ${list(vsCard)}) · ${round(median(vsPong))}× pong (rounds ${list(vsPong)})`,
      target: '≥ 0.75× card (goal 0.8)',
      holds: median(vsCard) >= 0.75,
    };
  };

  const pooled = (e: Entry) => rounds.flatMap((r) => r.results.get(e)!.latencies);
  const lat = (e: Entry) => {
    const all = pooled(e);
    return { p50: percentile(all, 50), p99: percentile(all, 99) };
  };
  const latText = (e: Entry) => `${round(lat(e).p50, 1)} / ${round(lat(e).p99, 1)} ms`;
  const latencyRow = (entry: 'next' | 'done'): Row => ({
    figure: `/${entry} ack latency p50 / p99, ${settings.inFlight} in flight (INTERACTION_CREATE sent → callback received)`,
    value: latText(entry),
    baseline: `card ${latText('card')} · pong ${latText('pong')} · ceiling ${latText('ceiling')}`,
    ratio: `${round(lat(entry).p50 / lat('card').p50)} / ${round(lat(entry).p99 / lat('card').p99)} (to card)`,
    target: 'p99 < 3,000 ms',
    holds: lat(entry).p99 < 3_000,
  });

  const cpu = (e: Entry) => median(rounds.map((r) => r.results.get(e)!.cpuUs));
  const cpuRow = (entry: 'next' | 'done'): Row => ({
    figure: `/${entry}: CPU time of the bot process per interaction (median of rounds)`,
    value: `${Math.round(cpu(entry))} µs`,
    baseline: `card ${Math.round(cpu('card'))} µs · pong ${Math.round(cpu('pong'))} µs · responder ${Math.round(cpu('ceiling'))} µs`,
    ratio: `${round(cpu(entry) / cpu('card'))}× card`,
    target: '—',
    holds: undefined,
  });

  const trafficRows = traffic.map(
    (t): Row => ({
      figure: `Redis per /${t.command}, one at a time: round trips, bytes sent (commands: ${t.names || 'none'})`,
      value: `${round(t.roundTrips, 2)} round trip${t.roundTrips === 1 ? '' : 's'}, ${thousands(Math.round(t.bytes))} B (${round(t.commands, 2)} commands, ${thousands(Math.round(t.argumentBytes))} B of arguments)`,
      baseline: '0 (no store)',
      ratio: '—',
      target: '≤ 2 round trips, < 1,536 B',
      holds: t.roundTrips <= 2 && t.bytes < 1_536,
    }),
  );

  const mb = (bytes: number) => round(bytes / 1_048_576, 1);
  const bot = memory.get('syllabot')!;
  const pong = memory.get('pong')!;
  const card = memory.get('card')!;
  return [
    {
      figure: `Validity: baselines' share of the driver's ceiling (${runs})`,
      value: `ceiling ${perS(ceiling)} (driver CPU ${round(median(rounds.map((r) => r.results.get('ceiling')!.driverCpu)))} of a core)`,
      baseline: `pong ${perS(med('pong'))} · card ${perS(med('card'))}`,
      ratio: `pong ${round(med('pong') / ceiling)} · card ${round(med('card') / ceiling)}`,
      target: '≤ 0.8 of ceiling (else the bench fails)',
      holds: med('pong') <= 0.8 * ceiling && med('card') <= 0.8 * ceiling,
    },
    rateRow('next'),
    rateRow('done'),
    latencyRow('next'),
    latencyRow('done'),
    cpuRow('next'),
    cpuRow('done'),
    ...trafficRows,
    {
      figure: `RSS after READY (${thousands(GUILDS)} guilds × ${MEMBERS_PER_GUILD} members) and ${thousands(settings.warmup)} interactions`,
      value: `${mb(bot.rss)} MB (live heap ${mb(bot.heapUsed)} MB)`,
      baseline: `${mb(pong.rss)} MB pong (live heap ${mb(pong.heapUsed)} MB) · ${mb(card.rss)} MB card`,
      ratio: `${round(bot.rss / pong.rss)} (to pong)`,
      target: '≤ pong + 30 MB',
      holds: (bot.rss - pong.rss) / 1_048_576 <= 30,
    },
  ];
}

function roundsTable(rounds: Array<{ order: Entry[]; results: Map<Entry, Measured> }>): string {
  const cell = (m: Measured) => `${thousands(Math.round(m.rate))}`;
  return [
    '| Round | Order | Ceiling /s | Pong /s | Card /s | /next /s | /done /s | /next ÷ card | /done ÷ card | /next ÷ pong | /done ÷ pong | Driver CPU (ceiling run) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rounds.map((r, k) => {
      const g = (e: Entry) => r.results.get(e)!;
      return `| ${k + 1} | ${r.order.join(' → ')} | ${cell(g('ceiling'))} | ${cell(g('pong'))} | ${cell(g('card'))} | ${cell(g('next'))} | ${cell(g('done'))} | ${round(g('next').rate / g('card').rate)} | ${round(g('done').rate / g('card').rate)} | ${round(g('next').rate / g('pong').rate)} | ${round(g('done').rate / g('pong').rate)} | ${round(g('ceiling').driverCpu)} |`;
    }),
  ].join('\n');
}
