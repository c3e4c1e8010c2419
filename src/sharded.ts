import 'dotenv/config';
import { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import { ConfigError, parseConfig, shardCountSchema } from './config.js';
import { createLogger } from './log.js';

/** How long the shards get to stop on SIGTERM (each exits within 10 s, see main.ts) before they are SIGKILLed. */
const STOP_TIMEOUT_MS = 15_000;
/** How long to wait for SIGKILLed shards to be reaped before the manager exits anyway. */
const KILL_WAIT_MS = 2_000;

/**
 * `npm run start:sharded`: one process per shard (discord.js ShardingManager). All state is in
 * Redis and the scheduler's due-queue gives each post to one process, so shards share everything.
 *
 * SIGTERM / SIGINT: stop respawning, send every shard process SIGTERM, wait until each has exited
 * (SIGKILL after STOP_TIMEOUT_MS, then exit 1) and exit 0, whatever else holds the event loop open.
 */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const wanted = shardCountSchema.safeParse(process.env.SHARDS);
  if (!wanted.success) throw new ConfigError(wanted.error.issues.map((i) => i.message));
  const log = createLogger(config.LOG_LEVEL);

  let manager: ShardingManager | undefined = undefined;
  let spawning: Promise<unknown> = Promise.resolve();
  let stopping = false;
  // Every shard process that has not exited yet, respawns included.
  const running = new Set<ChildProcess>();

  /** Stops every shard process; true when all of them exited on SIGTERM in time. */
  const stopShards = async (): Promise<boolean> => {
    stopping = true;
    // discord.js respawns a shard whose process exits (respawn: true); from now on it must not.
    // Its own 'exit' listener stays, so each Shard still records the death of its process.
    if (manager) manager.respawn = false;
    for (const child of running) child.kill('SIGTERM');
    const allExited = async () => {
      // A shard still starting up when the signal came is stopped as it spawns (below).
      await spawning.catch(() => undefined);
      while (running.size > 0) await Promise.all([...running].map(exited));
    };
    if (await within(allExited(), STOP_TIMEOUT_MS)) return true;
    const stuck = [...running];
    log.error({ pids: stuck.map((child) => child.pid), timeoutMs: STOP_TIMEOUT_MS }, 'shards did not stop in time; killing them');
    for (const child of stuck) child.kill('SIGKILL');
    await within(Promise.all(stuck.map(exited)), KILL_WAIT_MS);
    return false;
  };

  const shutdown = async (signal: string) => {
    if (stopping) return;
    log.info({ signal, shards: running.size }, 'stopping every shard');
    const clean = await stopShards();
    if (clean) log.info('every shard stopped');
    // Exit explicitly: whatever else holds the event loop open must not keep the manager alive.
    process.exit(clean ? 0 : 1);
  };
  // Before anything is spawned: a signal while shards start must not orphan the ones already up.
  process.once('SIGTERM', (s) => void shutdown(s));
  process.once('SIGINT', (s) => void shutdown(s));

  // Shards across hosts: SHARD_COUNT in all, and this host runs SHARD_IDS of them.
  const totalShards = config.SHARD_COUNT ?? (wanted.data === 'auto' ? await recommendedShards(config.DISCORD_TOKEN, config.DISCORD_API_URL) : wanted.data);
  if (stopping) return;
  manager = new ShardingManager(fileURLToPath(new URL(`./main${extension()}`, import.meta.url)), {
    token: config.DISCORD_TOKEN,
    totalShards,
    shardList: config.SHARD_IDS ?? 'auto',
    execArgv: process.execArgv,
    respawn: true,
  });
  manager.on('shardCreate', (shard) => {
    log.info({ shard: shard.id, totalShards }, 'shard started');
    shard.on('spawn', (child) => {
      if (!(child instanceof ChildProcess)) return;
      running.add(child);
      child.once('exit', () => running.delete(child));
      if (stopping) child.kill('SIGTERM');
    });
    // A respawn that fails is reported here; without a listener the 'error' would crash the manager.
    shard.on('error', (error) => log[stopping ? 'debug' : 'error']({ shard: shard.id, err: error }, 'shard failed'));
  });
  spawning = manager.spawn({ timeout: 60_000 });
  try {
    await spawning;
  } catch (error) {
    if (stopping) return; // the shutdown stopped the spawn; it exits
    // Do not leave the shards that did start (or were respawned) running without their manager.
    await stopShards();
    throw error;
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once the child process has exited (at once if it already has). */
function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** true when `work` finishes within `ms`, false when the time runs out first. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), timeUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** Discord's recommended shard count, asked through DISCORD_API_URL (discord.js's helper ignores it). */
async function recommendedShards(token: string, api: string | undefined): Promise<number> {
  const rest = new REST({ version: '10', ...(api ? { api } : {}) }).setToken(token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
}

/** Runs from dist as .js; under tsx (tests, development) the entry is the .ts source. */
function extension(): string {
  return import.meta.url.endsWith('.ts') ? '.ts' : '.js';
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Syllabot could not start its shards: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
