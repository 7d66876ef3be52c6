// Composition root of the bridge: the one place that turns a validated config
// into real (or virtual) devices, the scheduler adapter, and the HTTP server.
// One clock (`now`), one config in effect (`live`, replaced by a reload), one
// booking stack recipe for patients and training (booking-stack.ts), and one
// cleanup stack that closes everything opened, newest first (cleanup-stack.ts).
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
import { createRateLimiter, DEFAULT_RATE_LIMITS, type MonotonicClock, type RateLimits } from './api/rate-limit';
import { startBridgeServer } from './api/server';
import { openBookingStack, type BookingStack } from './booking-stack';
import { createCleanupStack } from './cleanup-stack';
import type { ConfigProblem } from './config-loader';
import { createHealthCache } from './health/health-cache';
import { healthReport } from './health/health-report';
import { startPrinterMonitor } from './health/printer-monitor';
import { openPrintJournal, type PrintJournal } from './journal/print-journal';
import type { PaperRender } from './printer/ticket-printer';
import { encodeMemo } from './printer/layout/memo-layout';
import { createEscPosPrinter } from './printer/driver/escpos-printer';
import { loadPrinterProfile } from './printer/driver/printer-profile';
import { startIdentityReaders } from './readers/identity-readers';
import { createVirtualCardController } from './readers/virtual-card-controller';
import { loadLogo } from './printer/driver/raster';
import { encodeTicket } from './printer/layout/ticket-layout';
import { createTransport } from './printer/transport/transport-factory';
import { startVirtualPrinter, type VirtualPrinter } from './printer/emulator/virtual-printer';
import { formatClinicDefinitionIssues, loadClinicDefinition } from './scheduler/embedded/clinic-definition';
import { openScheduler } from './scheduler/open-scheduler';
import type { Scheduler } from './scheduler/scheduler-port';
import { instrumentScheduler } from './metrics/instrumented-scheduler';
import { backendCallCounter, prefetchReadCounter } from './metrics/backend-calls';
import { readAheadSettingsOf } from './scheduler/prefetch/read-ahead-settings';
import { createKioskMetrics } from './metrics/kiosk-metrics';
import { createCheckInMetrics } from './metrics/check-in-metrics';
import { checkInSecret } from './check-in/check-in-secret';
import { checkInRoutes } from './api/check-in-routes';
import { metricsRoutes, startMetricsListener, type MetricsListener } from './metrics/metrics-routes';
import type { Result } from './contract/result';
import type { ConfigReloadReport } from './service/config-reload';
import { recentLogOf } from './service/log-privacy';
import { createServiceMode } from './service/service-mode';
import { createEspeakSynth } from './speech/espeak-synth';
import { speechRoutes } from './speech/speech-routes';
import { createSpeechService } from './speech/speech-service';
import type { KioskInfo } from './contract';
import { createTrainingMode } from './training/training-mode';
import { openTrainingSandbox } from './training/training-sandbox';
import { BRIDGE_VERSION } from './version';
import { openOutbox } from './outbox/outbox';
import { registerOutboxMetrics } from './outbox/outbox-metrics';
import { outboxRoutes } from './outbox/outbox-routes';

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
  /** Session creation and volunteer calls per bridge (default api/rate-limit.ts DEFAULT_RATE_LIMITS). */
  readonly rateLimits?: RateLimits;
  /** The rate limiters' monotonic clock in ms (default performance.now; tests step a fake one). */
  readonly monotonicClock?: MonotonicClock;
  /** The speech engine's program (default `espeak-ng` from PATH); tests name a missing or crashing one. */
  readonly speechCommand?: string;
}

export class StartupError extends Error {}

export async function startKiosk(config: KioskConfig, options: StartKioskOptions): Promise<RunningKiosk> {
  const { logger } = options;
  const path = (p: string) => resolve(options.baseDir, p);
  const now = options.now ?? (() => new Date());
  const cleanup = createCleanupStack();
  /** Closes what was opened so far, then refuses to start. */
  const fail = async (message: string): Promise<never> => {
    await cleanup.close();
    throw new StartupError(message);
  };

  // The config in effect: a reload replaces it with live changes applied (service/config-reload.ts).
  let live = config;
  const current = () => live;
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
    const emulator = await startVirtualPrinter({
      host: config.virtualPrinter.host,
      port: config.virtualPrinter.port,
      outputDir: path(config.virtualPrinter.outputDir),
      keepTickets: config.virtualPrinter.keepTickets,
      profile: profile.value,
      logger: logger.child({ component: 'virtual-printer' }),
    });
    virtualPrinter = emulator;
    cleanup.defer(() => emulator.close());
    printerUrl = emulator.address;
  }
  const transport = createTransport(printerUrl);
  if (!transport.ok) return fail(`printer.url: ${transport.error}`);
  const printer = createEscPosPrinter({
    transport: transport.value,
    profile: profile.value,
    logger: logger.child({ component: 'printer' }),
  });
  cleanup.defer(() => printer.close());
  // A logo that cannot be read is logged and left off: tickets still print.
  const logo = config.printer.logo ? loadLogo(path(config.printer.logo), profile.value) : null;
  if (logo && !logo.ok) logger.warn({ event: 'printer-logo-unreadable', reason: logo.error }, 'printer.logo ignored');
  const layout = logo?.ok ? { logo: logo.value } : {};
  // Tickets and the памятка: same printer, same logo.
  const render: PaperRender = {
    ticket: (ticket) => encodeTicket(ticket, profile.value, layout),
    memo: (memo) => encodeMemo(memo, profile.value, layout),
  };

  const dbPath = path(config.scheduler.database);
  mkdirSync(dirname(dbPath), { recursive: true });
  // The print journal lives next to the scheduler's database unless the config names a file.
  const journalFile = config.printer.journal ? path(config.printer.journal) : join(dirname(dbPath), 'print-journal.sqlite');
  let journal: PrintJournal;
  try {
    journal = openPrintJournal({ file: journalFile, logger: logger.child({ component: 'journal' }), now });
  } catch (cause) {
    return fail(`printer.journal (${journalFile}): cannot open the print journal: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  cleanup.defer(() => journal.close());
  // The configured adapter (embedded SQLite or FHIR R4) behind timeouts, a circuit breaker and a reference-data cache.
  const opened = openScheduler(config, { baseDir: options.baseDir, clinic: clinic.value, logger, now, onBackendCall: backendCallCounter(metrics.registry) });
  if (!opened.ok) return fail(opened.error);
  // Every call timed and its failures counted for /metrics, answers unchanged.
  const scheduler = instrumentScheduler(opened.value, metrics.schedulerCall);
  cleanup.defer(() => scheduler.close());

  // «Оставить заявку»: requests kept on disk until the waiting list takes them (outbox/). A broken file does not
  // stop the kiosk: the outbox refuses requests and says so in /healthz and service mode.
  const outboxFile = config.outbox.file ? path(config.outbox.file) : join(dirname(dbPath), 'outbox.sqlite');
  const outbox = openOutbox({
    file: outboxFile,
    scheduler,
    settings: () => live.outbox,
    now,
    logger: logger.child({ component: 'outbox' }),
    onOutcome: registerOutboxMetrics(metrics.registry, () => outbox.counts(), now),
  });
  cleanup.defer(() => outbox.close());
  outbox.start(Math.min(5000, Math.max(50, config.outbox.retryBaseSeconds * 1000)));

  const events = createEventHub();
  const printerMonitor = startPrinterMonitor(printer);
  cleanup.defer(() => printerMonitor.stop());
  printerMonitor.onChange((status) => events.publish({ type: 'printer-status', status }));
  printerMonitor.onChange((status) => metrics.printerStatus(status));
  const readAhead = readAheadSettingsOf(config.scheduler);
  const prefetchReads = prefetchReadCounter(metrics.registry);
  // The key of the tickets' check-in QR: the clinic's (checkIn.secretEnv / secretFile) or this kiosk's own file.
  const checkInKey = checkInSecret(config.checkIn, { baseDir: options.baseDir, kioskKeyFile: join(dirname(dbPath), 'ticket-qr.key') });
  if (!checkInKey.ok) logger.error({ event: 'check-in-secret-unreadable', reason: checkInKey.error }, 'tickets print without a check-in QR');
  const checkInMetrics = createCheckInMetrics(metrics.registry);
  // One recipe for the booking stack, for patients and for each training period.
  const bookingStack = (parts: { readonly scheduler: Scheduler; readonly journal: PrintJournal }, mode: 'patient' | 'training'): BookingStack =>
    openBookingStack({
      ...parts,
      printer,
      render,
      startConfig: config,
      live: current,
      training: mode === 'training',
      metrics: mode === 'training' ? metrics.forMode('training') : metrics,
      checkInSecret: checkInKey.ok ? checkInKey.value.secret : null,
      checkInMetrics: checkInMetrics.forMode(mode),
      logger: logger.child({ component: mode === 'training' ? 'training' : 'booking' }),
      now,
      // Reading ahead hides a slow backend (scheduler.prefetch); the training sandbox is in memory and needs none.
      ...(mode === 'patient' && readAhead ? { readAhead: { settings: readAhead, onRead: prefetchReads } } : {}),
    });
  const real = bookingStack({ scheduler, journal }, 'patient');
  // Closed before the scheduler (newest first): the slots patients held go back now, not in holdSeconds.
  cleanup.defer(() => real.booking.releaseHolds());
  // Training mode: while on, every booking call goes to a throwaway sandbox of the demo clinic (training/).
  const training = createTrainingMode({
    openSandbox: () =>
      openTrainingSandbox({
        clinicFile: path(live.training.clinicFile),
        timeZone: config.clinic.timeZone,
        horizonDays: config.booking.horizonDays,
        adultAge: config.booking.adultAge,
        openStack: (parts) => bookingStack(parts, 'training'),
        now,
      }),
    idleSeconds: () => live.training.idleSeconds,
    onChange: () => events.publish({ type: 'kiosk-info', kiosk: kioskInfo() }),
    onPeriod: (event) => metrics.trainingPeriod(event),
    now,
    logger: logger.child({ component: 'training' }),
  });
  cleanup.defer(() => training.stop('shutdown'));
  /** The booking stack in effect: the training sandbox's while training is on. */
  const activeStack = () => training.stack() ?? real;
  // Card reader and scanners: a read starts the session here and reaches the UI as an `identified` event.
  const identityReaders = await startIdentityReaders({
    cardReader: config.cardReader,
    scanners: config.scanners,
    startSession: (policyNumber, channel, birthDate, holder) => activeStack().booking.startSession(policyNumber, channel, birthDate, holder),
    publish: (event) => events.publish(event),
    // Not a child with a `component`: each reader names its own, and pino would print the key twice.
    logger,
  });
  cleanup.defer(() => identityReaders.close());
  const virtualCard = createVirtualCardController({
    cardReader: config.cardReader,
    findPatient: (policyNumber) => scheduler.findPatientByPolicy(policyNumber),
    logger: logger.child({ component: 'virtual-card' }),
  });
  cleanup.defer(() => virtualCard.close());

  // Speech output for patients who cannot see the screen (speech/): espeak-ng per prompt, a cache of what it said.
  const speech = createSpeechService({
    config: () => live.speech,
    synth: createEspeakSynth(options.speechCommand ? { command: options.speechCommand } : {}),
    logger: logger.child({ component: 'speech' }),
  });

  const kioskInfo = (): KioskInfo => ({
    kioskId: live.kioskId,
    version: BRIDGE_VERSION,
    clinic: { name: live.clinic.name, address: live.clinic.address, phone: live.clinic.phone, timeZone: live.clinic.timeZone },
    session: { ...live.session, holdSeconds: live.booking.holdSeconds },
    minTouchPx: Math.round((20 / 25.4) * live.screen.dpi),
    training: (() => {
      const state = training.state();
      return state.active ? { active: true, demoPatients: state.demoPatients } : { active: false, demoPatients: [] };
    })(),
    memoEnabled: live.memo.enabled,
    assistance: { where: { ru: live.assistance.where.ru, en: live.assistance.where.en ?? null }, callSignal: live.assistance.callSignal },
    speech: { enabled: live.speech.enabled },
    identification: { needsBirthDate: activeStack().booking.needsBirthDate() },
  });
  // Service mode: PIN and lockout, status, test print, journal, faults, config reload (service/).
  const serviceMode = createServiceMode({
    config,
    // Next to the scheduler's database, like the print journal: a restart gives no fresh PIN guesses.
    lockoutFile: join(dirname(dbPath), 'service-lockout.json'),
    configFiles: options.configFiles ?? [],
    ...(options.loadConfig ? { loadConfig: options.loadConfig } : {}),
    onConfigApplied: (next) => {
      live = next;
      events.publish({ type: 'kiosk-info', kiosk: kioskInfo() });
    },
    baseDir: options.baseDir,
    env: options.env ?? process.env,
    now,
    version: BRIDGE_VERSION,
    printer,
    printerMonitor,
    // Test tickets and reprints always go to the real printer and journal, training or not.
    tickets: real.tickets,
    journal,
    virtualPrinter,
    readers: identityReaders,
    scheduler,
    activeSessions: () => real.booking.activeSessionCount(),
    recentLog: recentLogOf(logger),
    metrics,
    speech: () => speech.status(),
    logger: logger.child({ component: 'service' }),
    onVolunteerPin: () => training.toggle(),
    trainingState: () => {
      const state = training.state();
      return state.active ? { active: true, since: state.since } : { active: false, since: null };
    },
    outbox: () => outbox.report(),
  });
  // /healthz answers at once from the last known state when a probe hangs (device-bridge/health/health-cache.ts).
  const healthCache = createHealthCache({
    probe: () => healthReport({ kioskId: config.kioskId, version: BRIDGE_VERSION, scheduler, printerMonitor, printerAddress: printer.address, readers: () => identityReaders.status(), speech: () => speech.status(), outbox: () => outbox.health() }),
    kiosk: () => ({ kioskId: config.kioskId, version: BRIDGE_VERSION }),
  });
  const health = () => healthCache.report();

  const rateLimits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  const server = await startBridgeServer({
    host: config.bridge.host,
    port: config.bridge.port,
    uiDir: options.uiDir,
    kioskInfo,
    events,
    routes: [
      bookingRoutes(activeStack, printerMonitor, createRateLimiter(rateLimits.sessions, options.monotonicClock)),
      checkInRoutes(activeStack),
      trainingRoutes({ training, publish: (event) => events.publish(event) }),
      // The памятка from the attract screen: the real ticket printer, the text of the config in effect.
      memoRoutes(real.tickets),
      speechRoutes(speech),
      identityRoutes({ readers: identityReaders, virtualCard, serviceGuard: serviceMode.guard }),
      serviceMode.routes,
      metricsRoutes(metrics),
      outboxRoutes({
        outbox,
        scheduler,
        fallbackSpecialties: () => clinic.value.departments.flatMap((d) => d.specialties.map((s) => ({ code: s.code, name: s.name }))),
        booking: () => real.booking,
        tickets: real.tickets,
        training: () => training.state().active,
        clinic: () => live.clinic,
        now,
        serviceGuard: serviceMode.guard,
      }),
      // «Позвать волонтёра»: logged, counted, and published for whoever listens (a desk display, a pager).
      assistanceRoutes({
        events,
        metrics,
        logger: logger.child({ component: 'assistance' }),
        now,
        limiter: createRateLimiter(rateLimits.assistanceCalls, options.monotonicClock),
      }),
    ],
    health,
    logger,
  });
  cleanup.defer(() => server.close());
  let metricsListener: MetricsListener | null = null;
  // Optional: /metrics and /healthz, read-only, for a Prometheus server on the clinic network.
  if (config.metrics.listen) {
    try {
      metricsListener = await startMetricsListener({ ...config.metrics.listen, metrics, health, logger: logger.child({ component: 'metrics' }) });
    } catch (cause) {
      return fail(`metrics.listen: cannot listen on ${config.metrics.listen.host}:${config.metrics.listen.port}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
    const listener = metricsListener;
    cleanup.defer(() => listener.close());
  }
  logger.info({ event: 'bridge-started', url: server.url, printer: printer.address, scheduler: config.scheduler.adapter }, 'kiosk bridge started');

  return {
    url: server.url,
    port: server.port,
    virtualPrinter,
    journal,
    metricsUrl: metricsListener?.url ?? null,
    reloadConfig: () => serviceMode.reloadConfig(),
    close: () => cleanup.close(),
  };
}
