import { fork } from 'node:child_process';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCanvas } from '@napi-rs/canvas';
import { encodePng } from '../src/card/png.js';
import { cardSize, drawProgressCard, renderProgressCard, type CardData } from '../src/card/progress-card.js';
import { median, percentile, round, thousands, type Row } from './stats.js';

/**
 * The progress card (src/card/progress-card.ts): render time (drawing + PNG encode, wall) one at a
 * time and 8 in flight, how long each render holds the event loop, PNG bytes, and memory over the
 * run. Beside each figure, a blank canvas of the same size created and encoded the same way: what
 * PNG encoding alone costs, which no layout can save.
 *
 * Runs in a child process of its own (this file again, with BENCH_CARD_CHILD=1 and --expose-gc), so
 * its memory figures are the renderer's, not the orchestrator's Redis clients and earlier phases'.
 */

export interface CardSettings {
  renders: number;
  warmup: number;
}

const IN_FLIGHT = 8;
const TARGET_P99_MS = 50;

// The module titles of curriculum/ when this was written: realistic lengths, some cut by the card.
const TITLES = [
  'How the internet works',
  'The terminal and operating-system basics',
  'Front-end basics for backend developers',
  'Your backend language',
  'Version control with Git and GitHub',
  'Data structures and algorithms',
  'Relational databases and SQL',
  'NoSQL databases',
  'APIs',
  'Your web framework',
  'Authentication and authorisation',
  'Web security',
  'Testing',
  'Design principles and patterns',
  'Architecture',
  'Background work and resilience',
  'Caching',
  'Containers and deployment',
  'CI/CD',
  'Logging, monitoring and tracing',
  'Scaling',
  'Projects, community and your first job',
];
const NAMES = ['Ada Lovelace', 'grace_hopper', 'Linus', 'Zoë Ωmega', 'さくら 🌸', '🦊 fox in the terminal 🦊', 'مرحبا Sami', 'Maximilian Alexander Bartholomew von Hohenzollern-Sigmaringen', '👩🏽‍💻 dev', '李小龍 learns Go'];

/** A member's card, varied by `n` but the same for the same `n` (a fixed generator, not Math.random), so runs compare. */
export function benchCard(n: number): CardData {
  let seed = (n + 1) * 2_654_435_761;
  const next = (below: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % below;
  };
  const reached = next(TITLES.length + 1);
  const modules = TITLES.map((title, i) => {
    const total = 5 + ((i * 7) % 8);
    return { title, total, closed: i < reached ? total : i === reached ? next(total) : 0 };
  });
  const done = modules.reduce((sum, m) => sum + m.closed, 0);
  const streak = next(40);
  return {
    name: NAMES[n % NAMES.length]!,
    trackTitle: n % 2 ? 'Python' : 'Node.js',
    modules,
    done,
    skipped: next(5),
    total: modules.reduce((sum, m) => sum + m.total, 0),
    points: done * 10 + next(500),
    streak,
    bestStreak: streak + next(30),
    freezes: next(3),
    rank: next(4) ? 1 + next(2_000) : null,
    showRank: next(5) > 0,
    reviewsDue: next(3) ? next(12) : undefined,
  };
}

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

interface ChildReport {
  size: { width: number; height: number };
  card: number[];
  blank: number[];
  /** The same cards through Skia's encode('png') */
  skia: number[];
  skiaBytes: number[];
  held: number[];
  bytes: number[];
  blankBytes: number;
  before: Memory;
  after: Memory;
  rssSamples: [renders: number, rss: number][];
  /** RSS after GC after each round of renders in flight, after the concurrent runs above (a leak shows as steady growth) */
  leakRounds: { renders: number; rss: number[] };
  concurrent: { card: { perSecond: number; p50: number; p99: number; loopDelayP99: number }; blank: { perSecond: number; p50: number; p99: number; loopDelayP99: number } };
  threadpool: string;
  load: number[];
  cores: number;
}

export async function cardBenchmark(settings: CardSettings, log: (line: string) => void): Promise<Row[]> {
  const child = fork('bench/card.ts', {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, BENCH_CARD_CHILD: '1', BENCH_CARD_SETTINGS: JSON.stringify(settings) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  // A child that dies before reporting fails the phase rather than leaving it waiting.
  const report = await Promise.race([
    once(child, 'message').then(([message]) => message as ChildReport),
    exited.then(([code]) => Promise.reject(new Error(`bench/card.ts child exited (${String(code)}) before reporting`))),
  ]);
  await exited;
  return rows(report, settings, log);
}

function rows(r: ChildReport, settings: CardSettings, log: (line: string) => void): Row[] {
  const ms = (values: number[]) => [50, 95, 99].map((p) => round(percentile(values, p), 1)).concat(round(Math.max(...values), 1));
  const card = ms(r.card);
  const blank = ms(r.blank);
  const skia = ms(r.skia);
  const mb = (bytes: number) => round(bytes / 1_048_576, 1);
  const memory = (m: Memory) => `RSS ${mb(m.rss)} · heap ${mb(m.heapUsed)} · external ${mb(m.external)} · arrayBuffers ${mb(m.arrayBuffers)} MB`;
  // Between the second and the last round: the first round still grows allocator arenas (see child()).
  const rounds = r.leakRounds.rss;
  const perThousand = ((rounds.at(-1)! - rounds[1]!) * 1_000) / (r.leakRounds.renders * (rounds.length - 2));
  const sampled = r.rssSamples.map(([, rss]) => rss);
  const size = `${r.size.width}×${r.size.height}`;
  const renders = thousands(settings.renders);
  const held = ms(r.held);
  log(`card: RSS after GC by renders: ${r.rssSamples.map(([n, rss]) => `${n}: ${mb(rss)}`).join(', ')} MB`);
  return [
    {
      figure: `Progress card, one at a time: render (draw + PNG encode, wall) p50 / p95 / p99 / max, ${renders} cards of 22 modules (${size}), varied members, interleaved with the baseline; load average ${r.load.map((l) => round(l, 1)).join(' → ')} on ${r.cores} cores`,
      value: `${card.join(' / ')} ms`,
      baseline: `${blank.join(' / ')} ms (blank canvas of the same size: create, fill, encode the same way)`,
      ratio: `${round(card[0]! / blank[0]!)} / ${round(card[2]! / blank[2]!)} (p50 / p99)`,
      target: `p99 ≤ ${TARGET_P99_MS} ms`,
      holds: card[2]! <= TARGET_P99_MS,
    },
    {
      figure: `The same cards encoded by Skia's own encode('png') instead of src/card/png.ts (what the renderer did first), p50 / p95 / p99 / max`,
      value: `${skia.join(' / ')} ms, ${thousands(Math.round(median(r.skiaBytes)))} B median`,
      baseline: `${card.join(' / ')} ms, ${thousands(Math.round(median(r.bytes)))} B (the card as rendered)`,
      ratio: `${round(skia[0]! / card[0]!)} / ${round(skia[2]! / card[2]!)} (p50 / p99, Skia ÷ ours)`,
      target: '—',
      holds: undefined,
    },
    {
      figure: 'Progress card: event loop held per render (drawing, and rasterising when its pixels are read; deflate runs on the libuv pool) p50 / p95 / p99 / max',
      value: `${held.join(' / ')} ms`,
      baseline: 'deflate: on the libuv pool',
      ratio: `${round(median(r.held) / median(r.card), 2)} of the render (p50)`,
      target: '—',
      holds: undefined,
    },
    {
      figure: `Progress card, ${IN_FLIGHT} in flight (UV_THREADPOOL_SIZE ${r.threadpool}): throughput, latency p50 / p99, event-loop delay p99`,
      value: `${round(r.concurrent.card.perSecond, 1)} /s, ${round(r.concurrent.card.p50, 1)} / ${round(r.concurrent.card.p99, 1)} ms, loop ${round(r.concurrent.card.loopDelayP99, 1)} ms`,
      baseline: `${round(r.concurrent.blank.perSecond, 1)} /s, ${round(r.concurrent.blank.p50, 1)} / ${round(r.concurrent.blank.p99, 1)} ms, loop ${round(r.concurrent.blank.loopDelayP99, 1)} ms (blank canvas)`,
      ratio: `${round(r.concurrent.card.perSecond / r.concurrent.blank.perSecond)} (throughput)`,
      target: '—',
      holds: undefined,
    },
    {
      figure: 'Progress card: PNG bytes, median (min–max)',
      value: `${thousands(Math.round(median(r.bytes)))} B (${thousands(Math.min(...r.bytes))}–${thousands(Math.max(...r.bytes))})`,
      baseline: `${thousands(r.blankBytes)} B (blank canvas)`,
      ratio: '—',
      target: '< 8 MiB (Discord’s smallest upload limit)',
      holds: Math.max(...r.bytes) < 8 * 1_048_576,
    },
    {
      figure: `Progress card: memory after GC, before → after ${renders} one-at-a-time + ${renders} concurrent renders (and as many blank encodes)`,
      value: `${memory(r.before)} → ${memory(r.after)}`,
      baseline: '—',
      ratio: '—',
      target: '—',
      holds: undefined,
    },
    {
      figure: `Progress card: RSS growth per 1,000 renders, ${IN_FLIGHT} in flight (RSS after GC after each of ${rounds.length} rounds of ${thousands(r.leakRounds.renders)}, from the 2nd round to the last)`,
      value: `${round(perThousand / 1_048_576, 2)} MB`,
      baseline: `rounds: ${rounds.map((rss) => mb(rss)).join(', ')} MB; one at a time, every tenth: ${mb(Math.min(...sampled))}–${mb(Math.max(...sampled))} MB`,
      ratio: '—',
      target: '≈ 0 (no leak)',
      holds: undefined,
    },
  ];
}

// ---- the child: everything timed happens here ----

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const memoryNow = (): Memory => {
  gc();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
};

/** The baseline: a blank canvas of the card's size, its pixels read and encoded as the card's are. */
async function blankPng(width: number, height: number): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').fillRect(0, 0, width, height);
  return encodePng(canvas.data(), width, height);
}

/** The same card through Skia's own `encode('png')`, which the renderer used first (see src/card/png.ts). */
const skiaPng = (data: CardData): Promise<Buffer> => drawProgressCard(data).encode('png');

/** `total` calls of `render`, `IN_FLIGHT` at every moment (each completion starts the next). */
async function inFlight(total: number, render: (n: number) => Promise<Buffer>) {
  const latencies: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let started = 0;
  const worker = async () => {
    while (started < total) {
      const n = started++;
      const t = performance.now();
      await render(n);
      latencies.push(performance.now() - t);
    }
  };
  loop.enable();
  const t = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - t) / 1000;
  loop.disable();
  return { perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), loopDelayP99: loop.percentile(99) / 1e6 };
}

async function child(settings: CardSettings): Promise<ChildReport> {
  const load = [loadavg()[0]!];
  const size = cardSize(TITLES.length);
  for (let n = 0; n < settings.warmup; n++) {
    await renderProgressCard(benchCard(n));
    await blankPng(size.width, size.height);
  }
  // And in flight, so every libuv thread has encoded before memory is first read: each grows an
  // allocator arena of its own the first time, which is not a leak.
  await inFlight(settings.warmup, (n) => renderProgressCard(benchCard(n)));
  const before = memoryNow();
  const card: number[] = [];
  const blank: number[] = [];
  const skia: number[] = [];
  const skiaBytes: number[] = [];
  const held: number[] = [];
  const bytes: number[] = [];
  const rssSamples: [number, number][] = [[0, before.rss]];
  const every = Math.max(1, Math.floor(settings.renders / 10));
  let blankBytes = 0;
  for (let n = 0; n < settings.renders; n++) {
    // Card then blank, one after the other: a neighbour's load slows both alike.
    const data = benchCard(n);
    let t = performance.now();
    const pending = renderProgressCard(data);
    held.push(performance.now() - t);
    const png = await pending;
    card.push(performance.now() - t);
    bytes.push(png.length);
    t = performance.now();
    blankBytes = (await blankPng(size.width, size.height)).length;
    blank.push(performance.now() - t);
    t = performance.now();
    skiaBytes.push((await skiaPng(data)).length);
    skia.push(performance.now() - t);
    if ((n + 1) % every === 0) rssSamples.push([n + 1, memoryNow().rss]);
  }
  const concurrent = {
    card: await inFlight(settings.renders, (n) => renderProgressCard(benchCard(n))),
    blank: await inFlight(settings.renders, () => blankPng(size.width, size.height)),
  };
  const after = memoryNow();
  const leakRounds = { renders: Math.max(IN_FLIGHT, Math.floor(settings.renders / 2)), rss: [] as number[] };
  for (let round = 0; round < 6; round++) {
    await inFlight(leakRounds.renders, (n) => renderProgressCard(benchCard(n)));
    leakRounds.rss.push(memoryNow().rss);
  }
  load.push(loadavg()[0]!);
  return { size, card, blank, skia, skiaBytes, held, bytes, blankBytes, before, after, rssSamples, leakRounds, concurrent, threadpool: process.env.UV_THREADPOOL_SIZE ?? '4 (default)', load, cores: cpus().length };
}

if (process.env.BENCH_CARD_CHILD === '1') {
  const report = await child(JSON.parse(process.env.BENCH_CARD_SETTINGS ?? '{}') as CardSettings);
  process.send!(report, () => process.exit(0));
}
