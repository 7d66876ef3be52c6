// Service mode's part of the composition root: the PIN and its lockout, the
// config in effect and its reload, the status picture, and the routes. main.ts
// hands it the devices and services it already built.
import type { Logger } from 'pino';
import type { KioskConfig } from '../../config/kiosk-config-schema';
import type { RouteRegistrar } from '../api/route-helpers';
import type { ConfigProblem } from '../config-loader';
import type { PrinterMonitor } from '../health/printer-monitor';
import type { PrintJournal } from '../journal/print-journal';
import { paperStateOf, type KioskMetrics } from '../metrics/kiosk-metrics';
import type { Printer } from '../printer/printer-port';
import type { TicketPrinter } from '../printer/ticket-printer';
import type { VirtualPrinter } from '../printer/emulator/virtual-printer';
import type { IdentityReaders } from '../readers/identity-readers';
import { ok, type Result } from '../contract/result';
import type { Scheduler } from '../scheduler/scheduler-port';
import { createConfigReloader, type ConfigReloadReport } from './config-reload';
import type { RecentLog } from './log-privacy';
import { describeSecretSource, readSecret } from './secrets';
import type { ServiceStatus, SpeechStatus } from '../contract';
import { fileLockoutStore } from './lockout-store';
import { createServiceAuth, type ServiceAuth } from './service-auth';
import { serviceRoutes, serviceTokenGuard, type ServiceTokenGuard } from './service-routes';

export interface ServiceModeOptions {
  readonly config: KioskConfig;
  /** The config layers the kiosk was started from (for the status screen). */
  readonly configFiles: readonly string[];
  /** Loads the same layers again; without it a reload finds nothing changed. */
  readonly loadConfig?: () => Result<KioskConfig, ConfigProblem[]>;
  /** Called when a reload changed live fields: the new config in effect. */
  readonly onConfigApplied: (next: KioskConfig, applied: readonly string[]) => void;
  readonly baseDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  /** Where the PIN lockout survives a restart (lockout-store.ts); memory only when absent. */
  readonly lockoutFile?: string;
  readonly version: string;
  readonly printer: Pick<Printer, 'address' | 'model'>;
  readonly printerMonitor: PrinterMonitor;
  /** The real (never the training) ticket printer: test ticket and journal reprints. */
  readonly tickets: Pick<TicketPrinter, 'testTicket' | 'reprint'>;
  readonly journal: Pick<PrintJournal, 'listRecent'>;
  readonly virtualPrinter: VirtualPrinter | null;
  readonly readers: Pick<IdentityReaders, 'status'>;
  readonly scheduler: Pick<Scheduler, 'status'>;
  readonly activeSessions: () => number;
  readonly recentLog: RecentLog | null;
  readonly metrics: KioskMetrics;
  /** Speech output's state (speech/speech-service.ts); absent = not reported. */
  readonly speech?: () => SpeechStatus;
  readonly logger: Logger;
  /** Training mode as the status screen shows it. */
  readonly trainingState: () => { readonly active: boolean; readonly since: string | null };
  /** The volunteer PIN's source is read from the config in effect; typing it calls this (training mode on/off). */
  readonly onVolunteerPin: () => Result<'started' | 'stopped', string>;
  /** The outbox of requests left at the kiosk (outbox/outbox.ts), for the status screen. */
  readonly outbox?: () => ServiceStatus['outbox'];
}

export interface ServiceMode {
  readonly routes: RouteRegistrar;
  readonly auth: ServiceAuth;
  /** preHandler for service-only routes other modules register (the virtual card). */
  readonly guard: ServiceTokenGuard;
  /** The config in effect (the start-up one with live changes of reloads). */
  current(): KioskConfig;
  reloadConfig(): Result<ConfigReloadReport, readonly ConfigProblem[]>;
}

export function createServiceMode(options: ServiceModeOptions): ServiceMode {
  const { logger, metrics } = options;
  const startedAt = options.now();
  const reloader = createConfigReloader({
    initial: options.config,
    load: options.loadConfig ?? (() => ok(reloader.current())),
    onApplied: options.onConfigApplied,
    logger,
  });
  const pinRef = () => ({ env: reloader.current().service.pinEnv, file: reloader.current().service.pinFile });
  const volunteerPinRef = () => ({ env: reloader.current().training.volunteerPinEnv, file: reloader.current().training.volunteerPinFile });
  const auth = createServiceAuth({
    settings: () => reloader.current().service,
    readPin: () => readSecret(pinRef(), 'service.pin', options.baseDir, options.env),
    readVolunteerPin: () => readSecret(volunteerPinRef(), 'training.volunteerPin', options.baseDir, options.env),
    now: options.now,
    ...(options.lockoutFile
      ? {
          lockoutStore: fileLockoutStore(options.lockoutFile, (reason) =>
            logger.warn({ event: 'service-lockout-unreadable', reason }, 'the service lockout file is unreadable: starting with no lockout'),
          ),
        }
      : {}),
  });

  const pin = readSecret(pinRef(), 'service.pin', options.baseDir, options.env);
  if (!pin.ok) {
    const reason = pin.error.kind === 'not-configured' ? 'no service PIN configured' : `${pin.error.field}: ${pin.error.message}`;
    logger.warn({ event: 'service-pin-missing', reason }, 'service mode cannot be entered until a service PIN is set');
  }

  async function status(): Promise<ServiceStatus> {
    const config = reloader.current();
    const started = performance.now();
    const schedulerCheck = options.scheduler.status().then((s) => ({ s, ms: Math.round(performance.now() - started) }));
    const [{ s: scheduler, ms }, printerStatus] = await Promise.all([schedulerCheck, options.printerMonitor.refresh()]);
    const readers = options.readers.status();
    const now = options.now();
    return {
      kiosk: {
        kioskId: config.kioskId,
        version: options.version,
        startedAt: startedAt.toISOString(),
        uptimeSeconds: Math.max(0, Math.round((now.getTime() - startedAt.getTime()) / 1000)),
        configFiles: options.configFiles,
        restartRequired: reloader.pendingRestart(),
      },
      printer: {
        address: options.printer.address,
        model: options.printer.model,
        virtual: options.virtualPrinter !== null,
        status: printerStatus,
        paper: paperStateOf(printerStatus),
        fault: options.virtualPrinter?.fault() ?? null,
      },
      readers: { card: readers.card, scanners: readers.scanners },
      scheduler: {
        adapter: scheduler.adapter,
        reachable: scheduler.state === 'ready',
        detail: scheduler.state === 'ready' ? null : scheduler.cause,
        latencyMs: ms,
      },
      ...(options.speech ? { speech: options.speech() } : {}),
      sessions: { active: options.activeSessions() },
      training: options.trainingState(),
      service: { pinSource: describeSecretSource(pinRef()), sessionSeconds: config.service.sessionSeconds },
      lastErrors: options.recentLog?.entries() ?? [],
      ...(options.outbox ? { outbox: options.outbox() } : {}),
    };
  }

  /** HTTP and SIGHUP alike: counted for /metrics, logged by the reloader. */
  function reloadConfig(): Result<ConfigReloadReport, readonly ConfigProblem[]> {
    const reloaded = reloader.reload();
    metrics.configReload(reloaded.ok ? 'applied' : 'invalid');
    return reloaded;
  }

  const routes = serviceRoutes({
    auth,
    status,
    tickets: options.tickets,
    printerStatus: () => options.printerMonitor.refresh(),
    journal: options.journal,
    virtualPrinter: options.virtualPrinter,
    reloadConfig,
    volunteer: options.onVolunteerPin,
    metrics,
    logger,
  });

  return { routes, auth, guard: serviceTokenGuard(auth, logger), current: () => reloader.current(), reloadConfig };
}
