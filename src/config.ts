import { z } from 'zod';

/**
 * The one typed configuration, parsed once at start from the environment (after dotenv).
 * Every problem is reported together so an operator fixes the .env in one go.
 */
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const schema = z.object({
  DISCORD_TOKEN: z.string({ error: 'is required (the bot token from the Developer Portal)' }).min(1, 'is required'),
  DISCORD_APPLICATION_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  DISCORD_GUILD_ID: z.preprocess(emptyAsUndefined, snowflake.optional()),
  DISCORD_API_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' }).optional(),
  ),
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'),
  ),
  REDIS_PREFIX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1 to 40 letters, digits, dot, dash or underscore')
      .default('syllabot'),
  ),
  CURRICULUM_DIR: z.preprocess(emptyAsUndefined, z.string().default('./curriculum')),
  COMMANDS_PER_10S: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0, 'must be 0 (no limit) or more').max(1000).default(8)),
  HEALTH_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0, 'must be a port number (0 picks a free one)').max(65535).default(8080)),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Syllabot cannot start: the configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
}

/**
 * `SHARDS` for `npm run start:sharded`: "auto" (Discord's recommendation) or a count. Read only by
 * the sharding manager: inside a shard process discord.js sets SHARDS to that shard's id.
 */
export const shardCountSchema = z.preprocess(
  emptyAsUndefined,
  z.union([z.literal('auto'), z.coerce.number().int().min(1).max(4096)], { error: 'SHARDS must be "auto" or a number of shards' }).default('auto'),
);
