// Booking on a FHIR server: hold, confirm, release, cancel, the patient's
// appointments and the waiting list. Every write to a Slot or an Appointment
// that may race another kiosk goes through if-match.ts.
//
//   hold         Slot → busy-tentative (If-Match: only one kiosk wins) + Appointment `pending`
//   confirm      Slot → busy, Appointment → booked with the client key as an identifier:
//                a retried confirm finds it and returns the same appointment
//   cancel       Appointment → cancelled, Slot → free
//   check-in     Appointment booked → arrived (If-Match); found by number via its booking-number identifier
//   waiting list Appointment `waitlist`, conditional create (If-None-Exist) on an identifier
import { randomUUID } from 'node:crypto';
import { err, ok } from '../../contract/result';
import type { Appointment, Hold, KeyedBooking, LocalDateTime, WaitingListClaim, WaitingListEntry, WaitingListRequest } from '../scheduler-port';
import { WAITING_LIST_CLAIMS } from '../scheduler-port';
import { deadline, instant, nowLocal, type FhirContext } from './fhir-context';
import type { DirectoryState, FhirDirectory } from './fhir-directory';
import { Deadline } from './fhir-http';
import { holdTokenOf, isFhirId, isOpen, toAppointment, toSlot } from './fhir-mapping';
import {
  bookedAppointment,
  bookedSlot,
  bookingNumber,
  arrivedAppointment,
  cancelledAppointment,
  freedSlot,
  holdAppointment,
  specialtyConcept,
  tentativeSlot,
  waitingListAppointment,
  waitingListKey,
} from './fhir-outgoing';
import { KIOSK_FHIR, appointmentSchema, extensionValue, idOf, identifierValue, slotSchema, type FhirAppointment } from './fhir-resources';
import { parse, readVersioned, search, unavailable, type Outcome } from './fhir-search';
import { putIfMatch, readModifyWrite } from './if-match';

export class FhirBooking {
  constructor(
    private readonly ctx: FhirContext,
    private readonly directory: FhirDirectory,
  ) {}

  async hold(slotId: string, patientId: string, ttlSeconds: number): Promise<Outcome<Hold>> {
    if (!isFhirId(slotId)) return err({ kind: 'slot-not-found' });
    if (!isFhirId(patientId)) return err({ kind: 'patient-not-found' });
    const { ctx } = this;
    const d = deadline(ctx);
    const [state, patient, slotRead] = await Promise.all([
      this.directory.load(d),
      ctx.http.request(d, 'GET', `Patient/${patientId}`),
      this.readSlot(d, slotId),
    ]);
    if (!state.ok) return state;
    if (!patient.ok) return err(patient.error);
    if (patient.value.status === 404 || patient.value.status === 410) return err({ kind: 'patient-not-found' });
    if (!slotRead.ok) return slotRead;
    if (slotRead.value === null) return err({ kind: 'slot-not-found' });
    const { resource: slot, version } = slotRead.value;
    const mapped = toSlot(state.value, slot, ctx.timeZone);
    if (!mapped || slot.status === 'entered-in-error' || slot.status === 'busy-unavailable') return err({ kind: 'slot-not-found' });
    const nowMs = ctx.now().getTime();
    if (mapped.start <= nowLocal(ctx)) return err({ kind: 'slot-taken' });
    const staleToken = slot.status === 'busy-tentative' ? holdTokenOf(slot) : null;
    if (!isOpen(slot, nowMs)) return err({ kind: 'slot-taken' });

    const token = randomUUID();
    const expiresAt = new Date(nowMs + Math.round(ttlSeconds * 1000)).toISOString();
    // The compare-and-swap: only the kiosk that read the current version may change it.
    const claimed = await putIfMatch(ctx.http, d, `Slot/${slot.id}`, tentativeSlot(slot, token, expiresAt), version);
    if (!claimed.ok) return err(claimed.error);
    if (claimed.value.status === 412 || claimed.value.status === 409) return err({ kind: 'slot-taken' });
    if (claimed.value.status === 404 || claimed.value.status === 410) return err({ kind: 'slot-not-found' });
    if (staleToken) void this.cancelStaleHold(staleToken);

    const appointment = holdAppointment({
      slot,
      patientId,
      doctor: mapped.doctor,
      specialty: specialtyConcept(ctx.codes, mapped.specialty),
      token,
      expiresAt,
      created: new Date(nowMs).toISOString(),
    });
    const created = await ctx.http.request(d, 'POST', 'Appointment', {
      body: appointment,
      headers: { 'if-none-exist': `identifier=${KIOSK_FHIR.holdSystem}|${token}` },
    });
    const parsed = created.ok ? parse(appointmentSchema, created.value.body, 'Appointment') : created;
    if (!parsed.ok) {
      // Give the slot back now rather than at expiry; if even that fails, the expiry frees it.
      void this.freeSlot(new Deadline(1000), slot.id, token);
      return err(parsed.error);
    }
    return ok({ id: parsed.value.id, slot: mapped, expiresAt });
  }

  async confirm(holdId: string, clientKey: string): Promise<Outcome<Appointment>> {
    if (!isFhirId(holdId)) return err({ kind: 'hold-not-found' });
    const { ctx } = this;
    const d = deadline(ctx);
    const [state, byKey, read] = await Promise.all([
      this.directory.load(d),
      search(ctx.http, d, 'Appointment', { identifier: `${KIOSK_FHIR.clientKeySystem}|${clientKey}` }, appointmentSchema, { pages: 1 }),
      this.readAppointment(d, holdId),
    ]);
    if (!state.ok) return state;
    if (!byKey.ok) return byKey;
    // One key stands for one confirm: returning the other booking would hand out the wrong ticket.
    if (byKey.value.some((a) => a.id !== holdId)) return err({ kind: 'client-key-reused' });
    if (!read.ok) return read;
    if (read.value === null) return err({ kind: 'hold-not-found' });
    const appointment = read.value.resource;
    const token = identifierValue(appointment, KIOSK_FHIR.holdSystem);
    const alreadyBooked = (a: FhirAppointment): Outcome<Appointment> =>
      identifierValue(a, KIOSK_FHIR.clientKeySystem) === clientKey ? this.toAppointment(state.value, a) : err({ kind: 'hold-not-found' });
    if (appointment.status === 'booked') return alreadyBooked(appointment);
    if (appointment.status !== 'pending' || token === null) return err({ kind: 'hold-not-found' });
    const expires = Date.parse(extensionValue(appointment, KIOSK_FHIR.holdExpiresExtension) ?? '');
    const slotId = idOf(appointment.slot?.[0], 'Slot');
    if (slotId === null) return err({ kind: 'hold-not-found' });

    // The slot first: busy with our token. A retry after a lost answer finds it already so.
    const slotDone = await this.markSlotBooked(d, slotId, token, expires);
    if (!slotDone.ok) return slotDone;

    const number = bookingNumber(appointment.id);
    return readModifyWrite(ctx.http, d, {
      path: `Appointment/${appointment.id}`,
      current: read.value,
      // Somebody (our own earlier attempt) may have changed it meanwhile: decide from what it is now.
      read: () => this.readAppointment(d, appointment.id),
      decide: (current) => {
        if (current === null) return { done: err({ kind: 'hold-not-found' }) };
        if (current.resource.status === 'booked') return { done: alreadyBooked(current.resource) };
        if (current.resource.status !== 'pending') return { done: err({ kind: 'hold-not-found' }) };
        return { write: bookedAppointment(current.resource, clientKey, number) };
      },
      written: (answer) => {
        const saved = parse(appointmentSchema, answer.body, 'Appointment');
        return saved.ok ? this.toAppointment(state.value, saved.value) : saved;
      },
      attempts: 2,
      exhausted: () => err(unavailable('the appointment kept changing while it was being confirmed')),
    });
  }

  /** The Appointment a confirm with this key booked (its id is the hold's: a FHIR hold is a pending Appointment). */
  async bookingByClientKey(clientKey: string): Promise<Outcome<KeyedBooking | null>> {
    const d = deadline(this.ctx);
    const [state, byKey] = await Promise.all([
      this.directory.load(d),
      search(this.ctx.http, d, 'Appointment', { identifier: `${KIOSK_FHIR.clientKeySystem}|${clientKey}` }, appointmentSchema, { pages: 1 }),
    ]);
    if (!state.ok) return state;
    if (!byKey.ok) return byKey;
    const found = byKey.value.find((a) => a.status === 'booked' && identifierValue(a, KIOSK_FHIR.clientKeySystem) === clientKey);
    if (!found) return ok(null);
    const appointment = this.toAppointment(state.value, found);
    return appointment.ok ? ok({ appointment: appointment.value, holdId: found.id }) : appointment;
  }

  async release(holdId: string): Promise<Outcome<void>> {
    if (!isFhirId(holdId)) return ok(undefined);
    const { ctx } = this;
    const d = deadline(ctx);
    const read = await this.readAppointment(d, holdId);
    if (!read.ok) return read;
    if (read.value === null || read.value.resource.status !== 'pending') return ok(undefined);
    const { resource: appointment, version } = read.value;
    const put = await putIfMatch(ctx.http, d, `Appointment/${appointment.id}`, cancelledAppointment(appointment), version);
    if (!put.ok) return err(put.error);
    return this.freeSlotOf(d, appointment);
  }

  async cancel(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    if (!isFhirId(appointmentId)) return err({ kind: 'appointment-not-found' });
    const { ctx } = this;
    const d = deadline(ctx);
    const [state, read] = await Promise.all([this.directory.load(d), this.readAppointment(d, appointmentId)]);
    if (!state.ok) return state;
    if (!read.ok) return read;
    if (read.value === null) return err({ kind: 'appointment-not-found' });
    const first = read.value.resource;
    const isPatients = first.participant.some((p) => p.actor?.reference === `Patient/${patientId}`);
    if (!isPatients || (first.status !== 'booked' && first.status !== 'cancelled')) return err({ kind: 'appointment-not-found' });
    const cancelled = await readModifyWrite(ctx.http, d, {
      path: `Appointment/${appointmentId}`,
      current: read.value,
      read: () => this.readAppointment(d, appointmentId),
      decide: (current) => {
        if (current === null) return { done: err({ kind: 'appointment-not-found' }) };
        if (current.resource.status !== 'booked') return { done: ok(current.resource) };
        return { write: cancelledAppointment(current.resource) };
      },
      written: (answer) => parse(appointmentSchema, answer.body, 'Appointment'),
      attempts: 2,
      exhausted: () => err(unavailable('the appointment kept changing while it was being cancelled')),
    });
    if (!cancelled.ok) return cancelled;
    // The slot goes back on offer (also when an earlier cancel stopped half-way).
    const freed = await this.freeSlotOf(d, cancelled.value);
    if (!freed.ok) return freed;
    return this.toAppointment(state.value, cancelled.value);
  }

  async checkIn(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    if (!isFhirId(appointmentId)) return err({ kind: 'appointment-not-found' });
    const { ctx } = this;
    const d = deadline(ctx);
    const [state, read] = await Promise.all([this.directory.load(d), this.readAppointment(d, appointmentId)]);
    if (!state.ok) return state;
    if (!read.ok) return read;
    const isPatients = (a: FhirAppointment) => a.participant.some((p) => p.actor?.reference === `Patient/${patientId}`);
    if (read.value === null || !isPatients(read.value.resource)) return err({ kind: 'appointment-not-found' });
    const arrived = await readModifyWrite(ctx.http, d, {
      path: `Appointment/${appointmentId}`,
      current: read.value,
      read: () => this.readAppointment(d, appointmentId),
      decide: (current) => {
        if (current === null) return { done: err({ kind: 'appointment-not-found' }) };
        if (current.resource.status === 'arrived') return { done: ok(current.resource) };
        if (current.resource.status !== 'booked') return { done: err({ kind: 'appointment-not-found' }) };
        return { write: arrivedAppointment(current.resource) };
      },
      written: (answer) => parse(appointmentSchema, answer.body, 'Appointment'),
      attempts: 2,
      exhausted: () => err(unavailable('the appointment kept changing while the patient checked in')),
    });
    if (!arrived.ok) return arrived;
    return this.toAppointment(state.value, arrived.value);
  }

  async findByNumber(number: string): Promise<Outcome<Appointment | null>> {
    const d = deadline(this.ctx);
    const [state, found] = await Promise.all([
      this.directory.load(d),
      search(this.ctx.http, d, 'Appointment', { identifier: `${KIOSK_FHIR.bookingNumberSystem}|${number}` }, appointmentSchema, { pages: 1 }),
    ]);
    if (!state.ok) return state;
    if (!found.ok) return found;
    const a = found.value.find((x) => identifierValue(x, KIOSK_FHIR.bookingNumberSystem) === number);
    if (!a) return ok(null);
    return this.toAppointment(state.value, a);
  }

  async listAppointments(patientId: string, query: { readonly from: LocalDateTime }): Promise<Outcome<Appointment[]>> {
    if (!isFhirId(patientId)) return ok([]);
    const { ctx } = this;
    const d = deadline(ctx);
    const [state, found] = await Promise.all([
      this.directory.load(d),
      search(
        ctx.http,
        d,
        'Appointment',
        { patient: `Patient/${patientId}`, status: 'booked,arrived', date: `ge${instant(ctx, query.from)}`, _sort: 'date' },
        appointmentSchema,
      ),
    ]);
    if (!state.ok) return state;
    if (!found.ok) return found;
    const out: Appointment[] = [];
    for (const a of found.value) {
      const mapped = this.toAppointment(state.value, a);
      if (!mapped.ok) return mapped;
      if (mapped.value.slot.start >= query.from) out.push(mapped.value);
    }
    return ok(out.sort((a, b) => a.slot.start.localeCompare(b.slot.start)));
  }

  async joinWaitingList(request: WaitingListRequest): Promise<Outcome<WaitingListEntry>> {
    if (!isFhirId(request.patientId)) return err({ kind: 'patient-not-found' });
    const { ctx } = this;
    const d = deadline(ctx);
    const specialty = this.directory.cached?.specialties.get(request.specialtyCode) ?? { code: request.specialtyCode, name: request.specialtyCode };
    const entry = waitingListAppointment(request, specialtyConcept(ctx.codes, specialty), ctx.now().toISOString());
    // A redelivered request (same key) finds the entry it made, whatever its status now: read before write.
    if (request.clientKey !== undefined) {
      const system = KIOSK_FHIR.waitingListRequestSystem;
      const byKey = await search(ctx.http, d, 'Appointment', { identifier: `${system}|${request.clientKey}` }, appointmentSchema, { pages: 1 });
      if (!byKey.ok) return byKey;
      const found = byKey.value.find((a) => identifierValue(a, system) === request.clientKey);
      if (found) return ok(this.waitingListEntry(found, request));
    }
    // Joining twice finds the open entry instead of adding another (conditional create).
    const created = await ctx.http.request(d, 'POST', 'Appointment', {
      body: entry,
      headers: { 'if-none-exist': `identifier=${KIOSK_FHIR.waitingListSystem}|${waitingListKey(request)}&status=waitlist` },
    });
    if (!created.ok) return err(created.error);
    if (created.value.status === 404 || created.value.status === 422) return err({ kind: 'patient-not-found' });
    const parsed = parse(appointmentSchema, created.value.body, 'Appointment');
    if (!parsed.ok) return parsed;
    return ok(this.waitingListEntry(parsed.value, request));
  }

  private waitingListEntry(a: FhirAppointment, request: WaitingListRequest): WaitingListEntry {
    const claim = a.reasonCode?.flatMap((c) => c.coding ?? []).find((c) => c.system === KIOSK_FHIR.waitingListClaimSystem)?.code;
    return {
      id: a.id,
      specialtyCode: request.specialtyCode,
      doctorId: request.doctorId,
      claim: WAITING_LIST_CLAIMS.includes(claim as WaitingListClaim) ? (claim as WaitingListClaim) : request.claim,
      createdAt: a.created ?? a.meta?.lastUpdated ?? this.ctx.now().toISOString(),
    };
  }

  private readSlot(d: Deadline, id: string) {
    return readVersioned(this.ctx.http, d, 'Slot', id, slotSchema);
  }

  private readAppointment(d: Deadline, id: string) {
    return readVersioned(this.ctx.http, d, 'Appointment', id, appointmentSchema);
  }

  private toAppointment(state: DirectoryState, a: FhirAppointment): Outcome<Appointment> {
    const mapped = toAppointment(state, a, this.ctx.codes, this.ctx.timeZone);
    return mapped ? ok(mapped) : err(unavailable('malformed answer: an Appointment without start or patient'));
  }

  /** Tentative-with-our-token → busy. Already busy with our token is fine (a retry). */
  private markSlotBooked(d: Deadline, slotId: string, token: string, expires: number): Promise<Outcome<void>> {
    const { ctx } = this;
    return readModifyWrite(ctx.http, d, {
      path: `Slot/${slotId}`,
      read: () => this.readSlot(d, slotId),
      decide: (current) => {
        if (current === null) return { done: err({ kind: 'slot-taken' }) };
        const slot = current.resource;
        const ours = holdTokenOf(slot) === token;
        if (slot.status === 'busy' && ours) return { done: ok(undefined) };
        if (slot.status !== 'busy-tentative' || !ours) {
          // Our hold lapsed and the slot went to somebody else (or back on offer).
          return { done: err(Number.isFinite(expires) && expires <= ctx.now().getTime() ? { kind: 'hold-expired' } : { kind: 'slot-taken' }) };
        }
        if (!(expires > ctx.now().getTime())) return { done: err({ kind: 'hold-expired' }) };
        return { write: bookedSlot(slot, token) };
      },
      written: (answer) => (answer.status < 300 ? ok(undefined) : err({ kind: 'slot-taken' })),
      attempts: 3,
      exhausted: () => err(unavailable('the slot kept changing while it was being booked')),
    });
  }

  /** Back to free, if the slot still carries our token (a slot somebody else holds is left alone). */
  private freeSlot(d: Deadline, slotId: string, token: string): Promise<Outcome<void>> {
    return readModifyWrite(this.ctx.http, d, {
      path: `Slot/${slotId}`,
      read: () => this.readSlot(d, slotId),
      decide: (current) =>
        current === null || current.resource.status === 'free' || holdTokenOf(current.resource) !== token ? { done: ok(undefined) } : { write: freedSlot(current.resource) },
      written: () => ok(undefined),
      attempts: 2,
      // Best effort: the hold's expiry frees it anyway.
      exhausted: () => ok(undefined),
    });
  }

  /** The slot of a hold or booking back on offer, when the appointment names both. */
  private async freeSlotOf(d: Deadline, appointment: FhirAppointment): Promise<Outcome<void>> {
    const token = identifierValue(appointment, KIOSK_FHIR.holdSystem);
    const slotId = idOf(appointment.slot?.[0], 'Slot');
    return token && slotId ? this.freeSlot(d, slotId, token) : ok(undefined);
  }

  /** A lapsed hold whose slot another patient took: its pending appointment is closed (best effort, never awaited by a patient). */
  private async cancelStaleHold(token: string): Promise<void> {
    const { http } = this.ctx;
    const d = deadline(this.ctx);
    const found = await search(http, d, 'Appointment', { identifier: `${KIOSK_FHIR.holdSystem}|${token}`, status: 'pending' }, appointmentSchema, {
      pages: 1,
    });
    if (!found.ok) return;
    for (const a of found.value) await putIfMatch(http, d, `Appointment/${a.id}`, cancelledAppointment(a), a.meta?.versionId ?? null);
  }
}
