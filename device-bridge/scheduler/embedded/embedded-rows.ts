// The embedded scheduler's rows as SQLite returns them, the SQL fragments the
// queries share, and the mapping from rows to the port's types (scheduler-port.ts).
import type { LocalDateTime, Slot, SlotQuery, WaitingListEntry } from '../scheduler-port';
import { isLocalDateTime } from '../../domain/clinic-clock';

export interface SlotRow {
  slotId: number;
  start: string;
  durationMinutes: number;
  doctorId: string;
  fullName: string;
  room: string;
  district: string | null;
  floor: string | null;
  specialtyCode: string;
  specialtyName: string;
}

export interface HoldRow {
  id: string;
  slotId: number;
  patientId: number;
  expiresAt: number;
}

export interface AppointmentRow {
  id: number;
  number: string;
  slotId: number;
  patientId: number;
  holdId: string;
  status: 'active' | 'cancelled';
  /** Epoch ms of the check-in, or null (absent on rows built in code before it). */
  arrivedAt?: number | null;
}

export interface PatientRow {
  id: number;
  policyNumber: string;
  surname: string;
  givenName: string;
  patronymic: string;
  birthDate: string;
  sex: 'male' | 'female';
  district: string | null;
  attached: number;
  /** +7 and 10 digits; null when the record has none (the waiting list then promises no number). */
  phone: string | null;
}

export interface WaitingListRow {
  id: number;
  specialtyCode: string;
  doctorId: string | null;
  claim: WaitingListEntry['claim'];
  createdAt: number;
}

export const SLOT_COLUMNS = `
  s.id AS slotId, s.start AS start, s.duration_minutes AS durationMinutes,
  d.id AS doctorId, d.full_name AS fullName, d.room AS room, d.district AS district, d.floor AS floor,
  sp.code AS specialtyCode, sp.name AS specialtyName`;
export const SLOT_JOINS = `
  FROM slots s
  JOIN doctors d ON d.id = s.doctor_id
  JOIN specialties sp ON sp.code = d.specialty_code`;
export const APPOINTMENT_COLUMNS = 'a.id, a.number, a.slot_id AS slotId, a.patient_id AS patientId, a.hold_id AS holdId, a.status, a.arrived_at AS arrivedAt';
/** Slot `s` has no active appointment. */
export const NOT_BOOKED = `NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status = 'active')`;
/** Slot `s` has no live hold (parameter @nowMs). */
const NOT_HELD = `NOT EXISTS (SELECT 1 FROM holds h WHERE h.slot_id = s.id AND h.expires_at > @nowMs)`;
/** Slot `s` is on offer: open to the kiosk, in the future (parameter @now), not booked, not held. */
const FREE = `s.kiosk = 1 AND s.start > @now AND ${NOT_BOOKED} AND ${NOT_HELD}`;

/**
 * Doctors first, then each doctor's slots through the (doctor_id, start) index:
 * a specialty's day touches only its doctors' slots, never the whole clinic's
 * (CROSS JOIN keeps SQLite from starting at slots_by_start instead).
 */
export const DOCTOR_FIRST_JOINS = 'FROM doctors d CROSS JOIN slots s ON s.doctor_id = d.id';
/** Slot `s` is in the window (parameters @from, @to) and free. */
export const SLOT_WINDOW = `s.start >= @from AND s.start < @to AND ${FREE}`;

/** Which doctors a slot query covers (parameters from slotQueryParams). */
export function doctorFilter(query: SlotQuery): string {
  const parts = ['d.active = 1'];
  if (query.specialtyCode !== undefined) parts.push('d.specialty_code = @specialtyCode');
  if (query.doctorIds !== undefined) parts.push('d.id IN (SELECT value FROM json_each(@doctorIds))');
  return parts.join(' AND ');
}

export const toSlot = (r: SlotRow): Slot => ({
  id: String(r.slotId),
  start: r.start,
  durationMinutes: r.durationMinutes,
  doctor: { id: r.doctorId, fullName: r.fullName, specialtyCode: r.specialtyCode, room: r.room, district: r.district, ...(r.floor ? { floor: r.floor } : {}) },
  specialty: { code: r.specialtyCode, name: r.specialtyName },
});

export function toWaitingListEntry(row: WaitingListRow): WaitingListEntry {
  return {
    id: String(row.id),
    specialtyCode: row.specialtyCode,
    doctorId: row.doctorId,
    claim: row.claim,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/** Our ids are SQLite integer keys shown as strings; anything else cannot exist. */
export function parseId(id: string): number | null {
  return /^[1-9]\d{0,15}$/.test(id) ? Number(id) : null;
}

export function assertWindow(from: LocalDateTime, to: LocalDateTime): void {
  if (!isLocalDateTime(from) || !isLocalDateTime(to)) {
    throw new RangeError(`a window is two clinic times YYYY-MM-DDTHH:mm (got ${from} … ${to})`);
  }
}
