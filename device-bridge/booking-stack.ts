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
import { createCheckInService, type CheckInMetrics, type CheckInService } from './check-in/check-in-service';
import { ticketCode, type TicketCodeKey } from './check-in/ticket-code';

/** A bridge-owned session the UI never ended is forgotten after this long. */
const SESSION_TTL_MS = 15 * 60 * 1000;

export interface BookingStack {
  readonly booking: BookingService;
  readonly tickets: TicketPrinter;
  /** Check-in on arrival, over the same scheduler and sessions (check-in/check-in-service.ts). */
  readonly checkIn: CheckInService;
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
  /** The secret that signs the check-in code in each ticket's QR (check-in/check-in-secret.ts); null: tickets carry no QR. */
  readonly checkInSecret: string | null;
  readonly checkInMetrics?: CheckInMetrics;
}

export function openBookingStack(options: BookingStackOptions): BookingStack {
  const { startConfig, live, training = false } = options;
  const timeZone = startConfig.clinic.timeZone;
  const trainingName = live().clinic.name;
  const trainingHoldSeconds = live().booking.holdSeconds;
  // The clinic's name (as configured now) tags the code: another clinic's ticket is told from a forged one.
  const checkInKey = (): TicketCodeKey | null =>
    options.checkInSecret === null || !live().checkIn.enabled ? null : { clinic: startConfig.clinic.name, secret: options.checkInSecret };
  const service = createBookingService({
    scheduler: options.scheduler,
    ticketCode: (number) => {
      const key = checkInKey();
      return key ? ticketCode(key, number) : null;
    },
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
  const checkIn = createCheckInService({
    scheduler: options.scheduler,
    sessionPatient: (sessionId) => booking.sessionPatient(sessionId),
    settings: () => live().checkIn,
    key: checkInKey,
    clinic: () => (training ? { name: trainingName, address: '', timeZone } : { name: live().clinic.name, address: live().clinic.address, timeZone }),
    printSlip: async (slip) => {
      const printed = await options.printer.print(render.memo(slip));
      options.metrics.ticketPrinted('memo', printed);
      return printed.outcome === 'printed' ? { outcome: 'printed' } : { outcome: 'failed', status: printed.status };
    },
    ...(options.checkInMetrics ? { metrics: options.checkInMetrics } : {}),
    logger: options.logger,
    now: options.now,
  });
  return { booking, tickets, checkIn };
}
