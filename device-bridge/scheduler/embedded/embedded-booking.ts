// The embedded scheduler's writes: hold, confirm, cancel, waiting list. Each
// runs in one IMMEDIATE transaction (EmbeddedStore.write), so two bridges on
// the same file never sell the same slot; the unique index on active
// appointments per slot (schema.ts) would catch it if they tried.
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../contract/result';
import type { Appointment, Hold, KeyedBooking, SchedulerError, WaitingListEntry, WaitingListRequest } from '../scheduler-port';
import {
  APPOINTMENT_COLUMNS,
  NOT_BOOKED,
  parseId,
  toSlot,
  toWaitingListEntry,
  type AppointmentRow,
  type HoldRow,
  type WaitingListRow,
} from './embedded-rows';
import type { EmbeddedStore } from './embedded-store';

type Outcome<T> = Result<T, SchedulerError>;

/** Expired holds are kept this long so a late confirm still hears `hold-expired`, not `hold-not-found`. */
const EXPIRED_HOLD_GRACE_MS = 60 * 60 * 1000;

export function holdSlot(store: EmbeddedStore, slotId: string, patientId: string, ttlSeconds: number): Outcome<Hold> {
  const slotKey = parseId(slotId);
  const patientKey = parseId(patientId);
  if (patientKey === null) return err({ kind: 'patient-not-found' });
  if (slotKey === null) return err({ kind: 'slot-not-found' });

  return store.write(() => {
    const { now, nowMs } = store.nowParams();
    if (!store.stmt('SELECT 1 FROM patients WHERE id = ?').get(patientKey)) {
      return err({ kind: 'patient-not-found' });
    }
    const slot = store.slotRow(slotKey, { kioskOnly: true });
    if (!slot) return err({ kind: 'slot-not-found' });
    // A slot whose time has come is no longer on offer: for the patient it is as good as taken.
    if (slot.start <= now) return err({ kind: 'slot-taken' });
    if (store.stmt(`SELECT 1 FROM slots s WHERE s.id = ? AND NOT ${NOT_BOOKED}`).get(slotKey)) {
      return err({ kind: 'slot-taken' });
    }
    const heldByOther = store.stmt('SELECT 1 FROM holds WHERE slot_id = ? AND expires_at > ? AND patient_id <> ?').get(slotKey, nowMs, patientKey);
    if (heldByOther) return err({ kind: 'slot-taken' });

    // One hold per patient: a new hold replaces the previous one. Old expired holds are swept here too.
    store.stmt('DELETE FROM holds WHERE patient_id = ? OR expires_at <= ?').run(patientKey, nowMs - EXPIRED_HOLD_GRACE_MS);
    const id = randomUUID();
    const expiresAt = nowMs + Math.round(ttlSeconds * 1000);
    store
      .stmt('INSERT INTO holds (id, slot_id, patient_id, expires_at, created_at, owner) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, slotKey, patientKey, expiresAt, nowMs, store.holdOwner);
    return ok({ id, slot: toSlot(slot), expiresAt: new Date(expiresAt).toISOString() });
  });
}

export function confirmHold(store: EmbeddedStore, holdId: string, clientKey: string): Outcome<Appointment> {
  return store.write(() => {
    const { nowMs } = store.nowParams();
    const previous = store.stmt<[string], AppointmentRow>(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments a WHERE a.client_key = ?`).get(clientKey);
    if (previous) {
      // One key stands for one confirm: returning the other booking would hand out the wrong ticket.
      if (previous.holdId !== holdId) return err({ kind: 'client-key-reused' });
      return ok(store.toAppointment(previous));
    }

    const hold = store
      .stmt<[string], HoldRow>('SELECT id, slot_id AS slotId, patient_id AS patientId, expires_at AS expiresAt FROM holds WHERE id = ?')
      .get(holdId);
    if (!hold) return err({ kind: 'hold-not-found' });
    if (hold.expiresAt <= nowMs) return err({ kind: 'hold-expired' });
    if (store.stmt(`SELECT 1 FROM appointments WHERE slot_id = ? AND status = 'active'`).get(hold.slotId)) {
      return err({ kind: 'slot-taken' });
    }

    const number = nextAppointmentNumber(store);
    const inserted = store
      .stmt(
        `INSERT INTO appointments (number, slot_id, patient_id, client_key, hold_id, status, source, created_at)
         VALUES (?, ?, ?, ?, ?, 'active', 'kiosk', ?)`,
      )
      .run(number, hold.slotId, hold.patientId, clientKey, hold.id, nowMs);
    store.stmt('DELETE FROM holds WHERE id = ?').run(hold.id);
    return ok(
      store.toAppointment({
        id: Number(inserted.lastInsertRowid),
        number,
        slotId: hold.slotId,
        patientId: hold.patientId,
        holdId: hold.id,
        status: 'active',
      }),
    );
  });
}

/** The booking a confirm with this key made (a replay after a restart), or null. */
export function bookingByClientKey(store: EmbeddedStore, clientKey: string): Outcome<KeyedBooking | null> {
  const row = store.stmt<[string], AppointmentRow>(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments a WHERE a.client_key = ?`).get(clientKey);
  return ok(row ? { appointment: store.toAppointment(row), holdId: row.holdId } : null);
}

/** Lets the slot go. Releasing a hold that is already gone (expired, confirmed, released) is fine. */
export function releaseHold(store: EmbeddedStore, holdId: string): Outcome<void> {
  store.stmt('DELETE FROM holds WHERE id = ?').run(holdId);
  return ok(undefined);
}

export function cancelAppointment(store: EmbeddedStore, appointmentId: string, patientId: string): Outcome<Appointment> {
  const key = parseId(appointmentId);
  const patientKey = parseId(patientId);
  if (key === null || patientKey === null) return err({ kind: 'appointment-not-found' });
  return store.write(() => {
    const row = store
      .stmt<[number, number], AppointmentRow>(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments a WHERE a.id = ? AND a.patient_id = ?`)
      .get(key, patientKey);
    // A patient who has checked in is at the doctor's door: that visit is the registry's to change, not the kiosk's.
    if (!row || (row.status === 'active' && row.arrivedAt != null)) return err({ kind: 'appointment-not-found' });
    if (row.status === 'active') {
      store.stmt(`UPDATE appointments SET status = 'cancelled', cancelled_at = ? WHERE id = ?`).run(store.nowParams().nowMs, key);
    }
    return ok(store.toAppointment({ ...row, status: 'cancelled' }));
  });
}

/** Active → arrived (the instant is kept); arriving twice answers the arrived appointment. */
export function checkIn(store: EmbeddedStore, appointmentId: string, patientId: string): Outcome<Appointment> {
  const key = parseId(appointmentId);
  const patientKey = parseId(patientId);
  if (key === null || patientKey === null) return err({ kind: 'appointment-not-found' });
  return store.write(() => {
    const row = store
      .stmt<[number, number], AppointmentRow>(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments a WHERE a.id = ? AND a.patient_id = ?`)
      .get(key, patientKey);
    if (!row || row.status !== 'active') return err({ kind: 'appointment-not-found' });
    if (row.arrivedAt != null) return ok(store.toAppointment(row));
    const arrivedAt = store.nowParams().nowMs;
    store.stmt('UPDATE appointments SET arrived_at = ? WHERE id = ?').run(arrivedAt, key);
    return ok(store.toAppointment({ ...row, arrivedAt }));
  });
}

/** The appointment with this booking number (any status), or null. */
export function findAppointmentByNumber(store: EmbeddedStore, number: string): Outcome<Appointment | null> {
  const row = store.stmt<[string], AppointmentRow>(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments a WHERE a.number = ?`).get(number);
  return ok(row ? store.toAppointment(row) : null);
}

/** Joining twice returns the open entry instead of adding another. */
export function joinWaitingList(store: EmbeddedStore, request: WaitingListRequest): Outcome<WaitingListEntry> {
  const patientKey = parseId(request.patientId);
  if (patientKey === null) return err({ kind: 'patient-not-found' });
  return store.write(() => {
    if (!store.stmt('SELECT 1 FROM patients WHERE id = ?').get(patientKey)) return err({ kind: 'patient-not-found' });
    const columns = 'id, specialty_code AS specialtyCode, doctor_id AS doctorId, claim, created_at AS createdAt';
    // A redelivered request (same key) gets the entry it made, even if the registry has closed it since.
    if (request.clientKey !== undefined) {
      const keyed = store
        .stmt<[string], WaitingListRow>(`SELECT ${columns} FROM waiting_list WHERE client_key = ?`)
        .get(request.clientKey);
      if (keyed) return ok(toWaitingListEntry(keyed));
    }
    const open = store
      .stmt<[number, string, string], WaitingListRow>(
        `SELECT ${columns} FROM waiting_list
         WHERE patient_id = ? AND specialty_code = ? AND coalesce(doctor_id, '') = ? AND status = 'open'`,
      )
      .get(patientKey, request.specialtyCode, request.doctorId ?? '');
    if (open) {
      // The patient was already waiting: the key now names that entry, so a redelivery finds it after it is closed too.
      if (request.clientKey !== undefined) store.stmt('UPDATE waiting_list SET client_key = coalesce(client_key, ?) WHERE id = ?').run(request.clientKey, open.id);
      return ok(toWaitingListEntry(open));
    }
    const createdAt = store.nowParams().nowMs;
    const inserted = store
      .stmt(
        `INSERT INTO waiting_list (patient_id, specialty_code, doctor_id, claim, status, source, created_at, client_key)
         VALUES (?, ?, ?, ?, 'open', 'kiosk', ?, ?)`,
      )
      .run(patientKey, request.specialtyCode, request.doctorId, request.claim, createdAt, request.clientKey ?? null);
    return ok(
      toWaitingListEntry({
        id: Number(inserted.lastInsertRowid),
        specialtyCode: request.specialtyCode,
        doctorId: request.doctorId,
        claim: request.claim,
        createdAt,
      }),
    );
  });
}

/**
 * `З-YYMM-NNNN` (Cyrillic З, «запись»): the booking month in the clinic, then a counter for that month
 * (more digits after 9999). The registry types it on a Russian keyboard, so the letter is Cyrillic; the
 * counter keeps its old key (`A-YYMM`, from when the prefix was Latin) so numbering goes on without repeats.
 */
function nextAppointmentNumber(store: EmbeddedStore): string {
  const today = store.clock.today();
  const month = `${today.slice(2, 4)}${today.slice(5, 7)}`;
  const prefix = `A-${month}`;
  const { last } = store
    .stmt<[string], { last: number }>(
      `INSERT INTO number_sequences (prefix, last) VALUES (?, 1)
       ON CONFLICT (prefix) DO UPDATE SET last = last + 1
       RETURNING last`,
    )
    .get(prefix) as { last: number };
  return `З-${month}-${String(last).padStart(4, '0')}`;
}
