// Composition root of the bridge: the one place that turns a validated config
// into real (or virtual) devices, the scheduler adapter, and the HTTP server.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { KioskConfig } from '../config/kiosk-config-schema';
import { bookingRoutes } from './api/booking-routes';
import { trainingRoutes } from './api/training-routes';
import { createEventHub } from './api/event-hub';
import { assistanceRoutes } from './assistance/assistance-routes';
import { identityRoutes } from './api/identity-routes';
import { memoRoutes } from './api/memo-routes';
import { startBridgeServer } from './api/server';
import { createBookingService } from './booking/booking-service';
import type { ConfigProblem } from './config-loader';
import { healthReport } from './health/health-report';
import { startPrinterMonitor } from './health/printer-monitor';
import { openPrintJournal, type PrintJournal } from './journal/print-journal';
import { createMemoPrinting } from './memo/memo-printing';
import { encodeMemo } from './printer/memo-layout';
import { createEscPosPrinter } from './printer/escpos-printer';
import { loadPrinterProfile } from './printer/printer-profile';
import { startIdentityReaders } from './readers/identity-readers';
import { createVirtualCardController } from './readers/virtual-card-controller';
import { loadLogo } from './printer/raster';
import { encodeTicket } from './printer/ticket-layout';
import { createTransport } from './printer/transport-factory';
import { startVirtualPrinter, type VirtualPrinter } from './printer/virtual-printer';
import { formatClinicDefinitionIssues, loadClinicDefinition } from './scheduler/embedded/clinic-definition';
import { openScheduler } from './scheduler/open-scheduler';
import { instrumentScheduler } from './metrics/instrumented-scheduler';
import { createKioskMetrics } from './metrics/kiosk-metrics';
import { metricsRoutes, startMetricsListener, type MetricsListener } from './metrics/metrics-routes';
import type { Result } from './contract/result';
import type { ConfigReloadReport } from './service/config-reload';
import { recentLogOf } from './service/log-privacy';
import { createServiceMode } from './service/service-mode';
import type { KioskInfo } from './contract';
import { createTrainingMode } from './training/training-mode';
import { openTrainingSandbox } from './training/training-sandbox';
import { BRIDGE_VERSION } from './version';

/** A bridge-owned session the UI never ended is forgotten after this long. */
const SESSION_TTL_MS = 15 * 60 * 1000;

export interface RunningKiosk {
  readonly url: string;
  readonly port: number;
  /** Present when the config asked for `virtual://`: the emulated network printer the bridge prints to. */
  readonly virtualPrinter: VirtualPrinter | null;
  /** Every ticket the kiosk should have printed, with its outcome (print-journal.ts). */
  readonly journal: PrintJournal;
  /** The read-only /metrics + /healthz listener of `metrics.listen`; null when not configured. */
  readonly metricsUrl: string | null;
  /** Loads the config layers again (SIGHUP, POST /api/service/config/reload): applies what can change live, never an invalid config. */
  reloadConfig(): Result<ConfigReloadReport, readonly ConfigProblem[]>;
  close(): Promise<void>;
}

export interface StartKioskOptions {
  readonly logger: Logger;
  /** Root for relative paths in the config (database, clinic file, printer output). */
  readonly baseDir: string;
  readonly uiDir: string;
  readonly now?: () => Date;
  /** The config layers given (`--config`, `KIOSK_CONFIG`), shown on the service screen. */
  readonly configFiles?: readonly string[];
  /** Loads and validates the same layers again, for a config reload; without it a reload finds nothing changed. */
  readonly loadConfig?: () => Result<KioskConfig, ConfigProblem[]>;
  /** Where secrets named by `…Env` fields are read (default: process.env; tests pass their own). */
  readonly env?: NodeJS.ProcessEnv;
}

export class StartupError extends Error {}

export async function startKiosk(config: KioskConfig, options: StartKioskOptions): Promise<RunningKiosk> {
  const { logger } = options;
  const path = (p: string) => resolve(options.baseDir, p);

  // The config in effect: a reload replaces it with live changes applied (service/config-reload.ts).
  let live = config;
  const metrics = createKioskMetrics({ kioskId: config.kioskId, version: BRIDGE_VERSION, processMetrics: true });

  const profile = loadPrinterProfile(config.printer.model);
  if (!profile.ok) throw new StartupError(`printer.model: ${profile.error}`);

  const clinic = loadClinicDefinition(path(config.scheduler.clinicFile));
  if (!clinic.ok) throw new StartupError(`scheduler.clinicFile (${config.scheduler.clinicFile}):\n${formatClinicDefinitionIssues(clinic.error)}`);

  // `virtual://` is an emulated network printer on loopback: the bridge still
  // prints over a real TCP socket, exactly as to a printer on tcp://host:9100.
  let virtualPrinter: VirtualPrinter | null = null;
  let printerUrl = config.printer.url;
  if (/^virtual:/i.test(printerUrl)) {
    virtualPrinter = await startVirtualPrinter({
      host: config.virtualPrinter.host,
      port: config.virtualPrinter.port,
      outputDir: path(config.virtualPrinter.outputDir),
      profile: profile.value,
      logger: logger.child({ component: 'virtual-printer' }),
    });
    printerUrl = virtualPrinter.address;
  }
  const transport = createTransport(printerUrl);
  if (!transport.ok) {
    await virtualPrinter?.close();
    throw new StartupError(`printer.url: ${transport.error}`);
  }
  const printer = createEscPosPrinter({
    transport: transport.value,
    profile: profile.value,
    logger: logger.child({ component: 'printer' }),
  });
  // A logo that cannot be read is logged and left off: tickets still print.
  const logo = config.printer.logo ? loadLogo(path(config.printer.logo), profile.value) : null;
  if (logo && !logo.ok) logger.warn({ event: 'printer-logo-unreadable', reason: logo.error }, 'printer.logo ignored');
  const renderTicket = (ticket: Parameters<typeof encodeTicket>[0]) =>
    encodeTicket(ticket, profile.value, logo?.ok ? { logo: logo.value } : {});

  const dbPath = path(config.scheduler.database);
  mkdirSync(dirname(dbPath), { recursive: true });
  // The print journal lives next to the scheduler's database unless the config names a file.
  const journalFile = config.printer.journal ? path(config.printer.journal) : join(dirname(dbPath), 'print-journal.sqlite');
  let journal: PrintJournal;
  try {
    journal = openPrintJournal({ file: journalFile, printer, renderTicket, logger: logger.child({ component: 'journal' }), ...(options.now ? { now: options.now } : {}) });
  } catch (cause) {
    await printer.close();
    await virtualPrinter?.close();
    throw new StartupError(`printer.journal (${journalFile}): cannot open the print journal: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  // The configured adapter (embedded SQLite or FHIR R4) behind timeouts, a circuit breaker and a reference-data cache.
  const opened = openScheduler(config, { baseDir: options.baseDir, clinic: clinic.value, logger, ...(options.now ? { now: options.now } : {}) });
  if (!opened.ok) {
    journal.close();
    await printer.close();
    await virtualPrinter?.close();
    throw new StartupError(opened.error);
  }
  // Every call timed and its failures counted for /metrics, answers unchanged.
  const scheduler = instrumentScheduler(opened.value, metrics.schedulerCall);

  const events = createEventHub();
  const printerMonitor = startPrinterMonitor(printer);
  printerMonitor.onChange((status) => events.publish({ type: 'printer-status', status }));
  printerMonitor.onChange((status) => metrics.printerStatus(status));
  const booking = createBookingService({
    scheduler,
    printer,
    renderTicket,
    journal,
    // Read at each ticket and hold, so a config reload changes them live.
    clinic: {
      get name() { return live.clinic.name; },
      get address() { return live.clinic.address; },
      get phone() { return live.clinic.phone; },
      timeZone: config.clinic.timeZone,
    },
    kioskId: config.kioskId,
    horizonDays: config.booking.horizonDays,
    get holdSeconds() { return live.booking.holdSeconds; },
    policy: config.booking,
    sessionTtlMs: SESSION_TTL_MS,
    logger: logger.child({ component: 'booking' }),
    metrics,
    ...(options.now ? { now: options.now } : {}),
  });
  // Training mode: while on, every booking call goes to a throwaway sandbox of the demo clinic (training/).
  const training = createTrainingMode({
    openSandbox: () =>
      openTrainingSandbox({
        clinicFile: path(live.training.clinicFile),
        printer,
        renderTicket,
        clinic: () => ({ name: live.clinic.name, timeZone: config.clinic.timeZone }),
        kioskId: config.kioskId,
        horizonDays: config.booking.horizonDays,
        holdSeconds: live.booking.holdSeconds,
        policy: config.booking,
        sessionTtlMs: SESSION_TTL_MS,
        metrics: metrics.forMode('training'),
        logger: logger.child({ component: 'training' }),
        ...(options.now ? { now: options.now } : {}),
      }),
    idleSeconds: () => live.training.idleSeconds,
    onChange: () => events.publish({ type: 'kiosk-info', kiosk: kioskInfo() }),
    onPeriod: (event) => metrics.trainingPeriod(event),
    now: options.now ?? (() => new Date()),
    logger: logger.child({ component: 'training' }),
  });
  /** The booking service in effect: the training sandbox's while training is on. */
  const activeBooking = () => training.booking() ?? booking;
  // Card reader and scanners: a read starts the session here and reaches the UI as an `identified` event.
  const identityReaders = await startIdentityReaders({
    cardReader: config.cardReader,
    scanners: config.scanners,
    startSession: (policyNumber, channel) => activeBooking().startSession(policyNumber, channel),
    publish: (event) => events.publish(event),
    logger: logger.child({ component: 'readers' }),
  });
  const virtualCard = createVirtualCardController({
    cardReader: config.cardReader,
    findPatient: (policyNumber) => scheduler.findPatientByPolicy(policyNumber),
    logger: logger.child({ component: 'virtual-card' }),
  });

  const kioskInfo = (): KioskInfo => ({
    kioskId: live.kioskId,
    version: BRIDGE_VERSION,
    clinic: { name: live.clinic.name, address: live.clinic.address, phone: live.clinic.phone, timeZone: live.clinic.timeZone },
    session: live.session,
    minTouchPx: Math.round((20 / 25.4) * live.screen.dpi),
    training: (() => {
      const state = training.state();
      return state.active ? { active: true, demoPatients: state.demoPatients } : { active: false, demoPatients: [] };
    })(),
    memoEnabled: live.memo.enabled,
    assistance: { where: { ru: live.assistance.where.ru, en: live.assistance.where.en ?? null }, callSignal: live.assistance.callSignal },
  });
  // Service mode: PIN and lockout, status, test print, journal, faults, config reload (service/).
  const serviceMode = createServiceMode({
    config,
    configFiles: options.configFiles ?? [],
    ...(options.loadConfig ? { loadConfig: options.loadConfig } : {}),
    onConfigApplied: (next) => {
      live = next;
      events.publish({ type: 'kiosk-info', kiosk: kioskInfo() });
    },
    baseDir: options.baseDir,
    env: options.env ?? process.env,
    now: options.now ?? (() => new Date()),
    version: BRIDGE_VERSION,
    printer,
    printerMonitor,
    renderTicket,
    journal,
    virtualPrinter,
    readers: identityReaders,
    scheduler,
    activeSessions: () => booking.activeSessionCount(),
    recentLog: recentLogOf(logger),
    metrics,
    logger: logger.child({ component: 'service' }),
    onVolunteerPin: () => training.toggle(),
    trainingState: () => {
      const state = training.state();
      return state.active ? { active: true, since: state.since } : { active: false, since: null };
    },
  });
  const health = () =>
    healthReport({ kioskId: config.kioskId, version: BRIDGE_VERSION, scheduler, printerMonitor, printerAddress: printer.address, readers: () => identityReaders.status() });

  const server = await startBridgeServer({
    host: config.bridge.host,
    port: config.bridge.port,
    uiDir: options.uiDir,
    kioskInfo,
    events,
    routes: [
      bookingRoutes(activeBooking, printerMonitor),
      trainingRoutes({ training, publish: (event) => events.publish(event) }),
      // The памятка from the attract screen: same printer and logo as tickets, the text of the config in effect.
      memoRoutes(createMemoPrinting({ printer, render: (memo) => encodeMemo(memo, profile.value, logo?.ok ? { logo: logo.value } : {}), config: () => live, metrics, logger: logger.child({ component: 'memo' }) })),
      identityRoutes({ readers: identityReaders, virtualCard, serviceGuard: serviceMode.guard }),
      serviceMode.routes,
      metricsRoutes(metrics),
      // «Позвать волонтёра»: logged, counted, and published for whoever listens (a desk display, a pager).
      assistanceRoutes({ events, metrics, logger: logger.child({ component: 'assistance' }), ...(options.now ? { now: options.now } : {}) }),
    ],
    health,
    logger,
  });
  let metricsListener: MetricsListener | null = null;
  const close = async () => {
    training.stop('shutdown');
    printerMonitor.stop();
    await metricsListener?.close();
    await virtualCard.close();
    await identityReaders.close();
    await server.close();
    journal.close();
    await printer.close();
    scheduler.close();
    await virtualPrinter?.close();
  };
  // Optional: /metrics and /healthz, read-only, for a Prometheus server on the clinic network.
  if (config.metrics.listen) {
    try {
      metricsListener = await startMetricsListener({ ...config.metrics.listen, metrics, health, logger: logger.child({ component: 'metrics' }) });
    } catch (cause) {
      await close();
      throw new StartupError(`metrics.listen: cannot listen on ${config.metrics.listen.host}:${config.metrics.listen.port}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }
  logger.info({ event: 'bridge-started', url: server.url, printer: printer.address, scheduler: config.scheduler.adapter }, 'kiosk bridge started');

  return {
    url: server.url,
    port: server.port,
    virtualPrinter,
    journal,
    metricsUrl: metricsListener?.url ?? null,
    reloadConfig: () => serviceMode.reloadConfig(),
    close,
  };
}
