// The bridge's HTTP face: the built UI, the JSON API and the event stream, on
// loopback only. Requests from any other Host or Origin are refused, so a web
// page elsewhere (or a DNS-rebinding attack) cannot drive the kiosk's devices.
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { BookingService } from '../booking/booking-service';
import type { PrinterMonitor } from '../health/printer-monitor';
import type { ApiError, ApiResult, BridgeEvent, Health, KioskInfo } from './contract';
import { bookRequest, holdRequest, SESSION_HEADER, startSessionRequest } from './contract';

export interface BridgeServerOptions {
  readonly host: string;
  readonly port: number;
  readonly uiDir: string;
  readonly kioskInfo: KioskInfo;
  readonly booking: BookingService;
  readonly printerMonitor: PrinterMonitor;
  readonly health: () => Promise<Health>;
  readonly logger: Logger;
}

const HTTP_STATUS: Record<ApiError['kind'], number> = {
  'invalid-request': 400,
  'patient-not-found': 404,
  'slot-not-found': 404,
  'appointment-not-found': 404,
  'hold-not-found': 404,
  'session-expired': 401,
  'slot-taken': 409,
  'hold-expired': 409,
  unavailable: 503,
};

export interface BridgeServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const app = Fastify({
    loggerInstance: options.logger.child({ component: 'http' }),
    // Access logs carry method and path only; no body, no query (see README: privacy).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 16 * 1024,
  });

  let allowedHosts = new Set<string>();
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host ?? '';
    const origin = request.headers.origin;
    if (!allowedHosts.has(host) || (origin !== undefined && !allowedHosts.has(originHost(origin)))) {
      options.logger.warn({ event: 'foreign-request-refused', host, origin: origin ?? null }, 'request from a foreign host or origin refused');
      // A refused WebSocket upgrade owns its raw socket: close it, or it lingers until the peer gives up.
      if (request.headers.upgrade) reply.raw.once('finish', () => request.raw.socket.destroy());
      return reply.code(403).send({ ok: false, error: { kind: 'invalid-request', field: 'host', message: 'foreign host or origin' } });
    }
  });

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) options.logger.error({ err: error }, 'unhandled error in request');
    return reply.code(status).send({ ok: false, error: { kind: 'invalid-request', field: 'body', message: status === 500 ? 'internal error' : error.message } });
  });

  await app.register(fastifyWebsocket);

  app.get('/healthz', async (_request, reply) => {
    const health = await options.health();
    return reply.code(health.status === 'down' ? 503 : 200).send(health);
  });

  app.get('/api/kiosk', async () => ({ ok: true, value: options.kioskInfo }) satisfies ApiResult<KioskInfo>);

  app.get('/api/printer/status', async () => ({ ok: true, value: await options.printerMonitor.refresh() }));

  app.post('/api/sessions', async (request, reply) => {
    const body = parse(startSessionRequest, request.body);
    if (!body.ok) return send(reply, body);
    return send(reply, await options.booking.startSession(body.value.policyNumber));
  });

  app.delete('/api/sessions/current', async (request, reply) => {
    const sessionId = sessionOf(request);
    if (sessionId) await options.booking.endSession(sessionId);
    return reply.code(200).send({ ok: true, value: null });
  });

  app.get('/api/specialties', async (_request, reply) => send(reply, await options.booking.listSpecialties()));

  app.get<{ Params: { code: string } }>('/api/specialties/:code/slots', async (request, reply) =>
    send(reply, await options.booking.listSlots(request.params.code)),
  );

  app.post('/api/holds', async (request, reply) => {
    const body = parse(holdRequest, request.body);
    if (!body.ok) return send(reply, body);
    return send(reply, await options.booking.hold(sessionOf(request), body.value.slotId));
  });

  app.post('/api/bookings', async (request, reply) => {
    const body = parse(bookRequest, request.body);
    if (!body.ok) return send(reply, body);
    return send(reply, await options.booking.book(sessionOf(request), body.value.holdId, body.value.clientKey));
  });

  app.post<{ Params: { id: string } }>('/api/bookings/:id/print', async (request, reply) =>
    send(reply, await options.booking.printTicket(sessionOf(request), request.params.id)),
  );

  app.get('/api/events', { websocket: true }, (socket) => {
    const push = (event: BridgeEvent) => socket.send(JSON.stringify(event));
    push({ type: 'printer-status', status: options.printerMonitor.current() });
    const unsubscribe = options.printerMonitor.onChange((status) => push({ type: 'printer-status', status }));
    socket.on('close', unsubscribe);
  });

  if (existsSync(options.uiDir)) {
    await app.register(fastifyStatic, {
      root: options.uiDir,
      // The shell must never be stale after an update; hashed assets may be cached.
      setHeaders: (res, path) => {
        res.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
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

function sessionOf(request: FastifyRequest): string | undefined {
  const value = request.headers[SESSION_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; error: ApiError } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: { kind: 'invalid-request', field: issue?.path.join('.') ?? '', message: issue?.message ?? 'invalid' } };
}

function send<T>(reply: FastifyReply, result: { ok: true; value: T } | { ok: false; error: ApiError }): FastifyReply {
  return reply.code(result.ok ? 200 : HTTP_STATUS[result.error.kind]).send(result);
}
