import 'dotenv/config';
import { startApp } from './app.js';
import { ConfigError, parseConfig, type Config } from './config.js';
import { CurriculumError } from './curriculum/load.js';

/** Starts the bot; SIGTERM / SIGINT finish work in flight and exit 0 within 10 seconds. */
async function main(): Promise<void> {
  // SHARDS=auto in .env is for the sharding manager; discord.js would read it as this process's shard.
  if (!process.env.SHARDING_MANAGER) delete process.env.SHARDS;
  const parsed = shardedPort(parseConfig(process.env));
  // Under the sharding manager, this process is the one shard discord.js gave it, not the host's list.
  const config = process.env.SHARDING_MANAGER ? { ...parsed, SHARD_IDS: undefined, SHARD_COUNT: undefined } : parsed;
  const app = await startApp(config);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.ctx.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      app.ctx.log.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000).unref();
    await app.stop();
    process.exit(0);
  };
  process.once('SIGTERM', (s) => void shutdown(s));
  process.once('SIGINT', (s) => void shutdown(s));
}

/** Each shard process serves health and metrics on HEALTH_PORT + its shard id. */
function shardedPort(config: Config): Config {
  const shard = Number(process.env.SHARDS);
  return process.env.SHARDING_MANAGER && config.HEALTH_PORT !== 0 && Number.isInteger(shard) ? { ...config, HEALTH_PORT: config.HEALTH_PORT + shard } : config;
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof CurriculumError;
  console.error(known ? error.message : error instanceof Error ? `Syllabot could not start: ${error.message}` : error);
  process.exit(1);
});
