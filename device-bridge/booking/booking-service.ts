// The booking flow the kiosk offers, in front of whichever scheduler is
// configured: identify → list → hold → confirm, plus the patient's
// appointments, cancelling one, and the waiting list. It does not print: it
// knows which tickets a session may print (`ticketOf`), and the print route
// hands them to the ticket printer (printer/ticket-printer.ts). Every booking rule is
// checked here by the booking policy (booking-policy.ts), whatever the
// backend enforces itself. It owns the patient's session on the bridge side, so
// the UI never has to send the policy number again after the first
// identification, and forgets it when the session ends.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ApiResult, Booked, HoldView, SessionStarted } from '../contract';
import { policyLast4 } from '../domain/oms-policy';
import type { TicketData } from '../contract/ticket';
import { invalidRequest } from '../contract/invalid-request';
import { err, ok } from '../contract/result';
import type {
  Appointment,
  ClinicDirectory,
  LocalDate,
  Patient,
  Scheduler,
  Slot,
  WaitingListEntry,
} from '../scheduler/scheduler-port';
import type { BookingMetrics, SessionEndReason } from '../metrics/kiosk-metrics';
import type { AppointmentView, SessionChannel, WaitingListBody } from '../contract';
import { maskedPhone, shortName, ticketFor } from './booking-ticket';
import { confirmReplay } from './confirm-replay';
import { DEFAULT_SESSION_CAPS, sessionsToEvict, type SessionCaps } from './session-caps';
import { createBookingPolicy, DEFAULT_BOOKING_POLICY, type BookingPolicySettings } from './booking-policy';
import { createBookingClock } from './booking-clock';
import { createAvailability } from './availability';

export interface BookingServiceOptions {
  readonly scheduler: Scheduler;
  readonly clinic: { readonly name: string; readonly address: string; readonly phone: string; readonly timeZone: string };
  readonly kioskId: string;
  readonly horizonDays: number;
  readonly holdSeconds: number;
  /** A session the UI forgot to end (power cut, crash) is dropped after this long without use. */
  readonly sessionTtlMs: number;
  readonly logger: Logger;
  /** Who may book what; the defaults are the Minzdrav recommendations (`horizonDays` above wins over the policy's). */
  readonly policy?: Partial<BookingPolicySettings>;
  readonly now?: () => Date;
  /** Counters for /metrics (metrics/kiosk-metrics.ts): codes only, never personal data. */
  readonly metrics?: BookingMetrics;
  /** Live sessions per patient and overall; the oldest are ended first (session-caps.ts). */
  readonly sessionCaps?: SessionCaps;
  /** Config `identification.askBirthDate`: ask for the birth date even where the scheduler does not need it (read at each identification). */
  readonly askBirthDate?: () => boolean;
  /** The check-in code of a booking number for the ticket's QR (check-in/ticket-code.ts); absent or null: no QR. */
  readonly ticketCode?: (bookingNumber: string) => string | null;
}

interface PatientSession {
  readonly patient: Patient;
  readonly channel: SessionChannel;
  lastUsed: number;
  readonly holds: Set<string>;
  readonly tickets: Map<string, TicketData>;
  /** clientKey → appointment id of every booking this session made (a retried confirm is not a second booking). */
  readonly booked: Map<string, string>;
}

export type BookingService = ReturnType<typeof createBookingService>;

export function createBookingService(options: BookingServiceOptions) {
  const { scheduler, logger } = options;
  const now = options.now ?? (() => new Date());
  const sessions = new Map<string, PatientSession>();
  const policy = createBookingPolicy({ ...DEFAULT_BOOKING_POLICY, ...options.policy, horizonDays: options.horizonDays });
  // The time zone is read at each call: a config reload changes it live.
  const clock = createBookingClock(policy, now, () => options.clinic.timeZone);
  const { nowLocal, today, earliestLocal, startsInMinutes } = clock;

  function dropExpiredSessions(): void {
    const cutoff = now().getTime() - options.sessionTtlMs;
    for (const [id, session] of sessions) {
      if (session.lastUsed < cutoff) void endSession(id, 'expired');
    }
  }

  function touch(sessionId: string | undefined): ApiResult<PatientSession> {
    dropExpiredSessions();
    const session = sessionId ? sessions.get(sessionId) : undefined;
    if (!session) return err({ kind: 'session-expired' });
    session.lastUsed = now().getTime();
    return ok(session);
  }

  /** Reads work without a session (clinic-wide rules only); with one, the patient's own rules apply. */
  function optionalSession(sessionId: string | undefined): ApiResult<PatientSession | null> {
    if (sessionId === undefined) return ok(null);
    return touch(sessionId);
  }

  async function directory(): Promise<ApiResult<ClinicDirectory>> {
    return scheduler.listDirectory();
  }

  async function upcoming(patient: Patient | null): Promise<ApiResult<Appointment[]>> {
    if (!patient) return ok([]);
    return scheduler.listAppointments(patient.id, { from: nowLocal() });
  }

  const availability = createAvailability({
    scheduler,
    policy,
    clock,
    directory,
    upcoming,
    sessionOf: (sessionId) => {
      const session = optionalSession(sessionId);
      if (!session.ok) return session;
      return ok(session.value && { patient: session.value.patient, bookedCount: session.value.booked.size });
    },
  });

  /** The patient is identified by the number and the birth date (contract/kiosk.ts `identification`). */
  function needsBirthDate(): boolean {
    return scheduler.needsBirthDate === true || options.askBirthDate?.() === true;
  }

  /**
   * `birthDate`: typed after the number, or read from a card or a paper policy's barcode. It reaches
   * the scheduler only when identification needs it: elsewhere a card whose birth date differs from
   * the registry's (records get corrected after issue) still identifies its owner.
   */
  async function startSession(
    policyNumber: string,
    channel: SessionChannel = 'keypad',
    birthDate?: LocalDate,
    holder?: Pick<Patient, 'surname' | 'givenName' | 'patronymic'>,
  ): Promise<ApiResult<SessionStarted>> {
    dropExpiredSessions();
    const needed = needsBirthDate();
    if (needed && birthDate === undefined) {
      logger.info({ event: 'identify-failed', reason: 'birth-date-missing', channel }, 'patient not identified');
      return err(invalidRequest('birthDate', 'this kiosk identifies patients by the policy number and the birth date: send birthDate (YYYY-MM-DD)'));
    }
    const found = await scheduler.findPatientByPolicy(policyNumber, needed ? birthDate : undefined);
    if (!found.ok) {
      logger.info({ event: 'identify-failed', reason: found.error.kind, channel }, 'patient not identified');
      return found;
    }
    // A hub that gives no name for a policy search (N3): a chip card's own name stands in for it, on «Это вы?» and the
    // ticket. A name the scheduler has always wins (the registry's spelling, corrected after the card was issued).
    const patient = found.value.surname.trim() === '' && holder && holder.surname.trim() !== '' ? { ...found.value, ...holder } : found.value;
    for (const id of sessionsToEvict(sessions, patient.id, options.sessionCaps ?? DEFAULT_SESSION_CAPS)) await endSession(id, 'evicted');
    const sessionId = randomUUID();
    sessions.set(sessionId, { patient, channel, lastUsed: now().getTime(), holds: new Set(), tickets: new Map(), booked: new Map() });
    logger.info({ event: 'session-started', channel }, 'patient identified');
    options.metrics?.sessionStarted(channel);
    return ok({
      sessionId,
      patient: {
        // No surname from the scheduler (an N3 hub's answer to a typed number): no name, never an invented one.
        displayName: patient.surname.trim() === '' ? null : shortName(patient),
        birthYear: Number(patient.birthDate.slice(0, 4)),
        policyLast4: policyLast4(patient.policyNumber),
      },
    });
  }

  async function endSession(sessionId: string, reason: SessionEndReason = 'unspecified'): Promise<void> {
    const session = sessions.get(sessionId);
    if (!session) return;
    sessions.delete(sessionId);
    // A hold the patient walked away from goes back to the pool now, not in 5 minutes.
    for (const holdId of session.holds) await scheduler.releaseHold(holdId);
    logger.info({ event: 'session-ended', reason }, 'session ended');
    options.metrics?.sessionEnded(reason);
  }


  async function hold(sessionId: string | undefined, slotId: string): Promise<ApiResult<HoldView>> {
    const session = touch(sessionId);
    if (!session.ok) return session;
    const { patient } = session.value;
    if (patient.attached === false) return err({ kind: 'not-attached' });
    const cap = policy.sessionCapRule(session.value.booked.size);
    if (cap) return err(cap);
    const [held, appointments] = await Promise.all([
      scheduler.holdSlot(slotId, patient.id, options.holdSeconds),
      scheduler.listAppointments(patient.id, { from: nowLocal() }),
    ]);
    if (!held.ok) return held;
    if (!appointments.ok) {
      await scheduler.releaseHold(held.value.id);
      return appointments;
    }
    // The rules are checked on what the scheduler says the slot is, whatever the backend enforces itself.
    const refusal = policy.checkSlot({
      patient,
      doctor: held.value.slot.doctor,
      start: held.value.slot.start,
      today: today(),
      appointments: appointments.value,
      bookedInSession: session.value.booked.size,
      earliest: earliestLocal(),
    });
    if (refusal) {
      await scheduler.releaseHold(held.value.id);
      logger.info({ event: 'hold-refused', specialty: held.value.slot.specialty.code, reason: refusal.kind === 'rejected-by-rule' ? refusal.rule : refusal.kind }, 'booking rule refused the slot');
      return err(refusal);
    }
    // One hold per session: a patient who picks another time lets the previous one go.
    for (const previous of session.value.holds) if (previous !== held.value.id) await scheduler.releaseHold(previous);
    session.value.holds.clear();
    session.value.holds.add(held.value.id);
    const startsIn = startsInMinutes(held.value.slot.start);
    return ok({ holdId: held.value.id, slot: held.value.slot, expiresAt: held.value.expiresAt, ...(startsIn === undefined ? {} : { startsInMinutes: startsIn }) });
  }

  async function book(sessionId: string | undefined, holdId: string, clientKey: string): Promise<ApiResult<Booked>> {
    const session = touch(sessionId);
    if (!session.ok) return session;
    let retry = session.value.booked.has(clientKey);
    // Only this session's own hold can be confirmed; a retried confirm (same key) is always answered,
    // also in a new session of the same patient after a restart (confirm-replay.ts).
    if (!retry && !session.value.holds.has(holdId)) {
      const replay = await confirmReplay(scheduler, session.value.patient, holdId, clientKey);
      if (!replay.ok) return replay;
      if (replay.value === null) return err({ kind: 'hold-not-found' });
      retry = true;
    }
    const cap = retry ? null : policy.sessionCapRule(session.value.booked.size);
    if (cap) return err(cap);
    const confirmed = await scheduler.confirmHold(holdId, clientKey);
    if (!confirmed.ok) return confirmed;
    const appointment = confirmed.value;
    session.value.holds.delete(holdId);
    session.value.booked.set(clientKey, appointment.id);
    const ticket = ticketOfAppointment(session.value.patient, appointment.slot, appointment.number);
    session.value.tickets.set(appointment.id, ticket);
    if (!retry) {
      logger.info(
        { event: 'booked', bookingNumber: appointment.number, specialty: appointment.slot.specialty.code, channel: session.value.channel },
        'appointment booked',
      );
      options.metrics?.booked(appointment.slot.specialty.code, session.value.channel);
    }
    const startsIn = startsInMinutes(appointment.slot.start);
    return ok({
      appointmentId: appointment.id,
      bookingNumber: appointment.number,
      slot: appointment.slot,
      ticket,
      ...(startsIn === undefined ? {} : { startsInMinutes: startsIn }),
    });
  }

  async function listAppointments(sessionId: string | undefined): Promise<ApiResult<AppointmentView[]>> {
    const session = touch(sessionId);
    if (!session.ok) return session;
    const appointments = await upcoming(session.value.patient);
    if (!appointments.ok) return appointments;
    // Each can be printed again (a lost ticket) in this session.
    for (const a of appointments.value) session.value.tickets.set(a.id, ticketOfAppointment(session.value.patient, a.slot, a.number));
    return ok(appointments.value.map(toView));
  }

  async function cancelAppointment(sessionId: string | undefined, appointmentId: string): Promise<ApiResult<AppointmentView>> {
    const session = touch(sessionId);
    if (!session.ok) return session;
    const cancelled = await scheduler.cancelAppointment(appointmentId, session.value.patient.id);
    if (!cancelled.ok) return cancelled;
    session.value.tickets.delete(appointmentId);
    // A booking of this visit that is cancelled again no longer counts towards the visit's cap.
    for (const [key, id] of session.value.booked) if (id === appointmentId) session.value.booked.delete(key);
    logger.info(
      { event: 'appointment-cancelled', bookingNumber: cancelled.value.number, specialty: cancelled.value.slot.specialty.code },
      'appointment cancelled',
    );
    options.metrics?.cancelled(cancelled.value.slot.specialty.code);
    return ok(toView(cancelled.value));
  }

  async function joinWaitingList(sessionId: string | undefined, request: WaitingListBody): Promise<ApiResult<WaitingListEntry>> {
    const session = touch(sessionId);
    if (!session.ok) return session;
    const { patient } = session.value;
    if (patient.attached === false) return err({ kind: 'not-attached' });
    const refusal = policy.specialtyRule(patient, request.specialtyCode, today());
    if (refusal) return err(refusal);
    const doctorId = request.doctorId ?? null;
    if (doctorId !== null) {
      const dir = await directory();
      if (!dir.ok) return dir;
      const doctor = dir.value.doctors.find((d) => d.id === doctorId && d.specialtyCode === request.specialtyCode);
      if (!doctor) return err(invalidRequest('doctorId', 'no such doctor of this specialty'));
      const doctorRefusal = policy.doctorRule(patient, doctor);
      if (doctorRefusal) return err(doctorRefusal);
    }
    const entry = await scheduler.joinWaitingList({ patientId: patient.id, specialtyCode: request.specialtyCode, doctorId, claim: request.claim });
    if (entry.ok) logger.info({ event: 'waiting-list-joined', specialty: request.specialtyCode, claim: request.claim }, 'patient joined the waiting list');
    if (entry.ok) options.metrics?.waitingListJoined(request.specialtyCode, request.claim);
    // The number it will call, masked; only when the scheduler says (absent: the screen promises no number).
    if (entry.ok && patient.phone !== undefined) return ok({ ...entry.value, callPhone: patient.phone === null ? null : maskedPhone(patient.phone) });
    return entry;
  }

  /** The ticket of an appointment this session booked or listed: what the print route may print for it. */
  function ticketOf(sessionId: string | undefined, appointmentId: string): ApiResult<TicketData> {
    const session = touch(sessionId);
    if (!session.ok) return session;
    const ticket = session.value.tickets.get(appointmentId);
    return ticket ? ok(ticket) : err({ kind: 'appointment-not-found' });
  }

  /** Options are read at each ticket: a config reload changes the clinic's contacts live. */
  const ticketOfAppointment = (patient: Patient, slot: Slot, bookingNumber: string): TicketData =>
    ticketFor(options, patient, slot, bookingNumber, now());

  /** The identified patient of a live session and how they identified (check-in on arrival, check-in/check-in-service.ts). */
  function sessionPatient(sessionId: string | undefined): ApiResult<{ readonly patient: Patient; readonly channel: SessionChannel }> {
    const session = touch(sessionId);
    return session.ok ? ok({ patient: session.value.patient, channel: session.value.channel }) : session;
  }

  return {
    startSession,
    needsBirthDate,
    endSession,
    sessionPatient,
    listSpecialties: availability.listSpecialties,
    listSlots: availability.listSlots,
    listDoctors: availability.listDoctors,
    listDays: availability.listDays,
    listDaySlots: availability.listDaySlots,
    hold,
    book,
    listAppointments,
    cancelAppointment,
    joinWaitingList,
    ticketOf,
    /** The rules in force (for the service screen and tests). */
    policy: policy.settings,
    /** For health and tests: how many patients the bridge currently holds in memory. */
    activeSessionCount: () => sessions.size,
    /** At shutdown: every session's hold goes back to the pool now, not when it expires. */
    async releaseHolds(): Promise<void> {
      for (const session of sessions.values()) {
        for (const holdId of session.holds) await scheduler.releaseHold(holdId);
        session.holds.clear();
      }
    },
  };
}

function toView(a: Appointment): AppointmentView {
  return { appointmentId: a.id, bookingNumber: a.number, slot: a.slot, status: a.status };
}
