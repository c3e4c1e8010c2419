import type { Socket } from 'node:net';
import { startApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { serveBot } from './serve-bot.js';

/** The real bot, as `npm start` runs it (configuration from the environment), in a process of its own. */
const app = await startApp(parseConfig(process.env));

/**
 * This process's sockets to Redis, found among its open handles (the app does not hand out its
 * client, and need not): the bench reads what the bot's own connections send, and only theirs.
 */
function redisSockets(): Socket[] {
  const port = Number(new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379);
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h): h is Socket => typeof h === 'object' && h !== null && (h as Socket).remotePort === port);
}

/**
 * Writes to Redis: ioredis writes each command, or each pipeline or MULTI as a whole, with one
 * socket write, so with one interaction in flight the writes are its round trips. Counted by
 * wrapping the sockets' write once; bytes from the sockets' own counters (RESP, as sent).
 */
let writes = 0;
const wrapped = new WeakSet<Socket>();
function redisCount(): { writes: number; bytes: number } {
  let bytes = 0;
  for (const socket of redisSockets()) {
    if (!wrapped.has(socket)) {
      wrapped.add(socket);
      const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
      socket.write = ((...args: unknown[]) => (writes++, write(...args))) as Socket['write'];
    }
    bytes += socket.bytesWritten;
  }
  return { writes, bytes };
}

serveBot('syllabot', () => app.stop(), { 'redis-ports': () => redisSockets().map((s) => s.localPort), 'redis-count': redisCount });
