// The sandbox one training period books in: the demo clinic loaded into an
// in-memory embedded scheduler, a booking service of its own with training
// counters, and an in-memory print journal. Tickets come out marked «ОБРАЗЕЦ —
// НЕ ДЕЙСТВИТЕЛЕН» top and bottom, with the clinic's name and nothing else of it.
import type { Logger } from 'pino';
import type { BookingPolicySettings } from '../booking/booking-policy';
import { createBookingService, shortName } from '../booking/booking-service';
import { openPrintJournal } from '../journal/print-journal';
import type { BookingMetrics } from '../metrics/kiosk-metrics';
import type { Printer } from '../printer/printer-port';
import type { TicketData } from '../contract/ticket';
import { err, ok, type Result } from '../contract/result';
import { formatClinicDefinitionIssues, loadClinicDefinition } from '../scheduler/embedded/clinic-definition';
import { openEmbeddedScheduler } from '../scheduler/embedded/embedded-scheduler';
import type { TrainingSandbox } from './training-mode';

/** How many demo patients get an on-screen card button: enough to show the branches, few enough to read. */
const DEMO_CARDS = 4;

export interface TrainingSandboxOptions {
  /** The demo clinic file (absolute path). */
  readonly clinicFile: string;
  readonly printer: Printer;
  /** The real ticket renderer; the sandbox marks and strips what it is given. */
  readonly renderTicket: (ticket: TicketData) => Uint8Array;
  /** The real clinic's name (the only real detail on a training ticket) and time zone. */
  readonly clinic: () => { readonly name: string; readonly timeZone: string };
  readonly kioskId: string;
  readonly horizonDays: number;
  readonly holdSeconds: number;
  readonly policy: Partial<BookingPolicySettings>;
  readonly sessionTtlMs: number;
  readonly metrics: BookingMetrics;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export function openTrainingSandbox(options: TrainingSandboxOptions): Result<TrainingSandbox, string> {
  const clinic = loadClinicDefinition(options.clinicFile);
  if (!clinic.ok) return err(`training.clinicFile (${options.clinicFile}):\n${formatClinicDefinitionIssues(clinic.error)}`);
  const { name, timeZone } = options.clinic();
  const renderTicket = (ticket: TicketData): Uint8Array =>
    options.renderTicket({ ...ticket, training: true, clinicName: name, clinicAddress: '', clinicPhone: '' });
  const scheduler = openEmbeddedScheduler({
    dbPath: ':memory:',
    clinic: clinic.value,
    timeZone,
    horizonDays: options.horizonDays,
    ...(options.now ? { now: options.now } : {}),
  });
  const journal = openPrintJournal({ file: ':memory:', printer: options.printer, renderTicket, ...(options.now ? { now: options.now } : {}) });
  const booking = createBookingService({
    scheduler,
    printer: options.printer,
    renderTicket,
    journal,
    clinic: { name, address: '', phone: '', timeZone },
    kioskId: options.kioskId,
    horizonDays: options.horizonDays,
    holdSeconds: options.holdSeconds,
    policy: options.policy,
    sessionTtlMs: options.sessionTtlMs,
    logger: options.logger,
    metrics: options.metrics,
    ...(options.now ? { now: options.now } : {}),
  });
  const cards = clinic.value.patients.filter((p) => p.attached).slice(0, DEMO_CARDS);
  return ok({
    booking,
    demoPatients: cards.map((p) => ({ displayName: shortName(p) })),
    policyOf: (index) => cards[index]?.policyNumber ?? null,
    close() {
      journal.close();
      scheduler.close();
    },
  });
}
