import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

describe('parseConfig', () => {
  it('fills the documented defaults', () => {
    expect(parseConfig({ DISCORD_TOKEN: 't' })).toMatchObject({
      DISCORD_TOKEN: 't',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'syllabot',
      CURRICULUM_DIR: './curriculum',
      LOG_LEVEL: 'info',
    });
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    const config = parseConfig({ DISCORD_TOKEN: 't', DISCORD_GUILD_ID: '', DISCORD_API_URL: '', REDIS_PREFIX: '' });
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(config.DISCORD_API_URL).toBeUndefined();
    expect(config.REDIS_PREFIX).toBe('syllabot');
  });

  it('lists every problem in one readable message', () => {
    const attempt = () => parseConfig({ DISCORD_GUILD_ID: 'abc', REDIS_URL: 'http://x', LOG_LEVEL: 'loud', DISCORD_API_URL: 'not a url' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const { problems, message } = error as ConfigError;
      expect(problems).toHaveLength(5);
      expect(message).toContain('DISCORD_TOKEN is required');
      expect(message).toContain('DISCORD_GUILD_ID must be a Discord id');
      expect(message).toContain('REDIS_URL must be a redis://');
      expect(message).toContain('DISCORD_API_URL must be an http(s) URL');
      expect(message).toMatch(/LOG_LEVEL/);
    }
  });
});
