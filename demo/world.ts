import { randomBytes } from 'node:crypto';
import { startApp, type App } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { DiscordStandin, TOKEN } from '../standin/discord-standin.js';
import { ADMIN_PERMISSIONS, CHANNEL, GUILD } from '../standin/fixtures.js';
import { Member } from '../standin/member.js';
import { OffsetClock } from '../standin/offset-clock.js';
import { deletePrefix, OwnRedisServer, redisAnswers } from '../standin/redis-server.js';
import { Redis } from 'ioredis';

export const PEOPLE: Record<string, string> = {
  '400000000000000001': 'alice',
  '400000000000000002': 'bob',
  '400000000000000003': 'carol',
  '400000000000000009': 'admin',
  [CHANNEL]: 'study-hall',
};

/**
 * A whole Syllabot world without Discord: the stand-in, the real bot, and Redis (the one at
 * REDIS_URL under a throwaway prefix, or a redis-server started for the occasion).
 */
export class DemoWorld {
  private constructor(
    readonly standin: DiscordStandin,
    readonly app: App,
    readonly clock: OffsetClock,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async start(): Promise<DemoWorld> {
    const standin = await new DiscordStandin([{ id: GUILD, name: 'Backend Study Club', channelIds: [CHANNEL] }]).start();
    let redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    let own: OwnRedisServer | undefined;
    if (!(await redisAnswers(redisUrl))) {
      own = await OwnRedisServer.start();
      redisUrl = own.url;
    }
    const prefix = `demo-${randomBytes(4).toString('hex')}`;
    const config = parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standin.apiUrl, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', HEALTH_PORT: '0', COMMANDS_PER_10S: '0' });
    const clock = new OffsetClock();
    const app = await startApp(config, { clock, log: createLogger('silent'), ticker: false });
    return new DemoWorld(standin, app, clock, async () => {
      await app.stop();
      await standin.stop();
      const redis = new Redis(redisUrl);
      await deletePrefix(redis, prefix);
      redis.disconnect();
      await own?.destroy();
    });
  }

  member(name: string): Member {
    const id = Object.keys(PEOPLE).find((key) => PEOPLE[key] === name);
    if (!id) throw new Error(`nobody called ${name}`);
    return new Member(this.standin, GUILD, id, CHANNEL, name === 'admin' ? ADMIN_PERMISSIONS : undefined);
  }

  name = (id: string) => PEOPLE[id] ?? id.slice(-4);

  /**
   * Moves the clock forward by `ms`, stopping at every job that falls due on the way and running
   * the scheduler there, as the minute ticker would have: nothing is skipped for being late.
   */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    for (let due = await this.app.scheduler.nextDue(); due !== undefined && due <= target; due = await this.app.scheduler.nextDue()) {
      this.clock.advance(Math.max(0, due - this.clock.now()));
      await this.app.scheduler.tick();
    }
    this.clock.advance(target - this.clock.now());
  }

  stop(): Promise<void> {
    return this.cleanup();
  }
}
