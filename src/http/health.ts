import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * /healthz: the process is alive. /readyz: the gateway is ready and Redis answers (503 otherwise,
 * so an orchestrator stops routing to it). /metrics: Prometheus text format.
 */
export async function startHealthServer(port: number, ready: () => Promise<{ gateway: boolean; redis: boolean }>, metrics: Metrics): Promise<HealthServer> {
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
  server.listen(port, '0.0.0.0');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
