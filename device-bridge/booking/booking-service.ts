// The booking flow the kiosk offers, in front of whichever scheduler is
// configured: identify → list → hold → confirm → print. It owns the patient's
// session on the bridge side, so the UI never has to send the policy number
// again after the first identification, and forgets it when the session ends.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ApiError, Booked, HoldView, PrintResult, SessionStarted } from '../api/contract';
import { addDays, formatLocalDate, toLocalDateTime, weekdayNameRu } from '../domain/clinic-clock';
import { policyLast4 } from '../domain/oms-policy';
import type { Printer } from '../printer/printer-port';
import type { TicketData } from '../printer/ticket-data';
import { err, ok, type Result } from '../result';
import type { Patient, Scheduler, Slot, SpecialtyAvailability } from '../scheduler/scheduler-port';

export interface BookingServiceOptions {
  readonly scheduler: Scheduler;
  readonly printer: Printer;
  readonly renderTicket: (ticket: TicketData) => Uint8Array;
  readonly clinic: { readonly name: string; readonly address: string; readonly phone: string; readonly timeZone: string };
  readonly kioskId: string;
  readonly horizonDays: number;
  readonly holdSeconds: number;
  /** A session the UI forgot to end (power cut, crash) is dropped after this long without use. */
  readonly sessionTtlMs: number;
  readonly logger: Logger;
  readonly now?: () => Date;
}

interface PatientSession {
  readonly patient: Patient;
  lastUsed: number;
  readonly holds: Set<string>;
  readonly tickets: Map<string, TicketData>;
}

export type BookingService = ReturnType<typeof createBookingService>;

export function createBookingService(options: BookingServiceOptions) {
  const { scheduler, printer, logger } = options;
  const now = options.now ?? (() => new Date());
  const sessions = new Map<string, PatientSession>();

  function dropExpiredSessions(): void {
    const cutoff = now().getTime() - options.sessionTtlMs;
    for (const [id, session] of sessions) {
      if (session.lastUsed < cutoff) void endSession(id, 'expired');
    }
  }

  function touch(sessionId: string | undefined): Result<PatientSession, ApiError> {
    dropExpiredSessions();
    const session = sessionId ? sessions.get(sessionId) : undefined;
    if (!session) return err({ kind: 'session-expired' });
    session.lastUsed = now().getTime();
    return ok(session);
  }

  function bookingWindow(): { from: string; to: string } {
    const from = toLocalDateTime(now(), options.clinic.timeZone);
    // Today counts as the first day of the horizon; `to` is exclusive.
    return { from, to: `${addDays(from.slice(0, 10), options.horizonDays)}T00:00` };
  }

  async function startSession(policyNumber: string): Promise<Result<SessionStarted, ApiError>> {
    dropExpiredSessions();
    const found = await scheduler.findPatientByPolicy(policyNumber);
    if (!found.ok) {
      logger.info({ event: 'identify-failed', reason: found.error.kind }, 'patient not identified');
      return found;
    }
    const patient = found.value;
    const sessionId = randomUUID();
    sessions.set(sessionId, { patient, lastUsed: now().getTime(), holds: new Set(), tickets: new Map() });
    logger.info({ event: 'session-started' }, 'patient identified');
    return ok({
      sessionId,
      patient: {
        displayName: shortName(patient),
        birthYear: Number(patient.birthDate.slice(0, 4)),
        policyLast4: policyLast4(patient.policyNumber),
      },
    });
  }

  async function endSession(sessionId: string, reason: 'ended' | 'expired' = 'ended'): Promise<void> {
    const session = sessions.get(sessionId);
    if (!session) return;
    sessions.delete(sessionId);
    // A hold the patient walked away from goes back to the pool now, not in 5 minutes.
    for (const holdId of session.holds) await scheduler.releaseHold(holdId);
    logger.info({ event: 'session-ended', reason }, 'session ended');
  }

  async function listSpecialties(): Promise<Result<SpecialtyAvailability[], ApiError>> {
    return scheduler.listSpecialties(bookingWindow());
  }

  async function listSlots(specialtyCode: string): Promise<Result<Slot[], ApiError>> {
    return scheduler.listFreeSlots({ specialtyCode, ...bookingWindow() });
  }

  async function hold(sessionId: string | undefined, slotId: string): Promise<Result<HoldView, ApiError>> {
    const session = touch(sessionId);
    if (!session.ok) return session;
    const held = await scheduler.holdSlot(slotId, session.value.patient.id, options.holdSeconds);
    if (!held.ok) return held;
    // The scheduler replaces a patient's earlier hold; mirror that here.
    session.value.holds.clear();
    session.value.holds.add(held.value.id);
    return ok({ holdId: held.value.id, slot: held.value.slot, expiresAt: held.value.expiresAt });
  }

  async function book(sessionId: string | undefined, holdId: string, clientKey: string): Promise<Result<Booked, ApiError>> {
    const session = touch(sessionId);
    if (!session.ok) return session;
    const confirmed = await scheduler.confirmHold(holdId, clientKey);
    if (!confirmed.ok) return confirmed;
    const appointment = confirmed.value;
    session.value.holds.delete(holdId);
    const ticket = ticketFor(session.value.patient, appointment.slot, appointment.number);
    session.value.tickets.set(appointment.id, ticket);
    logger.info(
      { event: 'booked', bookingNumber: appointment.number, specialty: appointment.slot.specialty.code, channel: 'keypad' },
      'appointment booked',
    );
    return ok({ appointmentId: appointment.id, bookingNumber: appointment.number, slot: appointment.slot, ticket });
  }

  async function printTicket(sessionId: string | undefined, appointmentId: string): Promise<Result<PrintResult, ApiError>> {
    const session = touch(sessionId);
    if (!session.ok) return session;
    const ticket = session.value.tickets.get(appointmentId);
    if (!ticket) return err({ kind: 'appointment-not-found' });
    const outcome = await printer.print(options.renderTicket(ticket));
    logger.info(
      { event: 'ticket-print', bookingNumber: ticket.bookingNumber, outcome: outcome.outcome, ...(outcome.outcome === 'failed' ? { printerState: outcome.status.state } : {}) },
      'ticket print finished',
    );
    return ok(outcome);
  }

  function ticketFor(patient: Patient, slot: Slot, bookingNumber: string): TicketData {
    const date = slot.start.slice(0, 10);
    const printedAt = toLocalDateTime(now(), options.clinic.timeZone);
    return {
      clinicName: options.clinic.name,
      clinicAddress: options.clinic.address,
      clinicPhone: options.clinic.phone,
      specialty: slot.specialty.name,
      doctor: slot.doctor.fullName,
      room: slot.doctor.room,
      date: formatLocalDate(date),
      weekday: weekdayNameRu(date),
      time: slot.start.slice(11, 16),
      patient: shortName(patient),
      policyLast4: policyLast4(patient.policyNumber),
      bookingNumber,
      printedAt: `${formatLocalDate(printedAt.slice(0, 10))} ${printedAt.slice(11, 16)}`,
      kioskId: options.kioskId,
    };
  }

  return {
    startSession,
    endSession,
    listSpecialties,
    listSlots,
    hold,
    book,
    printTicket,
    /** For health and tests: how many patients the bridge currently holds in memory. */
    activeSessionCount: () => sessions.size,
  };
}

/** «Иванова Т. А.»: what a ticket and a screen may show of a name. */
export function shortName(patient: Pick<Patient, 'surname' | 'givenName' | 'patronymic'>): string {
  const initials = [patient.givenName, patient.patronymic]
    .filter((part) => part.length > 0)
    .map((part) => `${part[0]}.`)
    .join(' ');
  return initials ? `${patient.surname} ${initials}` : patient.surname;
}
