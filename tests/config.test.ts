import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, shardCountSchema } from '../src/config.js';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('fills the documented defaults', () => {
    expect(parseConfig({ DISCORD_TOKEN: 't' })).toMatchObject({
      DISCORD_TOKEN: 't',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'syllabot',
      CURRICULUM_DIR: './curriculum',
      LOG_LEVEL: 'info',
      HEALTH_HOST: '127.0.0.1',
      HEALTH_PORT: 8080,
      COMMANDS_PER_10S: 8,
    });
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    const config = parseConfig({ DISCORD_TOKEN: 't', DISCORD_GUILD_ID: '', DISCORD_API_URL: '', REDIS_PREFIX: '', HEALTH_HOST: '' });
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(config.DISCORD_API_URL).toBeUndefined();
    expect(config.REDIS_PREFIX).toBe('syllabot');
    expect(config.HEALTH_HOST).toBe('127.0.0.1');
  });

  it('accepts an IP address or a host name to serve health on', () => {
    expect(parseConfig({ DISCORD_TOKEN: 't', HEALTH_HOST: '0.0.0.0' }).HEALTH_HOST).toBe('0.0.0.0');
    expect(parseConfig({ DISCORD_TOKEN: 't', HEALTH_HOST: '::' }).HEALTH_HOST).toBe('::');
    expect(parseConfig({ DISCORD_TOKEN: 't', HEALTH_HOST: 'localhost' }).HEALTH_HOST).toBe('localhost');
  });

  it('lists every problem in one message, one sentence per variable', () => {
    const attempt = () => parseConfig({ DISCORD_GUILD_ID: 'abc', REDIS_URL: 'http://x', LOG_LEVEL: 'loud', DISCORD_API_URL: 'not a url' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^Syllabot cannot start: the configuration has 5 problems:\n {2}- DISCORD_TOKEN is required and not set/);
    expect(problemsOf({ DISCORD_GUILD_ID: 'abc', REDIS_URL: 'http://x', LOG_LEVEL: 'loud', DISCORD_API_URL: 'not a url' })).toHaveLength(5);
  });

  it('names the variable, the bad value and a good example', () => {
    const problems = problemsOf({
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: '12',
      DISCORD_GUILD_ID: 'abc',
      DISCORD_API_URL: 'not a url',
      REDIS_URL: 'http://x',
      REDIS_PREFIX: 'a b',
      COMMANDS_PER_10S: '-1',
      HEALTH_HOST: 'not a host!',
      HEALTH_PORT: 'abc',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual([
      'DISCORD_APPLICATION_ID is "12"; use the Application ID from the Developer Portal (General Information), 17 to 20 digits such as 1234567890123456789, or leave it empty',
      'DISCORD_GUILD_ID is "abc"; use a server id, 17 to 20 digits such as 1234567890123456789 (Developer Mode on, right-click the server, Copy Server ID), or leave it empty to register commands globally',
      'DISCORD_API_URL is "not a url"; use an http(s) URL such as https://discord.com/api or http://127.0.0.1:5055/api (the stand-in), or leave it empty for Discord itself',
      'REDIS_URL is "http://x"; use a redis:// or rediss:// URL such as redis://127.0.0.1:6379, or for a cluster several, comma-separated',
      'REDIS_PREFIX is "a b"; use 1 to 40 letters, digits, dots, dashes or underscores, such as syllabot',
      'COMMANDS_PER_10S is "-1"; use a whole number from 0 (no limit) to 1000, such as 8',
      'HEALTH_HOST is "not a host!"; use an address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)',
      'HEALTH_PORT is "abc"; use a port number such as 8080, or 0 to pick a free one',
      'LOG_LEVEL is "loud"; use one of fatal, error, warn, info, debug, trace or silent, such as info',
    ]);
  });

  it('rejects a port out of range or with a fraction', () => {
    expect(problemsOf({ DISCORD_TOKEN: 't', HEALTH_PORT: '70000' })).toEqual(['HEALTH_PORT is "70000"; use a port number such as 8080, or 0 to pick a free one']);
    expect(problemsOf({ DISCORD_TOKEN: 't', HEALTH_PORT: '80.5' })).toHaveLength(1);
  });

  it('gives an empty DISCORD_TOKEN the same hint as a missing one', () => {
    const missing = problemsOf({});
    expect(missing).toEqual([expect.stringMatching(/^DISCORD_TOKEN is required and not set; put the bot token from the Developer Portal .* in \.env/)]);
    expect(problemsOf({ DISCORD_TOKEN: '' })).toEqual(missing);
  });

  it('never repeats the token, even a malformed one', () => {
    const secret = 'Bot MTAxNTk5.secret-part.xyz';
    const problems = problemsOf({ DISCORD_TOKEN: secret });
    expect(problems).toEqual([expect.stringContaining('DISCORD_TOKEN contains a space')]);
    expect(problems.join('\n')).not.toContain('MTAxNTk5');
    expect(problems.join('\n')).not.toContain('secret-part');
  });
});

describe('SHARDS', () => {
  it('is auto or a number of shards, and says so with the bad value', () => {
    expect(shardCountSchema.parse(undefined)).toBe('auto');
    expect(shardCountSchema.parse('3')).toBe(3);
    const result = shardCountSchema.safeParse('many');
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('SHARDS is "many"; use auto (Discord\'s recommendation) or a number of shards from 1 to 4096, such as 2');
  });
});

describe('REDIS_URL for a cluster', () => {
  it('takes several comma-separated nodes', () => {
    const url = 'redis://10.0.0.1:7000, redis://10.0.0.2:7000,redis://10.0.0.3:7000';
    expect(parseConfig({ DISCORD_TOKEN: 't', REDIS_URL: url }).REDIS_URL).toBe(url);
  });

  it('refuses a list with a node that is not a redis URL', () => {
    expect(() => parseConfig({ DISCORD_TOKEN: 't', REDIS_URL: 'redis://10.0.0.1:7000,http://x' })).toThrow(/REDIS_URL/);
  });
});

describe('the documented configuration', () => {
  const every = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '12345678901234567', DISCORD_GUILD_ID: '12345678901234567', DISCORD_API_URL: 'http://127.0.0.1:5055/api', SHARD_IDS: '0', SHARD_COUNT: '1' };
  const configured = [...Object.keys(parseConfig(every)), 'SHARDS'].sort();
  it('README’s table and .env.example list every variable the bot reads', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const documented = [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
    const example = [...readFileSync('.env.example', 'utf8').matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(configured);
    expect(example).toEqual(configured);
  });

  it('.env.example, copied as it is with a token added, is a valid configuration', () => {
    const env = Object.fromEntries([...readFileSync('.env.example', 'utf8').matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(parseConfig({ ...env, DISCORD_TOKEN: 't' })).toMatchObject({ HEALTH_HOST: '127.0.0.1', HEALTH_PORT: 8080 });
  });
});

describe('shards across hosts', () => {
  it('reads SHARD_IDS as a list or ranges of the SHARD_COUNT shards', () => {
    expect(parseConfig({ DISCORD_TOKEN: 't', SHARD_IDS: '0-3, 6', SHARD_COUNT: '8' })).toMatchObject({ SHARD_IDS: [0, 1, 2, 3, 6], SHARD_COUNT: 8 });
  });

  it('needs SHARD_COUNT with SHARD_IDS, and ids below it', () => {
    expect(() => parseConfig({ DISCORD_TOKEN: 't', SHARD_IDS: '0,1' })).toThrow(/SHARD_COUNT/);
    expect(() => parseConfig({ DISCORD_TOKEN: 't', SHARD_IDS: '0-4', SHARD_COUNT: '4' })).toThrow(/SHARD_IDS/);
  });
});
