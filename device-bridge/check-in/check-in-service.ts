// Check-in on arrival («Отметиться о приходе»): the patient, identified by a
// session (keypad, card, barcode) or by the signed code in their ticket's QR
// (ticket-code.ts), tells the scheduler they have come; a slip with the room,
// the time and «Вас пригласят» prints. The time window is the kiosk's rule
// (config `checkIn.earlyMinutes`, `checkIn.lateMinutes`), whatever the
// backend allows. Nothing personal is logged or counted: the channel, the
// outcome and the booking number at most.
import type { Logger } from 'pino';
import type { ApiError } from '../contract/booking';
import type { CheckInAppointment, CheckInBody, CheckInChannel, CheckInError, CheckInOutcome } from '../contract/check-in';
import type { PrintResult } from '../contract/printer';
import { err, ok, type Result } from '../contract/result';
import { formatLocalDate, toLocalDateTime } from '../domain/clinic-clock';
import type { MemoData } from '../printer/layout/memo-data';
import { localToEpochMs } from '../scheduler/local-time';
import type { Appointment, Patient, Scheduler } from '../scheduler/scheduler-port';
import type { CheckInConfig } from './check-in-config';
import { readTicketCode, type TicketCodeKey } from './ticket-code';
import type { SessionChannel } from '../contract/booking';

const MINUTE = 60_000;

export interface CheckInMetrics {
  checkIn(channel: CheckInChannel, outcome: CheckInOutcome['outcome'] | CheckInError['kind'] | 'failed'): void;
}

export interface CheckInServiceOptions {
  readonly scheduler: Pick<Scheduler, 'checkIn' | 'findAppointmentByNumber' | 'listAppointments'>;
  readonly sessionPatient: (sessionId: string | undefined) => Result<{ readonly patient: Patient; readonly channel: SessionChannel }, ApiError>;
  /** Read at each check-in: a config reload changes the window. */
  readonly settings: () => Pick<CheckInConfig, 'earlyMinutes' | 'lateMinutes'>;
  /** The key the ticket QR codes are signed with; null when check-in by ticket is off. */
  readonly key: () => TicketCodeKey | null;
  readonly clinic: () => { readonly name: string; readonly address: string; readonly timeZone: string };
  /** Prints the slip (the memo layout: a header and short sections). */
  readonly printSlip: (slip: MemoData) => Promise<PrintResult>;
  readonly metrics?: CheckInMetrics;
  readonly logger: Logger;
  readonly now: () => Date;
}

export type CheckInService = ReturnType<typeof createCheckInService>;

export function createCheckInService(options: CheckInServiceOptions) {
  const { scheduler, logger } = options;

  const view = (a: Appointment): CheckInAppointment => ({
    appointmentId: a.id,
    bookingNumber: a.number,
    specialty: a.slot.specialty.name,
    doctor: a.slot.doctor.fullName,
    room: a.slot.doctor.room,
    floor: a.slot.doctor.floor ?? null,
    start: a.slot.start,
  });

  function slip(a: Appointment): MemoData {
    const clinic = options.clinic();
    const where = a.slot.doctor.floor ? `Кабинет ${a.slot.doctor.room}, ${a.slot.doctor.floor} этаж` : `Кабинет ${a.slot.doctor.room}`;
    return {
      clinicName: clinic.name,
      clinicAddress: clinic.address,
      title: 'Вы отметились о приходе',
      sections: [
        { heading: `${where}, ${a.slot.start.slice(11, 16)}`, lines: [`${a.slot.specialty.name}, ${formatLocalDate(a.slot.start.slice(0, 10))}`, `Номер записи: ${a.number}`] },
        { heading: 'Вас пригласят', lines: ['Подождите у кабинета: врач пригласит вас.'] },
      ],
      keepWhole: [],
    };
  }

  /** Of the patient's appointments today, the one to check in: the first not yet past the late window, else the last. */
  function pick(today: readonly Appointment[], nowMs: number, lateMs: number, timeZone: string): Appointment | null {
    const open = today.filter((a) => a.status !== 'cancelled');
    return open.find((a) => localToEpochMs(a.slot.start, timeZone) + lateMs >= nowMs) ?? open.at(-1) ?? null;
  }

  async function decide(a: Appointment, channel: CheckInChannel): Promise<Result<CheckInOutcome, ApiError>> {
    const { timeZone } = options.clinic();
    const { earlyMinutes, lateMinutes } = options.settings();
    const nowMs = options.now().getTime();
    const startMs = localToEpochMs(a.slot.start, timeZone);
    if (a.status !== 'arrived') {
      if (nowMs < startMs - earlyMinutes * MINUTE) {
        const opensAt = toLocalDateTime(new Date(startMs - earlyMinutes * MINUTE), timeZone);
        return ok({ outcome: 'too-early', appointment: view(a), opensAt });
      }
      if (nowMs > startMs + lateMinutes * MINUTE) return ok({ outcome: 'too-late', appointment: view(a), lateMinutes });
    }
    const arrived = a.status === 'arrived' ? ok(a) : await scheduler.checkIn(a.id, a.patientId);
    if (!arrived.ok) return arrived.error.kind === 'appointment-not-found' ? ok({ outcome: 'no-appointment-today' }) : arrived;
    const print = await options.printSlip(slip(arrived.value));
    logger.info(
      { event: 'checked-in', bookingNumber: a.number, channel, already: a.status === 'arrived', slip: print.outcome },
      'patient checked in on arrival',
    );
    return ok({ outcome: 'arrived', already: a.status === 'arrived', appointment: view(arrived.value), slip: print.outcome });
  }

  async function todayOf(patientId: string): Promise<Result<Appointment[], ApiError>> {
    const today = toLocalDateTime(options.now(), options.clinic().timeZone).slice(0, 10);
    const listed = await scheduler.listAppointments(patientId, { from: `${today}T00:00` });
    return listed.ok ? ok(listed.value.filter((a) => a.slot.start.startsWith(today))) : listed;
  }

  async function run(sessionId: string | undefined, body: CheckInBody): Promise<{ channel: CheckInChannel; answer: Result<CheckInOutcome, ApiError | CheckInError> }> {
    if (body.via === 'ticket') {
      const key = options.key();
      if (key === null) return { channel: 'ticket-qr', answer: err({ kind: 'ticket-forged' }) };
      const number = readTicketCode(key, body.code);
      if (!number.ok) return { channel: 'ticket-qr', answer: number };
      const found = await scheduler.findAppointmentByNumber(number.value);
      if (!found.ok) return { channel: 'ticket-qr', answer: found };
      const today = toLocalDateTime(options.now(), options.clinic().timeZone).slice(0, 10);
      const a = found.value;
      if (a === null || a.status === 'cancelled' || !a.slot.start.startsWith(today)) return { channel: 'ticket-qr', answer: ok({ outcome: 'no-appointment-today' }) };
      return { channel: 'ticket-qr', answer: await decide(a, 'ticket-qr') };
    }
    const session = options.sessionPatient(sessionId);
    if (!session.ok) return { channel: 'keypad', answer: session };
    const channel = session.value.channel;
    const today = await todayOf(session.value.patient.id);
    if (!today.ok) return { channel, answer: today };
    const { timeZone } = options.clinic();
    const a = pick(today.value, options.now().getTime(), options.settings().lateMinutes * MINUTE, timeZone);
    return { channel, answer: a ? await decide(a, channel) : ok({ outcome: 'no-appointment-today' }) };
  }

  return {
    async checkIn(sessionId: string | undefined, body: CheckInBody): Promise<Result<CheckInOutcome, ApiError | CheckInError>> {
      const { channel, answer } = await run(sessionId, body);
      options.metrics?.checkIn(channel, answer.ok ? answer.value.outcome : answer.error.kind === 'ticket-forged' || answer.error.kind === 'ticket-other-clinic' ? answer.error.kind : 'failed');
      if (!answer.ok && (answer.error.kind === 'ticket-forged' || answer.error.kind === 'ticket-other-clinic')) {
        logger.warn({ event: 'check-in-ticket-refused', reason: answer.error.kind }, 'a scanned ticket QR was refused');
      }
      return answer;
    },
  };
}
