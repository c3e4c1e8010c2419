import { Events } from 'discord.js';
import { commands } from '../commands/index.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { loadCurriculum } from './curriculum/load.js';
import { createClient } from './discord/client.js';
import { createRouter } from './discord/router.js';
import { createLogger, type Logger } from './log.js';
import { ProgressService } from './progress/progress-service.js';
import { createKeys } from './store/keys.js';
import { ProgressStore } from './store/progress-store.js';
import { createRedis } from './store/redis.js';

export interface App {
  ctx: AppContext;
  stop(): Promise<void>;
}

/** Composition root: wires config, Redis, curriculum, services and the Discord client. */
export async function startApp(config: Config, options: { clock?: Clock; log?: Logger } = {}): Promise<App> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const curriculum = loadCurriculum(config.CURRICULUM_DIR);

  const redis = createRedis(config.REDIS_URL);
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis at ${config.REDIS_URL} is not answering (${(error as Error).message}). Start it, or set REDIS_URL.`);
  }

  const progress = new ProgressService(new ProgressStore(redis, createKeys(config.REDIS_PREFIX)), curriculum, clock);
  const ctx: AppContext = { config, log, clock, curriculum, progress };
  const router = createRouter(commands, ctx);
  const client = createClient(config);
  client.on(Events.InteractionCreate, (i) => void router.handle(i));
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  const ready = new Promise<void>((resolve) =>
    client.once(Events.ClientReady, (c) => {
      log.info({ user: c.user.tag, guilds: c.guilds.cache.size, topics: curriculum.topics.length }, 'ready');
      resolve();
    }),
  );
  try {
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    await client.destroy();
    redis.disconnect();
    throw error;
  }

  return {
    ctx,
    async stop() {
      await router.drain(5_000);
      await client.destroy();
      await redis.quit().catch(() => redis.disconnect());
      log.info('stopped');
    },
  };
}
