// Booking on a hub that has no hold. The hold lives in the bridge's book; the
// confirm is the hub's SetAppointment. A confirm whose answer was lost (a
// timeout, a dropped connection, a retry racing the first call) is settled by
// reading GetPatientHistory before anything is sent again: one booking, never two.
import { randomUUID } from 'node:crypto';
import { addDays } from '../../domain/clinic-clock';
import { err, ok } from '../../contract/result';
import type { Appointment, Doctor, Hold, LocalDateTime, WaitingListClaim, WaitingListEntry, WaitingListRequest } from '../scheduler-port';
import { readHistory, type HubVisit } from './hub-records';
import { n3BookingNumber, type BookHold } from './n3-book';
import { hubCall, hubDateTime, lpu, type N3Context, type Outcome } from './n3-context';
import { arg, DC, member, textOf } from './soap-envelope';
import type { ClinicDirectory } from '../scheduler-port';

const CLAIM_NUMBER: Readonly<Record<WaitingListClaim, number>> = { 'no-slots': 1, 'no-convenient-time': 2, 'no-such-specialist': 3 };
/** The port gains `arrived` with check-in (issue 12's sibling branch); until then the value is spelled here once. */

type DirectoryOf = () => Promise<Outcome<{ readonly directory: ClinicDirectory }>>;

export class N3Booking {
  constructor(
    private readonly ctx: N3Context,
    private readonly directory: DirectoryOf,
    private readonly hubSpecialtyId: (code: string) => string | null,
  ) {}

  async hold(slotId: string, patientId: string, ttlSeconds: number): Promise<Outcome<Hold>> {
    const { book } = this.ctx;
    const slot = book.slots.get(slotId);
    if (!slot) return err({ kind: 'slot-not-found' });
    const nowMs = this.ctx.nowMs();
    if (book.isTaken(slotId, nowMs)) return err({ kind: 'slot-taken' });
    const hold: BookHold = { id: randomUUID(), slot, patientId, expiresAtMs: nowMs + ttlSeconds * 1000, state: 'held' };
    book.holds.set(hold.id, hold);
    return ok({ id: hold.id, slot, expiresAt: new Date(hold.expiresAtMs).toISOString() });
  }

  async confirm(holdId: string, clientKey: string): Promise<Outcome<Appointment>> {
    const { book } = this.ctx;
    const keyed = book.confirmOf(clientKey);
    if (keyed) return keyed.holdId === holdId ? ok(keyed.appointment) : err({ kind: 'client-key-reused' });
    const running = book.confirming.get(holdId);
    if (running) {
      await running.catch(() => undefined);
      return this.confirm(holdId, clientKey);
    }
    const hold = book.holds.get(holdId);
    if (!hold || hold.state === 'confirmed') return err({ kind: 'hold-not-found' });
    if (hold.state === 'held' && hold.expiresAtMs <= this.ctx.nowMs()) {
      book.holds.delete(holdId);
      return err({ kind: 'hold-expired' });
    }
    const work = this.setAppointment(hold, clientKey);
    book.confirming.set(holdId, work);
    try {
      return await work;
    } finally {
      book.confirming.delete(holdId);
    }
  }

  private async setAppointment(hold: BookHold, clientKey: string): Promise<Outcome<Appointment>> {
    if (hold.state === 'sent') {
      // An earlier SetAppointment's answer was lost: did it book? Only a "no" lets us send again.
      const already = await this.bookedInHistory(hold);
      if (!already.ok) return already;
      if (already.value) return ok(this.confirmed(hold, clientKey));
    }
    hold.state = 'sent';
    const answer = await hubCall(this.ctx, 'SetAppointment', [arg('idAppointment', hold.slot.id), lpu(this.ctx), arg('idPat', hold.patientId)]);
    if (answer.ok) return ok(this.confirmed(hold, clientKey));
    // Lost or refused: a refusal may be the hub seeing our own earlier call's booking.
    const booked = await this.bookedInHistory(hold);
    if (booked.ok && booked.value) return ok(this.confirmed(hold, clientKey));
    if (answer.error.kind !== 'unavailable') this.ctx.book.holds.delete(hold.id);
    return err(answer.error);
  }

  private async bookedInHistory(hold: BookHold): Promise<Outcome<boolean>> {
    const visits = await this.history(hold.patientId);
    return visits.ok ? ok(visits.value.some((v) => v.appointmentId === hold.slot.id)) : visits;
  }

  private confirmed(hold: BookHold, clientKey: string): Appointment {
    const { book } = this.ctx;
    const appointment: Appointment = { id: hold.slot.id, number: n3BookingNumber(hold.slot.id), slot: hold.slot, patientId: hold.patientId, status: 'booked' };
    hold.state = 'confirmed';
    book.booked.set(appointment.id, appointment);
    book.cancelled.delete(appointment.id);
    book.recordConfirm(clientKey, { holdId: hold.id, appointment });
    return appointment;
  }

  async cancel(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    const { book } = this.ctx;
    const done = book.cancelled.get(appointmentId);
    if (done && done.patientId === patientId) return ok(done);
    const visits = await this.history(patientId);
    if (!visits.ok) return visits;
    const visit = visits.value.find((v) => v.appointmentId === appointmentId);
    if (!visit) return err({ kind: 'appointment-not-found' });
    const appointment = await this.appointmentOf(visit, patientId);
    if (!appointment.ok) return appointment;
    // The patient is in the building: their visit is not cancelled from a kiosk (as on the other adapters).
    if (appointment.value.status === 'arrived') return err({ kind: 'appointment-not-found' });
    const answer = await hubCall(this.ctx, 'CreateClaimForRefusal', [lpu(this.ctx), arg('idPat', patientId), arg('idAppointment', appointmentId)]);
    if (!answer.ok) return answer;
    const cancelled: Appointment = { ...appointment.value, status: 'cancelled' };
    book.booked.delete(appointmentId);
    book.cancelled.set(appointmentId, cancelled);
    return ok(cancelled);
  }

  async list(patientId: string, from: LocalDateTime): Promise<Outcome<Appointment[]>> {
    const visits = await this.history(patientId);
    if (!visits.ok) return visits;
    const out: Appointment[] = [];
    for (const v of visits.value.filter((x) => x.start >= from && !this.ctx.book.cancelled.has(x.appointmentId))) {
      const a = await this.appointmentOf(v, patientId);
      if (!a.ok) return a;
      out.push(a.value);
    }
    return ok(out.sort((a, b) => a.slot.start.localeCompare(b.slot.start)));
  }

  async joinWaitingList(request: WaitingListRequest): Promise<Outcome<WaitingListEntry>> {
    const { book } = this.ctx;
    const key = `${request.patientId}|${request.specialtyCode}|${request.doctorId ?? ''}`;
    const open = book.waiting.get(key);
    if (open) return ok(open);
    const running = book.confirming.get(`waiting:${key}`);
    if (running) {
      await running.catch(() => undefined);
      return this.joinWaitingList(request);
    }
    const work = this.setWaitingList(request, key);
    book.confirming.set(`waiting:${key}`, work);
    try {
      return await work;
    } finally {
      book.confirming.delete(`waiting:${key}`);
    }
  }

  private async setWaitingList(request: WaitingListRequest, key: string): Promise<Outcome<WaitingListEntry>> {
    const dir = await this.directory();
    const doctors = dir.ok ? dir.value.directory.doctors : [];
    const specialtyName = (dir.ok ? dir.value.directory.specialties.find((s) => s.code === request.specialtyCode)?.name : undefined) ?? request.specialtyCode;
    const doctor = request.doctorId === null ? null : doctors.find((d) => d.id === request.doctorId) ?? null;
    const today = this.ctx.nowLocal().slice(0, 10);
    const answer = await hubCall(this.ctx, 'SetWaitingList', [
      arg('idDoc', request.doctorId),
      arg('nameDoc', doctor?.fullName ?? null),
      arg('idSpesiality', this.hubSpecialtyId(request.specialtyCode)),
      arg('nameSpesiality', specialtyName),
      lpu(this.ctx),
      arg('rule', [member('End', hubDateTime(`${addDays(today, 30)}T00:00`)), member('Start', hubDateTime(`${today}T00:00`))]),
      arg('claim', CLAIM_NUMBER[request.claim]),
      arg('idPat', request.patientId),
      // The hub has the patient by IdPat: no name, birth date or phone travels again.
      arg('namePat', null),
      arg('birthday', null),
      arg('phone', null),
    ]);
    if (!answer.ok) return answer;
    const entry: WaitingListEntry = {
      id: textOf(answer.value, DC, 'GuidClaim', 'IdClaim') ?? randomUUID(),
      specialtyCode: request.specialtyCode,
      doctorId: request.doctorId,
      claim: request.claim,
      createdAt: new Date(this.ctx.nowMs()).toISOString(),
    };
    this.ctx.book.waiting.set(key, entry);
    return ok(entry);
  }

  async checkIn(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    const { book } = this.ctx;
    const known = book.booked.get(appointmentId);
    // Checking in twice answers the arrived appointment without asking the hub again.
    if (known && known.patientId === patientId && known.status === 'arrived') return ok(known);
    const visits = await this.history(patientId);
    if (!visits.ok) return visits;
    const visit = visits.value.find((v) => v.appointmentId === appointmentId);
    if (!visit) return err({ kind: 'appointment-not-found' });
    const appointment = await this.appointmentOf(visit, patientId);
    if (!appointment.ok) return appointment;
    const answer = await hubCall(this.ctx, 'CheckIn', [arg('idAppointment', appointmentId)]);
    if (!answer.ok) return answer;
    const arrived: Appointment = { ...appointment.value, status: 'arrived' };
    book.booked.set(appointmentId, arrived);
    return ok(arrived);
  }

  /**
   * The hub finds no booking by its number without the patient: a ticket's QR is looked up among the
   * bookings this bridge made (the kiosk that printed the ticket), or not found.
   */
  findByNumber(number: string): Appointment | null {
    const { book } = this.ctx;
    for (const map of [book.booked, book.cancelled]) for (const a of map.values()) if (a.number === number) return a;
    return null;
  }

  private async history(patientId: string): Promise<Outcome<HubVisit[]>> {
    const answer = await hubCall(this.ctx, 'GetPatientHistory', [lpu(this.ctx), arg('idPat', patientId)]);
    if (!answer.ok) return answer.error.kind === 'appointment-not-found' ? ok([]) : answer;
    return ok(readHistory(answer.value));
  }

  /** A visit as the kiosk's appointment: the one this bridge booked when it did, else rebuilt from the directory. */
  private async appointmentOf(visit: HubVisit, patientId: string): Promise<Outcome<Appointment>> {
    const mine = this.ctx.book.booked.get(visit.appointmentId);
    if (mine && mine.patientId === patientId) return ok(mine);
    const dir = await this.directory();
    if (!dir.ok) return dir;
    const { doctors, specialties } = dir.value.directory;
    const known: Doctor | undefined = doctors.find((d) => d.id === visit.doctorId) ?? doctors.find((d) => d.fullName === visit.doctorName);
    const doctor: Doctor = known
      ? { ...known, room: visit.room ?? known.room }
      : { id: visit.doctorId ?? '', fullName: visit.doctorName ?? '', specialtyCode: '', room: visit.room ?? '', district: null };
    const specialty = specialties.find((s) => s.code === doctor.specialtyCode) ?? { code: doctor.specialtyCode, name: '' };
    const minutes = visit.end ? Math.max(1, Math.round((Date.parse(`${visit.end}:00Z`) - Date.parse(`${visit.start}:00Z`)) / 60_000)) : 15;
    return ok({
      id: visit.appointmentId,
      number: n3BookingNumber(visit.appointmentId),
      slot: { id: visit.appointmentId, start: visit.start, durationMinutes: minutes, doctor, specialty },
      patientId,
      status: 'booked',
    });
  }
}
