import { disableValidators, enableValidators, Events } from 'discord.js';
import { commands } from '../commands/index.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { loadCurriculum } from './curriculum/load.js';
import { createClient } from './discord/client.js';
import { discordUnreachable } from './discord/unreachable.js';
import { guardPackets } from './discord/packet-guard.js';
import { DiscordPoster } from './discord/poster.js';
import { createRouter } from './discord/router.js';
import { GroupService } from './groups/group-service.js';
import { startHealthServer, type HealthServer } from './http/health.js';
import { createMetrics } from './http/metrics.js';
import { GroupStore } from './groups/group-store.js';
import { createLogger, type Logger } from './log.js';
import { MeetupService } from './meetups/meetup-service.js';
import { MeetupStore } from './meetups/meetup-store.js';
import { ProgressService } from './progress/progress-service.js';
import { dailyPromptJob } from './scheduler/jobs/daily-prompt.js';
import { meetupReminderJob } from './scheduler/jobs/meetup-reminder.js';
import { weeklyRecapJob } from './scheduler/jobs/weekly-recap.js';
import { jobIsLive } from './scheduler/jobs/is-live.js';
import { guildPlanner } from './scheduler/jobs/planner.js';
import { Scheduler } from './scheduler/scheduler.js';
import { createKeys } from './store/keys.js';
import { migrate } from './store/migrations.js';
import { StoreIdentity } from './store/identity.js';
import { RedisPacer } from './store/pacer.js';
import { CooldownStore } from './store/cooldown-store.js';
import { ProgressStore } from './store/progress-store.js';
import { CohortStore } from './store/cohort-store.js';
import { MemberDataStore } from './store/member-data-store.js';
import { PrivacyStore } from './store/privacy-store.js';
import { CohortService } from './together/cohort-service.js';
import { PrivacyService } from './together/privacy-service.js';
import { createRedis } from './store/redis.js';
import { ScheduleStore } from './store/schedule-store.js';

export interface App {
  ctx: AppContext;
  scheduler: Scheduler;
  health: HealthServer;
  stop(): Promise<void>;
}

export interface AppOptions {
  clock?: Clock;
  log?: Logger;
  /** false: no minute ticker (tests drive `scheduler.tick()` with a fake clock). */
  ticker?: boolean;
  /**
   * discord.js validates every builder call (embeds, buttons) at run time; the profile showed it as
   * the bot's largest cost of its own. Renderers already clip to Discord's limits, so production
   * turns it off and the tests keep it on to catch a renderer mistake.
   */
  validateBuilders?: boolean;
}

/** Composition root: wires config, Redis, curriculum, services, scheduler and the Discord client. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  if (options.validateBuilders) enableValidators();
  else disableValidators();
  const curriculum = loadCurriculum(config.CURRICULUM_DIR);

  const metrics = createMetrics();
  const redis = createRedis(config.REDIS_URL);
  redis.on('error', (err) => {
    metrics.redisErrors.inc();
    log.warn({ err: err.message }, 'redis connection error');
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis at ${config.REDIS_URL} is not answering (${(error as Error).message}). Start it, or set REDIS_URL.`);
  }

  const keys = createKeys(config.REDIS_PREFIX);
  await migrate(redis, keys, log, clock.now());
  const identity = new StoreIdentity(redis, keys, log, () => metrics.storeLost.inc());
  await identity.check(clock.now());
  const checkIdentity = () => void identity.check(clock.now()).catch(() => undefined);
  // After every reconnection, and every minute: a Redis that restarted empty is noticed at once.
  redis.on('ready', checkIdentity);
  const identityTimer = setInterval(checkIdentity, 60_000).unref();
  const progressStore = new ProgressStore(redis, keys);
  const scheduleStore = new ScheduleStore(redis, keys);
  const groupStore = new GroupStore(redis, keys);
  const meetupStore = new MeetupStore(redis, keys);
  const groups = new GroupService(groupStore, scheduleStore, curriculum, clock);
  const meetups = new MeetupService(meetupStore, groupStore, scheduleStore, clock);
  const progress = new ProgressService(progressStore, curriculum, clock);
  const cohort = new CohortService(new CohortStore(redis, keys), curriculum, clock);
  const privacy = new PrivacyService(new PrivacyStore(redis, keys), new MemberDataStore(redis, keys), clock);
  const ctx: AppContext = { config, log, clock, curriculum, progress, groups, meetups, cohort, privacy };

  const router = createRouter(commands, ctx, { metrics, rateLimit: new CooldownStore(redis, keys, clock, config.COMMANDS_PER_10S) });
  const client = createClient(config);
  guardPackets(client, log);
  const poster = new DiscordPoster(client, log, new RedisPacer(redis, keys));
  const scheduler = new Scheduler(
    scheduleStore,
    {
      daily: dailyPromptJob({ groups: groupStore, curriculum, poster, log }),
      recap: weeklyRecapJob({ groups: groupStore, progress: progressStore, poster, log }),
      meetup: meetupReminderJob({ meetups: meetupStore, groups: groupStore, poster, log }),
    },
    clock,
    log,
    { metrics, isLive: jobIsLive({ groups: groupStore, meetups: meetupStore }), plan: guildPlanner({ groups: groupStore, meetups: meetupStore }) },
  );

  client.on(Events.InteractionCreate, (i) => void router.handle(i));
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  const ready = new Promise<void>((resolve) =>
    client.once(Events.ClientReady, (c) => {
      log.info({ user: c.user.tag, shards: [...c.ws.shards.keys()], guilds: c.guilds.cache.size, topics: curriculum.topics.length }, 'ready');
      resolve();
    }),
  );
  // Before logging in: a busy HEALTH_PORT stops the start here, before "ready" is logged. /readyz
  // answers 503 (gateway: false) until the client is ready.
  let health: HealthServer;
  try {
    health = await startHealthServer(
      { host: config.HEALTH_HOST, port: config.HEALTH_PORT },
      async () => ({
        gateway: client.isReady(),
        redis: redis.status === 'ready' && (await redis.ping().catch(() => '')) === 'PONG',
        ...(identity.lostAt ? { storeLostAt: new Date(identity.lostAt).toISOString() } : {}),
      }),
      metrics,
    );
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  try {
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    await client.destroy();
    await health.close();
    redis.disconnect();
    throw discordUnreachable(error, config.DISCORD_API_URL) ?? error;
  }
  if (options.ticker !== false) {
    scheduler.start();
    void scheduler.reconcile().catch((err: unknown) => log.warn({ err }, 'reconcile at start failed; the next one tries again'));
  }
  return {
    ctx,
    scheduler,
    health,
    async stop() {
      clearInterval(identityTimer);
      await router.drain(5_000);
      await scheduler.stop();
      await health.close();
      await client.destroy();
      await redis.quit().catch(() => redis.disconnect());
      log.info('stopped');
    },
  };
}
