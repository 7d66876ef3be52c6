// Service mode over HTTP (wire types in contract/service.ts, routes in contract/routes.ts). Login with the PIN;
// everything else needs the token in `x-service-token` and is refused with
// 401 without it. The Host/Origin guard of api/server.ts applies first, as to
// every route. Every action is logged with its outcome, never with the PIN,
// the token or anything personal.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ConfigProblem, ServiceApiResult, ServiceStatus } from '../contract';
import { SERVICE_ERROR_STATUS } from '../contract/http-status';
import { SERVICE_TOKEN_HEADER } from '../contract/headers';
import type { PrinterStatus } from '../contract/printer';
import { err, ok, type Result } from '../contract/result';
import type { PrintJournal } from '../journal/print-journal';
import type { KioskMetrics } from '../metrics/kiosk-metrics';
import type { VirtualPrinter } from '../printer/emulator/virtual-printer';
import type { TicketPrinter } from '../printer/ticket-printer';
import { handle, type RouteRegistrar } from '../api/route-helpers';
import type { ConfigReloadReport } from './config-reload';
import type { ServiceAuth } from './service-auth';

/** Service answers are never cached; a lock-out says when to try again. */
function serviceHeaders(result: ServiceApiResult<unknown>): Record<string, string> {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (!result.ok && result.error.kind === 'locked-out') headers['retry-after'] = String(result.error.retryAfterSeconds);
  return headers;
}

function tokenOf(request: FastifyRequest): string | undefined {
  const value = request.headers[SERVICE_TOKEN_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

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
    const refusal = err(authorized.error);
    return res.code(SERVICE_ERROR_STATUS[refusal.error.kind]).headers(serviceHeaders(refusal)).send(refusal);
  };
}

export function serviceRoutes(options: ServiceRoutesOptions): RouteRegistrar {
  const { auth, logger, metrics } = options;
  const action = (name: string, fields: Record<string, unknown> = {}) =>
    logger.info({ event: 'service-action', action: name, ...fields }, `service mode: ${name}`);
  const guarded = { preHandler: serviceTokenGuard(auth, logger), headers: serviceHeaders };

  return (app) => {
    handle(
      app,
      'serviceLogin',
      async ({ body }) => {
        const login = auth.login(body.pin);
        if (login.ok) {
          metrics.serviceLogin('ok');
          if (login.value.role === 'it') {
            logger.info({ event: 'service-login', outcome: 'ok', role: 'it' }, 'service mode entered');
            return ok(login.value);
          }
          const toggled = options.volunteer();
          logger.info({ event: 'service-login', outcome: 'ok', role: 'volunteer', training: toggled.ok ? toggled.value : 'unavailable' }, 'volunteer PIN: training mode switched');
          return toggled.ok ? ok({ role: 'volunteer', training: toggled.value } as const) : err({ kind: 'training-unavailable' });
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
        return err(error);
      },
      { headers: serviceHeaders },
    );

    handle(
      app,
      'serviceLogout',
      async ({ request }) => {
        auth.logout(tokenOf(request));
        action('logout');
        return ok(null);
      },
      guarded,
    );

    handle(app, 'serviceStatus', async () => ok(await options.status()), guarded);

    handle(
      app,
      'serviceTestPrint',
      async () => {
        const outcome = await options.tickets.testTicket();
        const printer = await options.printerStatus();
        action('test-print', { outcome: outcome.outcome, ...(outcome.outcome === 'failed' ? { printerState: outcome.status.state } : {}) });
        return ok({ print: outcome, printer });
      },
      guarded,
    );

    handle(app, 'serviceJournal', async ({ query }) => ok(options.journal.listRecent(query.limit)), guarded);

    handle(
      app,
      'serviceReprint',
      async ({ params }) => {
        const entryId = params.id;
        const result = await options.tickets.reprint(entryId);
        if (!result.ok) {
          action('reprint', { entryId, outcome: 'not-found' });
          return err(result.error);
        }
        action('reprint', { entryId, bookingNumber: result.value.entry.bookingNumber, outcome: result.value.print.outcome });
        return ok(result.value);
      },
      guarded,
    );

    handle(app, 'serviceFault', async () => (options.virtualPrinter ? ok(options.virtualPrinter.fault()) : err({ kind: 'not-virtual-printer' })), guarded);

    handle(
      app,
      'serviceSetFault',
      async ({ body }) => {
        const printer = options.virtualPrinter!;
        printer.setFault(body);
        action('virtual-printer-fault', { fault: body.fault });
        return ok(printer.fault());
      },
      // A real printer has no faults to switch, whatever the body says.
      { ...guarded, precondition: () => (options.virtualPrinter ? null : err({ kind: 'not-virtual-printer' })) },
    );

    handle(
      app,
      'serviceReloadConfig',
      async () => {
        const reloaded = options.reloadConfig();
        action('config-reload', reloaded.ok ? { outcome: 'applied', applied: reloaded.value.applied, restartRequired: reloaded.value.restartRequired } : { outcome: 'invalid' });
        return reloaded.ok ? ok(reloaded.value) : err({ kind: 'config-invalid', problems: reloaded.error });
      },
      guarded,
    );
  };
}
