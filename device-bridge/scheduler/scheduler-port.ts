// The one port every scheduler adapter implements (embedded SQLite now; FHIR R4
// and N3 HubService later). Types are the kiosk's own domain, not any backend's.
import type { Result } from '../result';

/** Wall-clock time in the clinic's time zone, `YYYY-MM-DDTHH:mm`. */
export type LocalDateTime = string;
/** Calendar date in the clinic's time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

export type Sex = 'male' | 'female';

/** Personal data: lives for one session only, never logged. */
export interface Patient {
  readonly id: string;
  readonly policyNumber: string;
  readonly surname: string;
  readonly givenName: string;
  readonly patronymic: string;
  readonly birthDate: LocalDate;
  readonly sex: Sex;
}

export interface Specialty {
  /** Stable code, e.g. `ophthalmologist`. */
  readonly code: string;
  /** Russian name as patients know it, e.g. «Офтальмолог». */
  readonly name: string;
}

export interface SpecialtyAvailability extends Specialty {
  readonly doctorCount: number;
  /** Earliest free slot within the horizon, or null when nothing is free. */
  readonly nearestFree: LocalDateTime | null;
}

export interface Doctor {
  readonly id: string;
  /** «Петрова Анна Сергеевна» */
  readonly fullName: string;
  readonly specialtyCode: string;
  readonly room: string;
}

export interface Slot {
  readonly id: string;
  readonly start: LocalDateTime;
  readonly durationMinutes: number;
  readonly doctor: Doctor;
  readonly specialty: Specialty;
}

export interface Hold {
  readonly id: string;
  readonly slot: Slot;
  readonly expiresAt: string; // ISO instant
}

export interface Appointment {
  readonly id: string;
  /** Human-readable booking number printed on the ticket and in its QR. */
  readonly number: string;
  readonly slot: Slot;
  readonly patientId: string;
}

export interface SlotQuery {
  readonly specialtyCode: string;
  readonly from: LocalDateTime;
  readonly to: LocalDateTime;
}

export type SchedulerError =
  | { readonly kind: 'patient-not-found' }
  | { readonly kind: 'slot-not-found' }
  | { readonly kind: 'slot-taken' }
  | { readonly kind: 'hold-not-found' }
  | { readonly kind: 'hold-expired' }
  | { readonly kind: 'unavailable'; readonly cause: string };

export type SchedulerStatus =
  | { readonly state: 'ready'; readonly adapter: string }
  | { readonly state: 'unavailable'; readonly adapter: string; readonly cause: string };

export interface Scheduler {
  findPatientByPolicy(policyNumber: string): Promise<Result<Patient, SchedulerError>>;
  listSpecialties(window: { from: LocalDateTime; to: LocalDateTime }): Promise<Result<SpecialtyAvailability[], SchedulerError>>;
  listFreeSlots(query: SlotQuery): Promise<Result<Slot[], SchedulerError>>;
  /** Keeps the slot for this patient until `expiresAt`; nobody else can hold or book it. */
  holdSlot(slotId: string, patientId: string, ttlSeconds: number): Promise<Result<Hold, SchedulerError>>;
  /** Turns a live hold into an appointment. Idempotent on `clientKey`: a retry returns the same appointment. */
  confirmHold(holdId: string, clientKey: string): Promise<Result<Appointment, SchedulerError>>;
  releaseHold(holdId: string): Promise<Result<void, SchedulerError>>;
  status(): Promise<SchedulerStatus>;
  close(): void;
}
