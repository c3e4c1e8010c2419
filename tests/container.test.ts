import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// No Docker engine runs where the tests run, so the container files' key properties are checked
// as text: what `docker build` would produce is what `npm run build` produces.
const dockerfile = readFileSync('Dockerfile', 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1);

describe('Dockerfile', () => {
  it('builds in one stage and runs the compiled bot from a second', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/RUN npm ci /);
    expect(stages[0]).toMatch(/RUN npm run build/);
    expect(stages[1]).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(stages[1]).toMatch(/CMD \["node", "dist\/src\/main\.js"\]/);
  });

  it('installs production dependencies only, runs as a non-root user and has a health check', () => {
    expect(stages[1]).toMatch(/npm ci --omit=dev/);
    expect(stages[1]).toMatch(/^USER node$/m);
    expect(stages[1]).toMatch(/HEALTHCHECK .*\n?.*\/readyz/);
  });

  it('copies everything npm run build compiles', () => {
    const build = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { include: string[] };
    // Each COPY line: its sources, then where they go.
    const copies = stages[0]!.split('\n').filter((l) => l.startsWith('COPY ')).map((l) => l.split(/\s+/).slice(1));
    const copied = (path: string) => copies.some((parts) => parts.slice(0, -1).includes(path) && [`./${path}`, `./${path.split('/').slice(0, -1).join('/')}/`].includes(parts.at(-1)!));
    for (const path of [...build.include, 'scripts/copy-assets.mjs']) expect(copied(path), `${path} is copied into the build stage`).toBe(true);
    expect(stages[1]).toContain('COPY curriculum ./curriculum');
  });

  it('keeps secrets and local files out of the build context', () => {
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n');
    for (const entry of ['.env', 'node_modules', '.git', 'dist']) expect(ignored).toContain(entry);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: Record<string, any>; volumes: object }; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('runs Redis 7 keeping data on a volume, with a health check and a restart policy', () => {
    const redis = compose.services.redis;
    expect(redis.image).toMatch(/^redis:7/);
    expect(redis.command.join(' ')).toContain('--appendonly yes --appendfsync everysec');
    expect(redis.volumes).toContain('redis-data:/data');
    expect(redis.healthcheck.test).toContain('ping');
    expect(redis.restart).toBe('unless-stopped');
    expect(compose.volumes).toHaveProperty('redis-data');
  });

  it('starts the bot from .env once Redis is healthy, and restarts it', () => {
    const bot = compose.services.bot;
    expect(bot.env_file).toBe('.env');
    expect(bot.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(bot.depends_on.redis.condition).toBe('service_healthy');
    expect(bot.restart).toBe('unless-stopped');
  });
});
