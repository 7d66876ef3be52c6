// The bridge's HTTP face: the built UI, the JSON API and the event stream, on
// loopback only. Requests from any other Host or Origin are refused, so a web
// page elsewhere (or a DNS-rebinding attack) cannot drive the kiosk's devices.
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { KIOSK_TOKEN_HEADER, KIOSK_TOKEN_QUERY } from '../contract/headers';
import { invalidRequest } from '../contract/invalid-request';
import type { Health, KioskInfo } from '../contract/kiosk';
import { needsKioskToken, type KioskTokenRefusal } from '../contract/kiosk-token-rule';
import { err, ok } from '../contract/result';
import { ROUTE_NOT_FOUND_STATUS, type RouteNotFound } from '../contract/route-not-found';
import { routes } from '../contract/routes';
import type { EventHub } from './event-hub';
import { createKioskToken, isServedPageFetch } from './kiosk-token';
import { handle, type RouteRegistrar } from './route-helpers';

export interface BridgeServerOptions {
  readonly host: string;
  readonly port: number;
  readonly uiDir: string;
  /** Asked at every request: a config reload may change it. */
  readonly kioskInfo: () => KioskInfo;
  readonly events: EventHub;
  /** Route groups, one module per area (booking, printer, …), registered in order. */
  readonly routes: readonly RouteRegistrar[];
  readonly health: () => Promise<Health>;
  readonly logger: Logger;
}

export interface BridgeServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps route modules on Fastify's default instance type.
    loggerInstance: options.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // Access logs carry method and path only; no body, no query (see README: privacy).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 16 * 1024,
    // Shutting the bridge down (or a config restart) must not wait on a browser's keep-alive sockets.
    forceCloseConnections: true,
  });

  // A new one at every start: a token copied out of one boot is useless after a restart.
  const kioskToken = createKioskToken();
  let allowedHosts = new Set<string>();
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host ?? '';
    const origin = request.headers.origin;
    if (!allowedHosts.has(host) || (origin !== undefined && !allowedHosts.has(originHost(origin)))) {
      options.logger.warn({ event: 'foreign-request-refused', host, origin: origin ?? null }, 'request from a foreign host or origin refused');
      // A refused WebSocket upgrade owns its raw socket: close it, or it lingers until the peer gives up.
      if (request.headers.upgrade) reply.raw.once('finish', () => request.raw.socket.destroy());
      return reply.code(403).send(err(invalidRequest('host', 'foreign host or origin')));
    }
    const path = request.url.split('?', 1)[0] ?? '';
    const carrier = needsKioskToken(request.method, path);
    if (carrier === null) return;
    const given = carrier === 'header' ? request.headers[KIOSK_TOKEN_HEADER] : (request.query as Record<string, unknown> | undefined)?.[KIOSK_TOKEN_QUERY];
    if (kioskToken.matches(given)) return;
    options.logger.warn({ event: 'kiosk-token-refused', method: request.method, path, reason: given === undefined ? 'missing' : 'wrong' }, 'call without the kiosk token refused');
    if (request.headers.upgrade) reply.raw.once('finish', () => request.raw.socket.destroy());
    // The UI fetches the token again on this answer (the bridge restarted under a running page) and retries once.
    return reply.code(401).send({ ok: false, error: { kind: 'kiosk-token-required' } } satisfies KioskTokenRefusal);
  });

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) options.logger.error({ err: error }, 'unhandled error in request');
    return reply.code(status).send(err(invalidRequest('body', status === 500 ? 'internal error' : error.message)));
  });

  // Unknown paths (and files the UI build does not have) answer the bridge's own envelope, not Fastify's.
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '';
    return reply.code(ROUTE_NOT_FOUND_STATUS).send({ ok: false, error: { kind: 'not-found', method: request.method, path } } satisfies RouteNotFound);
  });

  await app.register(fastifyWebsocket);

  app.get(routes.health.path, async (_request, reply) => {
    const health = await options.health();
    return reply.code(health.status === 'down' ? 503 : 200).send(health);
  });

  handle(
    app,
    'kioskToken',
    async ({ request }) => {
      if (!isServedPageFetch(request.headers)) {
        options.logger.warn({ event: 'kiosk-token-withheld', site: request.headers['sec-fetch-site'] ?? null }, 'kiosk token asked for outside the served UI');
        return err(invalidRequest('sec-fetch-site', 'only the kiosk UI receives the token'));
      }
      return ok({ token: kioskToken.value });
    },
    { headers: () => ({ 'cache-control': 'no-store' }) },
  );

  handle(app, 'kioskInfo', async () => ok(options.kioskInfo()));

  app.get(routes.events.path, { websocket: true }, (socket) => {
    const unsubscribe = options.events.subscribe((event) => socket.send(JSON.stringify(event)));
    socket.on('close', unsubscribe);
  });

  for (const register of options.routes) register(app);

  if (existsSync(options.uiDir)) {
    await app.register(fastifyStatic, {
      root: options.uiDir,
      // The shell and the service worker must never be stale after an update; hashed assets may be cached for good.
      setHeaders: (res, path) => {
        const fresh = path.endsWith('.html') || path.endsWith('/sw.js');
        res.header('cache-control', fresh ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    });
  } else {
    options.logger.warn({ uiDir: options.uiDir }, 'UI build not found: run `npm run build`');
  }

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `${options.host}:${port}`]);
  return { url: `http://${options.host}:${port}/`, port, close: () => app.close() };
}

function originHost(origin: string): string {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' ? url.host : '';
  } catch {
    return '';
  }
}
