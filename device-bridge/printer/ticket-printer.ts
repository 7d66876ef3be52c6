// The one ticket printer: every piece of paper the kiosk prints goes through
// here, a patient's ticket, its reprint, the service mode's test ticket and
// the памятка. Its promise (DESIGN.md, "Never claim a ticket that did not
// print") is kept in one place:
// - a patient's ticket is recorded in the print journal (journal/print-journal.ts)
//   when it is booked, before the confirm is answered (`journalBooking`), and
//   each print's outcome after, so a crash right after "booked" or mid-print
//   still leaves it there for reprint;
// - the printer itself checks its status before sending and calls a job
//   printed only after the cut (driver/escpos-printer.ts);
// - the printer's outcome becomes the one PrintResult the UI sees, is logged
//   without anything personal, and is counted for /metrics.
// The booking service only knows which ticket a session may print; the print
// route asks this module to print it (api/booking-routes.ts).
import type { Logger } from 'pino';
import type { KioskConfig } from '../../config/kiosk-config-schema';
import { formatLocalDate, toLocalDateTime } from '../domain/clinic-clock';
import type { JournalAttemptKind, JournalEntry, JournalError, PrintJournal } from '../journal/print-journal';
import type { BookingMetrics, PrintKind } from '../metrics/kiosk-metrics';
import { err, ok, type Result } from '../contract/result';
import { memoFor, type MemoData, type MemoLanguage } from './layout/memo-data';
import { SAMPLE_TICKET } from './layout/sample-ticket';
import type { TicketData } from '../contract/ticket';
import type { Printer } from './printer-port';
import type { MemoDisabled } from '../contract/memo';
import type { PrintResult } from '../contract/printer';


/** Data → this printer model's bytes, with the profile and the logo bound (layout/ticket-layout.ts, layout/memo-layout.ts). */
export interface PaperRender {
  ticket(ticket: TicketData): Uint8Array;
  memo(memo: MemoData): Uint8Array;
}

export interface TicketPrinter {
  /** Records a just-booked appointment's ticket (outcome `pending`) before the confirm is answered; again is a no-op. */
  journalBooking(ticket: TicketData, appointmentId: string): void;
  /** A booked appointment's ticket: journaled, printed, outcome journaled. Printing it again counts as a reprint. */
  printTicket(ticket: TicketData, appointmentId: string): Promise<PrintResult>;
  /** A journal entry's ticket again (service mode), recorded as a reprint attempt. */
  reprint(entryId: number): Promise<Result<{ readonly entry: JournalEntry; readonly print: PrintResult }, JournalError>>;
  /** The sample ticket, marked «ОБРАЗЕЦ — НЕ ДЕЙСТВИТЕЛЕН», with this kiosk's header and id so IT sees what patients get. */
  testTicket(): Promise<PrintResult>;
  /** The памятка in the patient's language, from the config in effect. Not journaled: a memo is no ticket. */
  memo(language: MemoLanguage): Promise<Result<PrintResult, MemoDisabled>>;
  /** «Заявка принята» (outbox/request-slip.ts): laid out as a memo, surname + initials at most. Not journaled: no booking behind it. */
  requestSlip(slip: MemoData): Promise<PrintResult>;
}

export interface TicketPrinterOptions {
  readonly printer: Pick<Printer, 'print'>;
  readonly render: PaperRender;
  readonly journal: Pick<PrintJournal, 'record' | 'markOutcome' | 'findByAppointment' | 'get'>;
  /** The config in effect, read at every print: a config reload changes the header, the memo text and the phone at once. */
  readonly config: () => Pick<KioskConfig, 'memo' | 'clinic' | 'kioskId'>;
  /** Counters for /metrics: codes only, never personal data. */
  readonly metrics?: Pick<BookingMetrics, 'ticketPrinted'>;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** The printer's outcome as the contract's PrintResult: the one mapping, so nothing else of the printer leaks to the UI. */
export const printResultOf = (outcome: PrintResult): PrintResult =>
  outcome.outcome === 'printed' ? { outcome: 'printed' } : { outcome: 'failed', status: outcome.status };

const failureFields = (result: PrintResult) => (result.outcome === 'failed' ? { printerState: result.status.state } : {});

export function createTicketPrinter(options: TicketPrinterOptions): TicketPrinter {
  const { printer, render, journal, logger } = options;

  async function send(bytes: Uint8Array, kind: PrintKind): Promise<PrintResult> {
    const result = printResultOf(await printer.print(bytes));
    options.metrics?.ticketPrinted(kind, result);
    return result;
  }

  /** Sends a journal entry's ticket and records the attempt, whatever its outcome. */
  async function printEntry(entryId: number, ticket: TicketData, attempt: JournalAttemptKind): Promise<{ readonly print: PrintResult; readonly entry: Result<JournalEntry, JournalError> }> {
    const print = await send(render.ticket(ticket), attempt === 'reprint' ? 'reprint' : 'ticket');
    return { print, entry: journal.markOutcome(entryId, print, attempt) };
  }

  return {
    journalBooking(ticket, appointmentId) {
      journal.record(ticket, appointmentId);
    },

    async printTicket(ticket, appointmentId) {
      // Journal first (normally done at the booking already): a crash or power cut mid-print still leaves the ticket on record.
      const attempt: JournalAttemptKind = (journal.findByAppointment(appointmentId)?.attempts.length ?? 0) > 0 ? 'reprint' : 'print';
      const entryId = journal.record(ticket, appointmentId);
      const { print } = await printEntry(entryId, ticket, attempt);
      logger.info({ event: 'ticket-print', bookingNumber: ticket.bookingNumber, outcome: print.outcome, ...failureFields(print) }, 'ticket print finished');
      return print;
    },

    async reprint(entryId) {
      const entry = journal.get(entryId);
      if (!entry) return err({ kind: 'journal-entry-not-found', entryId });
      const printed = await printEntry(entryId, entry.ticket, 'reprint');
      if (!printed.entry.ok) return printed.entry;
      return ok({ entry: printed.entry.value, print: printed.print });
    },

    async testTicket() {
      const config = options.config();
      const at = toLocalDateTime(options.now(), config.clinic.timeZone);
      const ticket: TicketData = {
        ...SAMPLE_TICKET,
        training: true,
        clinicName: config.clinic.name,
        clinicAddress: config.clinic.address,
        clinicPhone: config.clinic.phone,
        kioskId: config.kioskId,
        printedAt: `${formatLocalDate(at.slice(0, 10))} ${at.slice(11, 16)}`,
      };
      return send(render.ticket(ticket), 'test');
    },

    async memo(language) {
      const { memo, clinic } = options.config();
      if (!memo.enabled) return err({ kind: 'memo-disabled' });
      const data = memoFor(memo.content[language], { clinicName: clinic.name, clinicAddress: clinic.address, clinicPhone: clinic.phone });
      const print = await send(render.memo(data), 'memo');
      // Nothing personal: a memo is printed before anyone identified.
      logger.info({ event: 'memo-print', language, outcome: print.outcome, ...failureFields(print) }, 'memo print finished');
      return ok(print);
    },
    async requestSlip(slip) {
      const print = await send(render.memo(slip), 'request-slip');
      logger.info({ event: 'request-slip-print', outcome: print.outcome, ...failureFields(print) }, 'request slip print finished');
      return print;
    },
  };
}
