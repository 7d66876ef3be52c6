// Service mode over HTTP (api shapes in service-api.ts). Login with the PIN;
// everything else needs the token in `x-service-token` and is refused with
// 401 without it. The Host/Origin guard of api/server.ts applies first, as to
// every route. Every action is logged with its outcome, never with the PIN,
// the token or anything personal.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ConfigProblem } from '../config-loader';
import type { PrintJournal } from '../journal/print-journal';
import type { KioskMetrics } from '../metrics/kiosk-metrics';
import type { PrinterStatus } from '../printer/printer-port';
import type { TicketPrinter } from '../printer/ticket-printer';
import { virtualPrinterFaultSchema, type VirtualPrinter } from '../printer/emulator/virtual-printer';
import type { Result } from '../result';
import { parseBody, type RouteRegistrar } from '../api/route-helpers';
import type { ConfigReloadReport } from './config-reload';
import type { ServiceAuth } from './service-auth';
import {
  SERVICE_TOKEN_HEADER,
  serviceLoginRequest,
  type ServiceApiError,
  type PinLogin,
  type ServiceApiResult,
  type ServiceReprintResult,
  type ServiceStatus,
  type TestPrintResult,
} from './service-api';

const HTTP_STATUS: Record<ServiceApiError['kind'], number> = {
  'invalid-request': 400,
  'wrong-pin': 401,
  'locked-out': 429,
  'service-disabled': 503,
  'service-token-required': 401,
  'config-invalid': 422,
  'journal-entry-not-found': 404,
  'not-virtual-printer': 404,
  'training-unavailable': 503,
};

function reply<T>(res: FastifyReply, result: ServiceApiResult<T>): FastifyReply {
  if (!result.ok && result.error.kind === 'locked-out') res.header('retry-after', String(result.error.retryAfterSeconds));
  return res.code(result.ok ? 200 : HTTP_STATUS[result.error.kind]).header('cache-control', 'no-store').send(result);
}

const fail = (error: ServiceApiError): ServiceApiResult<never> => ({ ok: false, error });

function tokenOf(request: FastifyRequest): string | undefined {
  const value = request.headers[SERVICE_TOKEN_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const entryIdOf = (raw: string): number | null => (/^\d{1,15}$/.test(raw) ? Number(raw) : null);

export interface ServiceRoutesOptions {
  readonly auth: ServiceAuth;
  readonly status: () => Promise<ServiceStatus>;
  /** The test ticket and journal reprints (printer/ticket-printer.ts counts them for /metrics). */
  readonly tickets: Pick<TicketPrinter, 'testTicket' | 'reprint'>;
  /** The printer's status, asked again after a test print. */
  readonly printerStatus: () => Promise<PrinterStatus>;
  readonly journal: Pick<PrintJournal, 'listRecent'>;
  /** Null unless the configured printer is `virtual://`. */
  readonly virtualPrinter: VirtualPrinter | null;
  readonly reloadConfig: () => Result<ConfigReloadReport, readonly ConfigProblem[]>;
  /** The volunteer PIN was typed: training mode on when off, off when on (training/training-mode.ts). */
  readonly volunteer: () => Result<'started' | 'stopped', string>;
  readonly metrics: Pick<KioskMetrics, 'serviceLogin'>;
  readonly logger: Logger;
}

/** A route's preHandler that lets only calls with the current service token through (401 otherwise). */
export type ServiceTokenGuard = (request: FastifyRequest, res: FastifyReply) => Promise<unknown>;

/** The preHandler of every service route but login; other route modules (virtual card) use it too. */
export function serviceTokenGuard(auth: ServiceAuth, logger: Logger): ServiceTokenGuard {
  return async (request, res) => {
    const authorized = auth.authorize(tokenOf(request));
    if (authorized.ok) return undefined;
    logger.warn(
      { event: 'service-refused', method: request.method, route: request.routeOptions.url ?? null, reason: authorized.error.reason },
      'service call without a valid service token refused',
    );
    return reply(res, fail(authorized.error));
  };
}

export function serviceRoutes(options: ServiceRoutesOptions): RouteRegistrar {
  const { auth, logger, metrics } = options;
  const action = (name: string, fields: Record<string, unknown> = {}) =>
    logger.info({ event: 'service-action', action: name, ...fields }, `service mode: ${name}`);
  const guarded = { preHandler: serviceTokenGuard(auth, logger) };

  return (app) => {
    app.post('/api/service/login', async (request, res) => {
      const body = parseBody(serviceLoginRequest, request.body);
      if (!body.ok) return reply(res, fail(body.error.kind === 'invalid-request' ? body.error : { kind: 'invalid-request', field: 'pin', message: 'invalid' }));
      const login = auth.login(body.value.pin);
      if (login.ok) {
        metrics.serviceLogin('ok');
        if (login.value.role === 'it') {
          logger.info({ event: 'service-login', outcome: 'ok', role: 'it' }, 'service mode entered');
          return reply<PinLogin>(res, { ok: true, value: login.value });
        }
        const toggled = options.volunteer();
        logger.info({ event: 'service-login', outcome: 'ok', role: 'volunteer', training: toggled.ok ? toggled.value : 'unavailable' }, 'volunteer PIN: training mode switched');
        return reply<PinLogin>(res, toggled.ok ? { ok: true, value: { role: 'volunteer', training: toggled.value } } : fail({ kind: 'training-unavailable' }));
      }
      const error = login.error;
      if (error.kind === 'wrong-pin') metrics.serviceLogin('wrong-pin');
      if (error.kind === 'locked-out') metrics.serviceLogin('locked-out');
      logger.warn(
        {
          event: 'service-login',
          outcome: error.kind,
          ...(error.kind === 'wrong-pin' ? { attemptsLeft: error.attemptsLeft } : {}),
          ...(error.kind === 'locked-out' ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
          ...(error.kind === 'service-disabled' ? { reason: error.message } : {}),
        },
        error.kind === 'locked-out' ? 'service mode locked: too many wrong PINs' : 'service mode login refused',
      );
      return reply(res, fail(error));
    });

    app.post('/api/service/logout', guarded, async (request, res) => {
      auth.logout(tokenOf(request));
      action('logout');
      return reply(res, { ok: true, value: null });
    });

    app.get('/api/service/status', guarded, async (_request, res) => reply(res, { ok: true, value: await options.status() }));

    app.post('/api/service/test-print', guarded, async (_request, res) => {
      const outcome = await options.tickets.testTicket();
      const printer = await options.printerStatus();
      action('test-print', { outcome: outcome.outcome, ...(outcome.outcome === 'failed' ? { printerState: outcome.status.state } : {}) });
      return reply<TestPrintResult>(res, { ok: true, value: { print: outcome, printer } });
    });

    app.get<{ Querystring: { limit?: string } }>('/api/service/journal', guarded, async (request, res) => {
      const limit = Number(request.query.limit ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) return reply(res, fail({ kind: 'invalid-request', field: 'limit', message: '1…500' }));
      return reply(res, { ok: true, value: options.journal.listRecent(limit) });
    });

    app.post<{ Params: { id: string } }>('/api/service/journal/:id/reprint', guarded, async (request, res) => {
      const entryId = entryIdOf(request.params.id);
      if (entryId === null) return reply(res, fail({ kind: 'invalid-request', field: 'id', message: 'a journal entry number' }));
      const result = await options.tickets.reprint(entryId);
      if (!result.ok) {
        action('reprint', { entryId, outcome: 'not-found' });
        return reply(res, fail(result.error));
      }
      action('reprint', { entryId, bookingNumber: result.value.entry.bookingNumber, outcome: result.value.print.outcome });
      return reply<ServiceReprintResult>(res, { ok: true, value: result.value });
    });

    app.get('/api/service/virtual-printer/fault', guarded, async (_request, res) =>
      reply(res, options.virtualPrinter ? { ok: true, value: options.virtualPrinter.fault() } : fail({ kind: 'not-virtual-printer' })),
    );

    app.post('/api/service/virtual-printer/fault', guarded, async (request, res) => {
      const printer = options.virtualPrinter;
      if (!printer) return reply(res, fail({ kind: 'not-virtual-printer' }));
      const body = parseBody(virtualPrinterFaultSchema, request.body);
      if (!body.ok) return reply(res, fail(body.error.kind === 'invalid-request' ? body.error : { kind: 'invalid-request', field: 'fault', message: 'invalid' }));
      printer.setFault(body.value);
      action('virtual-printer-fault', { fault: body.value.fault });
      return reply(res, { ok: true, value: printer.fault() });
    });

    app.post('/api/service/config/reload', guarded, async (_request, res) => {
      const reloaded = options.reloadConfig();
      action('config-reload', reloaded.ok ? { outcome: 'applied', applied: reloaded.value.applied, restartRequired: reloaded.value.restartRequired } : { outcome: 'invalid' });
      return reply(res, reloaded.ok ? { ok: true, value: reloaded.value } : fail({ kind: 'config-invalid', problems: reloaded.error }));
    });
  };
}
