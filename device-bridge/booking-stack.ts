// The booking stack: a booking service and the ticket printer that prints its
// tickets into a journal, over one scheduler. The composition root (main.ts)
// builds it the same way twice: once for patients (the configured scheduler,
// the print journal on disk) and once per training period (the demo clinic in
// memory, an in-memory journal, tickets marked «ОБРАЗЕЦ», training counters;
// training/training-sandbox.ts).
import type { Logger } from 'pino';
import type { KioskConfig } from '../config/kiosk-config-schema';
import { createBookingService, type BookingService } from './booking/booking-service';
import { withReadAhead } from './booking/read-ahead';
import type { ReadAheadSettings } from './scheduler/prefetch/read-ahead-settings';
import type { PrintJournal } from './journal/print-journal';
import type { BookingMetrics } from './metrics/kiosk-metrics';
import type { Printer } from './printer/printer-port';
import { createTicketPrinter, type PaperRender, type TicketPrinter } from './printer/ticket-printer';
import type { Scheduler } from './scheduler/scheduler-port';

/** A bridge-owned session the UI never ended is forgotten after this long. */
const SESSION_TTL_MS = 15 * 60 * 1000;

export interface BookingStack {
  readonly booking: BookingService;
  readonly tickets: TicketPrinter;
}

export interface BookingStackOptions {
  readonly scheduler: Scheduler;
  readonly journal: PrintJournal;
  readonly printer: Pick<Printer, 'print'>;
  readonly render: PaperRender;
  /** The config the kiosk started with: time zone, booking horizon and rules, kiosk id (a change needs a restart). */
  readonly startConfig: KioskConfig;
  /** The config in effect (config reloads): the clinic's contacts, the hold time, the памятка. */
  readonly live: () => KioskConfig;
  /**
   * A training period's stack: tickets show the clinic's name as it was when
   * training started and nothing else of it, and are marked as samples.
   */
  readonly training?: boolean;
  readonly metrics: BookingMetrics;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Read ahead of the patient (booking/read-ahead.ts): for a slow backend; absent = off. */
  readonly readAhead?: { readonly settings: ReadAheadSettings; readonly onRead?: (outcome: 'hit' | 'shared' | 'miss') => void };
}

export function openBookingStack(options: BookingStackOptions): BookingStack {
  const { startConfig, live, training = false } = options;
  const timeZone = startConfig.clinic.timeZone;
  const trainingName = live().clinic.name;
  const trainingHoldSeconds = live().booking.holdSeconds;
  const service = createBookingService({
    scheduler: options.scheduler,
    // Read at each ticket and hold, so a config reload changes them live (a training period keeps its own).
    clinic: training
      ? { name: trainingName, address: '', phone: '', timeZone }
      : {
          get name() { return live().clinic.name; },
          get address() { return live().clinic.address; },
          get phone() { return live().clinic.phone; },
          timeZone,
        },
    kioskId: startConfig.kioskId,
    horizonDays: startConfig.booking.horizonDays,
    get holdSeconds() { return training ? trainingHoldSeconds : live().booking.holdSeconds; },
    policy: startConfig.booking,
    sessionTtlMs: SESSION_TTL_MS,
    logger: options.logger,
    metrics: options.metrics,
    now: options.now,
    // The training sandbox's demo clinic identifies by the number alone.
    askBirthDate: () => !training && live().identification.askBirthDate,
  });
  const booking = options.readAhead
    ? withReadAhead(service, { ...options.readAhead, logger: options.logger.child({ component: 'read-ahead' }) })
    : service;
  const render: PaperRender = training
    ? { ...options.render, ticket: (ticket) => options.render.ticket({ ...ticket, training: true, clinicName: trainingName, clinicAddress: '', clinicPhone: '' }) }
    : options.render;
  const tickets = createTicketPrinter({
    printer: options.printer,
    render,
    journal: options.journal,
    config: live,
    metrics: options.metrics,
    logger: options.logger,
    now: options.now,
  });
  return { booking, tickets };
}
