import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { commands } from '../commands/index.js';
import { startApp, type App } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { registration } from '../src/discord/command.js';
import { createLogger, type Logger } from '../src/log.js';
import { DiscordStandin, TOKEN } from '../standin/discord-standin.js';
import { ADMIN_PERMISSIONS, CHANNEL, GUILD } from '../standin/fixtures.js';
import { Member, type OptionValue } from '../standin/member.js';
import { OffsetClock } from '../standin/offset-clock.js';
import { deletePrefix, OwnRedisServer, redisAnswers } from '../standin/redis-server.js';
import { checkCommand, type Checked, type CommandDefinition } from './command-check.js';

export const PEOPLE: Record<string, string> = {
  '400000000000000001': 'alice',
  '400000000000000002': 'bob',
  '400000000000000003': 'carol',
  '400000000000000004': 'dave',
  '400000000000000009': 'admin',
  [CHANNEL]: 'study-hall',
};

/**
 * The demo cannot run as things are (no Redis to be had): `lines` say what to install or set.
 * The scripts print them and exit 1, without a stack trace.
 */
export class DemoSetupError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'DemoSetupError';
  }
}

export interface DemoOptions {
  /** Named in the messages: "Syllabot's demo needs Redis" or "Syllabot's playground needs Redis". */
  name?: string;
  /** Where the bot logs (default: nowhere). */
  log?: Logger;
}

/**
 * A whole Syllabot world without Discord: the stand-in, the real bot, and Redis (the one at
 * REDIS_URL under a throwaway prefix, or a redis-server started for the occasion).
 */
export class DemoWorld {
  /** Channel messages the scheduler posted, by id: the demo clock's time when they were posted. */
  private readonly postedAt = new Map<string, number>();
  /** The commands as Discord holds them once `npm run deploy` registered them. */
  readonly definitions: CommandDefinition[];

  private constructor(
    readonly standin: DiscordStandin,
    readonly app: App,
    readonly clock: OffsetClock,
    private readonly cleanup: () => Promise<void>,
  ) {
    this.definitions = commands.map((c) => registration(c, app.ctx.curriculum) as CommandDefinition);
  }

  static async start(options: DemoOptions = {}): Promise<DemoWorld> {
    const { url: redisUrl, own } = await findRedis(options.name ?? 'demo');
    const standin = await new DiscordStandin([{ id: GUILD, name: 'Backend Study Club', channelIds: [CHANNEL] }]).start();
    const prefix = `demo-${randomBytes(4).toString('hex')}`;
    const config = parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standin.apiUrl, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', HEALTH_PORT: '0', COMMANDS_PER_10S: '0' });
    const clock = new OffsetClock();
    let app: App;
    try {
      app = await startApp(config, { clock, log: options.log ?? createLogger('silent'), ticker: false });
    } catch (error) {
      await standin.stop();
      await own?.destroy();
      throw error;
    }
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
    return new Member(this.standin, GUILD, id, CHANNEL, name === 'admin' ? ADMIN_PERMISSIONS : undefined, name);
  }

  name = (id: string) => PEOPLE[id] ?? id.slice(-4);

  /** Checks a slash command as Discord's client would before sending it (see command-check.ts). */
  check(name: string, options: Record<string, OptionValue> = {}): Checked {
    return checkCommand(this.definitions, name, options);
  }

  /** When a channel message was posted, on the demo's clock (now, for one it did not see posted). */
  postedTime(messageId: string): number {
    return this.postedAt.get(messageId) ?? this.clock.now();
  }

  /**
   * Moves the clock forward by `ms`, stopping at every job that falls due on the way and running
   * the scheduler there, as the minute ticker would have: nothing is skipped for being late.
   */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    for (let due = await this.app.scheduler.nextDue(); due !== undefined && due <= target; due = await this.app.scheduler.nextDue()) {
      this.clock.advance(Math.max(0, due - this.clock.now()));
      await this.app.scheduler.tick();
      for (const message of this.standin.channelMessages(CHANNEL)) if (!this.postedAt.has(message.id)) this.postedAt.set(message.id, this.clock.now());
    }
    this.clock.advance(target - this.clock.now());
  }

  stop(): Promise<void> {
    return this.cleanup();
  }
}

/** The Redis at REDIS_URL when it answers, else a redis-server of our own; else what to do about it. */
async function findRedis(name: string): Promise<{ url: string; own?: OwnRedisServer }> {
  const wanted = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await redisAnswers(wanted)) return { url: wanted };
  const advice = 'Install it (apt-get install redis-server, brew install redis) or set REDIS_URL to a running Redis.';
  if (!onPath('redis-server')) throw new DemoSetupError([`Syllabot's ${name} needs Redis: nothing answers at ${wanted} and redis-server is not installed.`, advice]);
  try {
    const own = await OwnRedisServer.start();
    return { url: own.url, own };
  } catch (error) {
    throw new DemoSetupError([`Syllabot's ${name} needs Redis: nothing answers at ${wanted} and the redis-server it started did not answer (${(error as Error).message}).`, advice]);
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** A logger writing the bot's warnings and errors to a file, synchronously so nothing is lost at exit. */
export function fileLogger(path: string): Logger {
  return pino(
    { level: 'warn', base: { app: 'syllabot' }, redact: { paths: ['token', '*.token', 'config.DISCORD_TOKEN', 'DISCORD_TOKEN', 'headers.authorization'], censor: '[redacted]' } },
    pino.destination({ dest: path, sync: true, mkdir: true }),
  );
}
