// GET /metrics on the bridge (loopback, behind the Host/Origin guard like
// everything else), and the optional read-only listener for a Prometheus
// server on the clinic network (`metrics.listen`): /metrics and /healthz only,
// nothing that changes anything, nothing personal.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Health } from '../contract';
import { sessionOf, type RouteRegistrar } from '../api/route-helpers';
import { sessionEndReasonOf, type KioskMetrics } from './kiosk-metrics';
import { routes } from '../contract/routes';

export function metricsRoutes(metrics: KioskMetrics): RouteRegistrar {
  return (app) => {
    app.get('/metrics', async (_request, reply) => {
      const { contentType, body } = await metrics.scrape();
      return reply.type(contentType).header('cache-control', 'no-store').send(body);
    });
    // Idle resets: the UI reports each one as DELETE /api/sessions/current?reason=idle, with the
    // session header when a patient had identified and without it otherwise (booking-routes.ts ends the session).
    app.addHook('onRequest', async (request) => {
      if (request.method !== routes.endSession.method || request.url.split('?')[0] !== routes.endSession.path) return;
      if (sessionEndReasonOf(request.query) === 'idle') metrics.idleReset(sessionOf(request) !== undefined);
    });
  };
}

export interface MetricsListener {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The read-only listener of `metrics.listen`: GET /metrics and GET /healthz, nothing else. */
export async function startMetricsListener(options: {
  readonly host: string;
  readonly port: number;
  readonly metrics: KioskMetrics;
  readonly health: () => Promise<Health>;
  readonly logger: Logger;
}): Promise<MetricsListener> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    const answer = async () => {
      if (path === '/metrics') {
        const { contentType, body } = await options.metrics.scrape();
        response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
      } else if (path === '/healthz') {
        const health = await options.health();
        response.writeHead(health.status === 'down' ? 503 : 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(health));
      } else {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('only /metrics and /healthz here\n');
      }
    };
    answer().catch((cause: unknown) => {
      options.logger.error({ event: 'metrics-listener-failed', err: cause }, 'metrics listener could not answer');
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  options.logger.info({ event: 'metrics-listening', host: options.host, port }, 'metrics and health listener started');
  return {
    url: `http://${host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
