// Composition root of the bridge: the one place that turns a validated config
// into real (or virtual) devices, the scheduler adapter, and the HTTP server.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { KioskConfig } from '../config/kiosk-config-schema';
import { bookingRoutes } from './api/booking-routes';
import { createEventHub } from './api/event-hub';
import { startBridgeServer } from './api/server';
import { createBookingService } from './booking/booking-service';
import { healthReport } from './health/health-report';
import { startPrinterMonitor } from './health/printer-monitor';
import { createEscPosPrinter } from './printer/escpos-printer';
import { loadPrinterProfile } from './printer/printer-profile';
import { createTcpTransport } from './printer/tcp-transport';
import { encodeTicket } from './printer/ticket-layout';
import { startVirtualPrinter, type VirtualPrinter } from './printer/virtual-printer';
import { formatClinicDefinitionIssues, loadClinicDefinition } from './scheduler/embedded/clinic-definition';
import { openEmbeddedScheduler } from './scheduler/embedded/embedded-scheduler';
import { BRIDGE_VERSION } from './version';

/** A bridge-owned session the UI never ended is forgotten after this long. */
const SESSION_TTL_MS = 15 * 60 * 1000;

export interface RunningKiosk {
  readonly url: string;
  readonly port: number;
  /** Present when the config asked for `virtual://`: the emulated network printer the bridge prints to. */
  readonly virtualPrinter: VirtualPrinter | null;
  close(): Promise<void>;
}

export interface StartKioskOptions {
  readonly logger: Logger;
  /** Root for relative paths in the config (database, clinic file, printer output). */
  readonly baseDir: string;
  readonly uiDir: string;
  readonly now?: () => Date;
}

export class StartupError extends Error {}

export async function startKiosk(config: KioskConfig, options: StartKioskOptions): Promise<RunningKiosk> {
  const { logger } = options;
  const path = (p: string) => resolve(options.baseDir, p);

  const profile = loadPrinterProfile(config.printer.model);
  if (!profile.ok) throw new StartupError(`printer.model: ${profile.error}`);

  const clinic = loadClinicDefinition(path(config.scheduler.clinicFile));
  if (!clinic.ok) throw new StartupError(`scheduler.clinicFile (${config.scheduler.clinicFile}):\n${formatClinicDefinitionIssues(clinic.error)}`);

  // `virtual://` is an emulated network printer on loopback: the bridge still
  // prints over a real TCP socket, exactly as to a printer on tcp://host:9100.
  let virtualPrinter: VirtualPrinter | null = null;
  let printerUrl = new URL(config.printer.url);
  if (printerUrl.protocol === 'virtual:') {
    virtualPrinter = await startVirtualPrinter({
      host: config.virtualPrinter.host,
      port: config.virtualPrinter.port,
      outputDir: path(config.virtualPrinter.outputDir),
      logger: logger.child({ component: 'virtual-printer' }),
    });
    printerUrl = new URL(`tcp://${config.virtualPrinter.host}:${virtualPrinter.port}`);
  }
  if (printerUrl.protocol !== 'tcp:') {
    await virtualPrinter?.close();
    throw new StartupError(`printer.url: ${printerUrl.protocol}// printers are not supported yet; use tcp://host:9100 or virtual://`);
  }
  const printer = createEscPosPrinter({
    transport: createTcpTransport(printerUrl),
    profile: profile.value,
    logger: logger.child({ component: 'printer' }),
  });

  const dbPath = path(config.scheduler.database);
  mkdirSync(dirname(dbPath), { recursive: true });
  const scheduler = openEmbeddedScheduler({
    dbPath,
    clinic: clinic.value,
    timeZone: config.clinic.timeZone,
    horizonDays: config.booking.horizonDays,
    ...(options.now ? { now: options.now } : {}),
  });

  const events = createEventHub();
  const printerMonitor = startPrinterMonitor(printer);
  printerMonitor.onChange((status) => events.publish({ type: 'printer-status', status }));
  const booking = createBookingService({
    scheduler,
    printer,
    renderTicket: (ticket) => encodeTicket(ticket, profile.value),
    clinic: config.clinic,
    kioskId: config.kioskId,
    horizonDays: config.booking.horizonDays,
    holdSeconds: config.booking.holdSeconds,
    sessionTtlMs: SESSION_TTL_MS,
    logger: logger.child({ component: 'booking' }),
    ...(options.now ? { now: options.now } : {}),
  });

  const server = await startBridgeServer({
    host: config.bridge.host,
    port: config.bridge.port,
    uiDir: options.uiDir,
    kioskInfo: {
      kioskId: config.kioskId,
      version: BRIDGE_VERSION,
      clinic: { name: config.clinic.name, address: config.clinic.address, phone: config.clinic.phone, timeZone: config.clinic.timeZone },
      session: config.session,
    },
    events,
    routes: [bookingRoutes(booking, printerMonitor)],
    health: () =>
      healthReport({ kioskId: config.kioskId, version: BRIDGE_VERSION, scheduler, printerMonitor, printerAddress: printer.address }),
    logger,
  });
  logger.info({ event: 'bridge-started', url: server.url, printer: printer.address, scheduler: 'embedded' }, 'kiosk bridge started');

  return {
    url: server.url,
    port: server.port,
    virtualPrinter,
    async close() {
      printerMonitor.stop();
      await server.close();
      await printer.close();
      scheduler.close();
      await virtualPrinter?.close();
    },
  };
}
