import { startApp, type App } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { parseConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { DiscordStandin, TOKEN, type GuildSpec } from '../../standin/discord-standin.js';
import { ADMIN_PERMISSIONS, CHANNEL, GUILD } from '../../standin/fixtures.js';
import { Member } from '../../standin/member.js';
import { deletePrefix, plainRedis, redisUrl, uniquePrefix } from './redis.js';

export interface WorldOptions {
  guilds?: GuildSpec[];
  clock?: Clock;
  curriculumDir?: string;
  /** A Redis of the test's own (one it may stop); its keys go with it. */
  redisUrl?: string;
  /** false: start only the stand-in, for tests that run the bot as a separate process. */
  startBot?: boolean;
  /** false: no minute ticker; the test calls `world.tick()` after moving its fake clock. */
  ticker?: boolean;
  /** The per-member command limit (default: none). */
  commandsPer10s?: number;
  /** How many shards the stand-in recommends (default 1). */
  shards?: number;
}

export { ADMIN_PERMISSIONS, CHANNEL, GUILD, MEMBER_PERMISSIONS } from '../../standin/fixtures.js';

/**
 * A whole world for end-to-end tests: the Discord stand-in, the real bot (real discord.js client
 * over the wire) and the real Redis under a prefix of the test file's own.
 */
export class World {
  app?: App;
  readonly config: Config;

  private constructor(
    readonly standin: DiscordStandin,
    readonly prefix: string,
    private readonly options: WorldOptions,
  ) {
    this.config = parseConfig(this.env());
  }

  /** The environment a bot process needs to run against this world. */
  env(): Record<string, string> {
    return {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: this.standin.apiUrl,
      REDIS_URL: this.options.redisUrl ?? redisUrl(),
      REDIS_PREFIX: this.prefix,
      CURRICULUM_DIR: this.options.curriculumDir ?? './curriculum',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      HEALTH_PORT: '0',
      // Tests fire commands faster than any member; the cooldown has a test of its own.
      COMMANDS_PER_10S: String(this.options.commandsPer10s ?? 0),
    };
  }

  static async start(name: string, options: WorldOptions = {}): Promise<World> {
    // Every body the bot sends is checked against Discord's OpenAPI description, as production would refuse it.
    const standin = await new DiscordStandin(options.guilds ?? [{ id: GUILD, channelIds: [CHANNEL] }], { shards: options.shards, validateBodies: true }).start();
    const world = new World(standin, uniquePrefix(name), options);
    if (options.startBot === false) return world;
    await world.startBot();
    return world;
  }

  async startBot(): Promise<void> {
    this.app = await startApp(this.config, { clock: this.options.clock, log: createLogger(this.config.LOG_LEVEL), ticker: this.options.ticker, validateBuilders: true });
  }

  async stopBot(): Promise<void> {
    await this.app?.stop();
    this.app = undefined;
  }

  member(userId: string, guildId = GUILD): Member {
    return new Member(this.standin, guildId, userId, CHANNEL);
  }

  /** A member with Manage Server. */
  admin(userId: string, guildId = GUILD): Member {
    return new Member(this.standin, guildId, userId, CHANNEL, ADMIN_PERMISSIONS);
  }

  /** Runs the scheduler once, as the minute ticker would. */
  tick(): Promise<number> {
    return this.app!.scheduler.tick();
  }

  async stop(): Promise<void> {
    await this.stopBot();
    await this.standin.stop();
    if (this.options.redisUrl) return;
    const redis = plainRedis();
    await deletePrefix(redis, this.prefix);
    redis.disconnect();
  }
}
