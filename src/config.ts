import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The one typed configuration, parsed once at start from the environment (after dotenv).
 * Every problem is reported together so an operator fixes the .env in one go, each as a sentence
 * naming the variable, the value it has (never the token's) and an example of a good one.
 */
const snowflake = z.string().regex(/^\d{17,20}$/);
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const hostname = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const schema = z.object({
  // A token is three dot-separated base64url parts; whitespace means it was pasted with quotes, "Bot " or a line break.
  DISCORD_TOKEN: z.string().min(1).regex(/^\S+$/),
  DISCORD_APPLICATION_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  DISCORD_GUILD_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  DISCORD_API_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  // One server, or a Redis Cluster as several comma-separated nodes.
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((value) => value.split(',').every((node) => z.url({ protocol: /^rediss?$/ }).safeParse(node.trim()).success))
      .default('redis://127.0.0.1:6379'),
  ),
  REDIS_PREFIX: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/).default('syllabot')),
  CURRICULUM_DIR: z.preprocess(emptyAsUndefined, z.string().default('./curriculum')),
  COMMANDS_PER_10S: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(1000).default(8)),
  HEALTH_HOST: z.preprocess(emptyAsUndefined, z.string().refine((h) => isIP(h) !== 0 || hostname.test(h)).default('127.0.0.1')),
  HEALTH_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  // Shards across hosts: this process (or this host's manager) runs the shards SHARD_IDS of SHARD_COUNT.
  SHARD_IDS: z.preprocess(emptyAsUndefined, z.string().regex(/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/).transform(shardIds).optional()),
  SHARD_COUNT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(4096).optional()),
}).superRefine((config, ctx) => {
  if (config.SHARD_IDS && !config.SHARD_COUNT) ctx.addIssue({ code: 'custom', path: ['SHARD_COUNT'], input: undefined, message: 'required with SHARD_IDS' });
  if (config.SHARD_IDS && config.SHARD_COUNT && config.SHARD_IDS.some((id) => id >= config.SHARD_COUNT!)) {
    ctx.addIssue({ code: 'custom', path: ['SHARD_IDS'], input: config.SHARD_IDS.join(','), message: 'ids must be below SHARD_COUNT' });
  }
});

/** "0-3,6" -> [0, 1, 2, 3, 6]: the shard ids one host runs. */
function shardIds(text: string): number[] {
  const ids = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map((n) => Number(n.trim()));
    for (let id = from!; id <= to!; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

export type Config = z.infer<typeof schema>;
type Variable = keyof Config;

/** What a good value looks like, after `NAME is "bad value"; `. */
const GOOD: Record<Exclude<Variable, 'DISCORD_TOKEN'>, string> = {
  DISCORD_APPLICATION_ID: 'use the Application ID from the Developer Portal (General Information), 17 to 20 digits such as 1234567890123456789, or leave it empty',
  DISCORD_GUILD_ID: 'use a server id, 17 to 20 digits such as 1234567890123456789 (Developer Mode on, right-click the server, Copy Server ID), or leave it empty to register commands globally',
  DISCORD_API_URL: 'use an http(s) URL such as https://discord.com/api or http://127.0.0.1:5055/api (the stand-in), or leave it empty for Discord itself',
  REDIS_URL: 'use a redis:// or rediss:// URL such as redis://127.0.0.1:6379, or for a cluster several, comma-separated',
  REDIS_PREFIX: 'use 1 to 40 letters, digits, dots, dashes or underscores, such as syllabot',
  CURRICULUM_DIR: 'use the path of a curriculum folder, such as ./curriculum',
  COMMANDS_PER_10S: 'use a whole number from 0 (no limit) to 1000, such as 8',
  HEALTH_HOST: 'use an address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)',
  HEALTH_PORT: 'use a port number such as 8080, or 0 to pick a free one',
  LOG_LEVEL: 'use one of fatal, error, warn, info, debug, trace or silent, such as info',
  SHARD_IDS: 'use the shard ids this host runs, a list or ranges below SHARD_COUNT such as 0-3 or 0,2, or leave it empty to run every shard here',
  SHARD_COUNT: 'use the total number of shards across all hosts, such as 8; it is required with SHARD_IDS',
};

const TOKEN_HINT = 'put the bot token from the Developer Portal (your application, Bot, Reset Token) in .env as DISCORD_TOKEN=<the token>';

/** One sentence per variable; the token's value is never repeated. */
function describe(name: Variable, value: string | undefined): string {
  if (name === 'DISCORD_TOKEN') {
    return value === undefined || value === ''
      ? `DISCORD_TOKEN is required and not set; ${TOKEN_HINT}`
      : 'DISCORD_TOKEN contains a space or a line break; paste the token alone, exactly as the Developer Portal shows it (no quotes, no "Bot " in front)';
  }
  return `${name} is ${shown(value)}; ${GOOD[name]}`;
}

const shown = (value: string | undefined) => (value === undefined ? 'not set' : JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value));

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Syllabot cannot start: the configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const names = [...new Set(result.error.issues.map((issue) => issue.path[0] as Variable))];
  throw new ConfigError(names.map((name) => describe(name, env[name])));
}

/**
 * `SHARDS` for `npm run start:sharded`: "auto" (Discord's recommendation) or a count. Read only by
 * the sharding manager: inside a shard process discord.js sets SHARDS to that shard's id.
 */
export const shardCountSchema = z.preprocess(
  emptyAsUndefined,
  z.union([z.literal('auto'), z.coerce.number().int().min(1).max(4096)], { error: (issue) => `SHARDS is ${shown(String(issue.input))}; use auto (Discord's recommendation) or a number of shards from 1 to 4096, such as 2` }).default('auto'),
);
