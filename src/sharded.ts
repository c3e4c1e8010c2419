import 'dotenv/config';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import { ConfigError, parseConfig, shardCountSchema } from './config.js';
import { createLogger } from './log.js';

/**
 * `npm run start:sharded`: one process per shard (discord.js ShardingManager). All state is in
 * Redis and the scheduler's due-queue gives each post to one process, so shards share everything.
 */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const wanted = shardCountSchema.safeParse(process.env.SHARDS);
  if (!wanted.success) throw new ConfigError(wanted.error.issues.map((i) => i.message));
  const log = createLogger(config.LOG_LEVEL);
  const totalShards = wanted.data === 'auto' ? await recommendedShards(config.DISCORD_TOKEN, config.DISCORD_API_URL) : wanted.data;

  const manager = new ShardingManager(fileURLToPath(new URL(`./main${extension()}`, import.meta.url)), {
    token: config.DISCORD_TOKEN,
    totalShards,
    execArgv: process.execArgv,
    respawn: true,
  });
  manager.on('shardCreate', (shard) => log.info({ shard: shard.id, totalShards }, 'shard started'));
  await manager.spawn({ timeout: 60_000 });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping every shard');
    // Each shard gets SIGTERM and shuts down cleanly on its own (see main.ts).
    await Promise.all(
      [...manager.shards.values()].map(async (shard) => {
        const exited = new Promise((resolve) => shard.process?.once('exit', resolve));
        shard.process?.removeAllListeners('exit');
        shard.process?.kill('SIGTERM');
        await exited;
      }),
    );
    process.exit(0);
  };
  process.once('SIGTERM', (s) => void shutdown(s));
  process.once('SIGINT', (s) => void shutdown(s));
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
