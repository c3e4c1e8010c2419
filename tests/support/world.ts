import { startApp, type App } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { parseConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { DiscordStandin, TOKEN, type GuildSpec } from './discord-standin.js';
import { Member } from './member.js';
import { deletePrefix, plainRedis, redisUrl, uniquePrefix } from './redis.js';

export const GUILD = '200000000000000001';
export const CHANNEL = '300000000000000001';

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
    private readonly clock?: Clock,
  ) {
    this.config = parseConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: standin.apiUrl,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: prefix,
      CURRICULUM_DIR: './curriculum',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
  }

  static async start(name: string, options: { guilds?: GuildSpec[]; clock?: Clock } = {}): Promise<World> {
    const standin = await new DiscordStandin(options.guilds ?? [{ id: GUILD, channelIds: [CHANNEL] }]).start();
    const world = new World(standin, uniquePrefix(name), options.clock);
    await world.startBot();
    return world;
  }

  async startBot(): Promise<void> {
    this.app = await startApp(this.config, { clock: this.clock, log: createLogger(this.config.LOG_LEVEL) });
  }

  async stopBot(): Promise<void> {
    await this.app?.stop();
    this.app = undefined;
  }

  member(userId: string, guildId = GUILD): Member {
    return new Member(this.standin, guildId, userId, CHANNEL);
  }

  async stop(): Promise<void> {
    await this.stopBot();
    await this.standin.stop();
    const redis = plainRedis();
    await deletePrefix(redis, this.prefix);
    redis.disconnect();
  }
}
