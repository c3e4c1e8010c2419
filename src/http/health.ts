import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

export interface HealthAddress {
  /** HEALTH_HOST: 127.0.0.1 outside a container, 0.0.0.0 in the image (set by the Dockerfile). */
  host: string;
  /** HEALTH_PORT; 0 picks a free one. */
  port: number;
}

/**
 * /healthz: the process is alive. /readyz: the gateway is ready and Redis answers (503 otherwise,
 * so an orchestrator stops routing to it). /metrics: Prometheus text format.
 *
 * Started before the bot logs in to Discord, so a port that cannot be had stops the start at once,
 * with a message naming the variable to change; /readyz says "not ready" until the gateway is.
 */
export async function startHealthServer(address: HealthAddress, ready: () => Promise<{ gateway: boolean; redis: boolean; [detail: string]: unknown }>, metrics: Metrics): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.url === '/healthz') {
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
        } else if (req.url === '/readyz') {
          const state = await ready();
          const ok = state.gateway && state.redis;
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(`${JSON.stringify({ ready: ok, ...state })}\n`);
        } else if (req.url === '/metrics') {
          res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
        } else {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        }
      } catch {
        res.writeHead(500).end();
      }
    })();
  });
  server.listen(address.port, address.host);
  try {
    await once(server, 'listening');
  } catch (error) {
    throw new HealthServerError(address, error as NodeJS.ErrnoException);
  }
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Why the health server could not listen, as a sentence naming the variable to change. */
export class HealthServerError extends Error {
  constructor(address: HealthAddress, cause: NodeJS.ErrnoException) {
    const { host, port } = address;
    const fix = 'set HEALTH_PORT to a free port, or 0 to pick one';
    const messages: Record<string, string> = {
      EADDRINUSE: `HEALTH_PORT ${port} is already in use on ${host}; ${fix}`,
      EACCES: `HEALTH_PORT ${port} may not be used by this user on ${host} (ports below 1024 need privileges); ${fix}, such as 8080`,
      EADDRNOTAVAIL: `HEALTH_HOST ${host} is not an address of this machine; set HEALTH_HOST to 127.0.0.1, or 0.0.0.0 to listen on every interface`,
      ENOTFOUND: `HEALTH_HOST ${host} is not a known host name; set HEALTH_HOST to 127.0.0.1, or 0.0.0.0 to listen on every interface`,
      EAI_AGAIN: `HEALTH_HOST ${host} could not be resolved; set HEALTH_HOST to 127.0.0.1, or 0.0.0.0 to listen on every interface`,
    };
    super(messages[cause.code ?? ''] ?? `The health server could not listen on ${host}:${port} (HEALTH_HOST, HEALTH_PORT): ${cause.message}`, { cause });
    this.name = 'HealthServerError';
  }
}
