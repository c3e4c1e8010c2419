import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { startHealthServer } from '../../src/http/health.js';
import { createMetrics } from '../../src/http/metrics.js';
import { DiscordStandin, TOKEN } from '../../standin/discord-standin.js';
import { freePort } from '../../standin/redis-server.js';
import { deletePrefix, plainRedis, redisUrl, uniquePrefix } from '../support/redis.js';
import { SMALL_CURRICULUM } from '../support/services.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Something already listening on a port, as another program would. */
async function occupy(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as { port: number }).port;
}

/** A logger whose JSON lines the test can read. */
function capturedLog() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(...chunk.toString().split('\n').filter(Boolean)), done()) });
  return { log: pino({ level: 'info' }, stream), messages: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg) };
}

const alwaysReady = async () => ({ gateway: true, redis: true });

/** The bot's configuration under a key prefix of its own, deleted after the test. */
function env(overrides: Record<string, string>) {
  const prefix = uniquePrefix('health');
  cleanups.push(async () => {
    const redis = plainRedis();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });
  return parseConfig({ DISCORD_TOKEN: TOKEN, REDIS_URL: redisUrl(), REDIS_PREFIX: prefix, CURRICULUM_DIR: SMALL_CURRICULUM, LOG_LEVEL: 'silent', ...overrides });
}

describe('the health server', () => {
  it('listens on 127.0.0.1 by default, and answers /healthz there', async () => {
    const config = parseConfig({ DISCORD_TOKEN: 't', HEALTH_PORT: '0' });
    const health = await startHealthServer({ host: config.HEALTH_HOST, port: config.HEALTH_PORT }, alwaysReady, createMetrics());
    cleanups.push(() => health.close());
    const res = await fetch(`http://127.0.0.1:${health.port}/healthz`);
    expect(res.status).toBe(200);
  });

  it('names HEALTH_PORT when its port is already in use', async () => {
    const port = await occupy();
    await expect(startHealthServer({ host: '127.0.0.1', port }, alwaysReady, createMetrics())).rejects.toThrow(
      `HEALTH_PORT ${port} is already in use on 127.0.0.1; set HEALTH_PORT to a free port, or 0 to pick one`,
    );
  });

  it('names HEALTH_HOST when it is not an address of this machine', async () => {
    await expect(startHealthServer({ host: '192.0.2.1', port: 0 }, alwaysReady, createMetrics())).rejects.toThrow(/^HEALTH_HOST 192\.0\.2\.1 is not an address of this machine; set HEALTH_HOST to 127\.0\.0\.1/);
  });
});

describe('starting the bot', () => {
  it('stops on a busy HEALTH_PORT before logging in to Discord, so "ready" is never logged', async () => {
    const standin = await new DiscordStandin([{ id: '200000000000000001', channelIds: ['300000000000000001'] }]).start();
    cleanups.push(() => standin.stop());
    const port = await occupy();
    const { log, messages } = capturedLog();
    await expect(startApp(env({ DISCORD_API_URL: standin.apiUrl, HEALTH_PORT: String(port) }), { log, ticker: false })).rejects.toThrow(`HEALTH_PORT ${port} is already in use on 127.0.0.1`);
    expect(messages()).not.toContain('ready');
    expect(standin.identified).toBe(0);
    expect(standin.calls).toHaveLength(0);
  });

  it('serves /readyz while logging in, answering "not ready" until the gateway is', async () => {
    // A Discord that accepts connections and never answers: the login hangs until it is closed.
    const held = new Set<Socket>();
    const silent: Server = createHttpServer();
    silent.on('connection', (socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}/api`;
    const healthPort = await freePort();
    const starting = startApp(env({ DISCORD_API_URL: apiUrl, HEALTH_PORT: String(healthPort) }), { log: pino({ level: 'silent' }), ticker: false });
    const failed = starting.catch((error: Error) => error);

    let res: Response | undefined;
    for (let attempt = 0; !res && attempt < 100; attempt++) {
      res = await fetch(`http://127.0.0.1:${healthPort}/readyz`).catch(() => undefined);
      if (!res) await new Promise((r) => setTimeout(r, 50));
    }
    expect(res?.status).toBe(503);
    expect(await res!.json()).toEqual({ ready: false, gateway: false, redis: true });

    // Discord goes away: the start fails naming it, and the health server is closed again.
    silent.close();
    for (const socket of held) socket.destroy();
    const error = await failed;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`^Discord did not answer at ${apiUrl.replace(/[./]/g, '\\$&')}: `));
    await expect(fetch(`http://127.0.0.1:${healthPort}/healthz`)).rejects.toThrow();
  }, 30_000);

  it('names Discord and its address when nothing answers there', async () => {
    const closed = await freePort();
    const apiUrl = `http://127.0.0.1:${closed}/api`;
    await expect(startApp(env({ DISCORD_API_URL: apiUrl, HEALTH_PORT: '0' }), { log: pino({ level: 'silent' }), ticker: false })).rejects.toThrow(
      `Discord did not answer at ${apiUrl}: connect ECONNREFUSED 127.0.0.1:${closed}`,
    );
  });
});
