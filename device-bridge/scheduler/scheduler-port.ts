// The one port every scheduler adapter implements (embedded SQLite, FHIR R4;
// N3 HubService later). Types are the kiosk's own domain, not any backend's.
// Booking is find → hold (expiring) → confirm (idempotent on a client key).
// Booking rules (who may book what) are not here: they live in one booking
// policy in front of every adapter (device-bridge/booking/booking-policy.ts).
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
  /**
   * Attached (прикреплён) to this clinic: only attached patients may book here.
   * Every adapter sets it; absent (a hand-made Patient) counts as attached.
   */
  readonly attached?: boolean;
  /** The district (участок) of attachment, e.g. `1`; null or absent when the clinic has not assigned one. */
  readonly district?: string | null;
}

export interface Specialty {
  /** Stable code, e.g. `ophthalmologist`. */
  readonly code: string;
  /** Russian name as patients know it, e.g. «Офтальмолог». */
  readonly name: string;
}

/** Why the kiosk will not book something for this patient; the UI turns `rule` into plain Russian. */
export type BookingRule =
  /** Needs a referral (направление): not one of the self-bookable specialties. */
  | 'specialty-not-self-bookable'
  /** A district doctor (участковый) of another district; `district` is the patient's. */
  | 'other-district'
  /** A district specialty, but the patient has no district at this clinic. */
  | 'no-district'
  /** A children's specialty and the patient is `adultAge` or older. */
  | 'children-only'
  /** An adults' district specialty and the patient is younger than `adultAge`. */
  | 'adults-only'
  /** The patient already has `limit` active bookings with this specialty (`existingStart` is the nearest). */
  | 'active-booking-exists'
  /** The time is beyond the booking horizon of `horizonDays` days. */
  | 'beyond-horizon'
  /** This visit to the kiosk has already booked `limit` appointments. */
  | 'session-cap'
  /** The scheduler itself refused by one of its own rules (`message` is its text). */
  | 'backend-rule';

export interface RuleRefusal {
  readonly kind: 'rejected-by-rule';
  readonly rule: BookingRule;
  readonly limit?: number;
  readonly horizonDays?: number;
  readonly adultAge?: number;
  readonly district?: string;
  readonly existingStart?: LocalDateTime;
  /** Technical detail for logs and the service screen; never shown to patients as is. */
  readonly message?: string;
}

export type SpecialtyBlock = RuleRefusal | { readonly kind: 'not-attached' };

export interface SpecialtyAvailability extends Specialty {
  readonly doctorCount: number;
  /** Earliest free slot within the horizon, or null when nothing is free (or the patient may not book it). */
  readonly nearestFree: LocalDateTime | null;
  /** Why this patient may not book this specialty at the kiosk; null or absent when they may. */
  readonly blockedBy?: SpecialtyBlock | null;
}

export interface Doctor {
  readonly id: string;
  /** «Петрова Анна Сергеевна» */
  readonly fullName: string;
  readonly specialtyCode: string;
  readonly room: string;
  /** The district (участок) a district doctor serves; null or absent for everyone else. */
  readonly district?: string | null;
}

/** Reference data: changes rarely, cached by the bridge with a staleness bound. */
export interface ClinicDirectory {
  readonly specialties: readonly Specialty[];
  readonly doctors: readonly Doctor[];
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

export type AppointmentStatus = 'booked' | 'cancelled';

export interface Appointment {
  readonly id: string;
  /** Human-readable booking number printed on the ticket and in its QR. */
  readonly number: string;
  readonly slot: Slot;
  readonly patientId: string;
  readonly status: AppointmentStatus;
}

/** Free slots with `from <= start < to` (clinic wall clock), of one specialty and/or of the listed doctors. */
export interface SlotQuery {
  readonly from: LocalDateTime;
  readonly to: LocalDateTime;
  readonly specialtyCode?: string;
  /** Only these doctors (an empty list matches nothing). */
  readonly doctorIds?: readonly string[];
}

/** Free slots of one doctor on one day. */
export interface FreeSlotCount {
  readonly doctorId: string;
  readonly date: LocalDate;
  readonly count: number;
  readonly first: LocalDateTime;
}

/** Лист ожидания: the three claims a patient may make when there is nothing to book. */
export type WaitingListClaim = 'no-slots' | 'no-convenient-time' | 'no-such-specialist';
export const WAITING_LIST_CLAIMS: readonly WaitingListClaim[] = ['no-slots', 'no-convenient-time', 'no-such-specialist'];

export interface WaitingListRequest {
  readonly patientId: string;
  readonly specialtyCode: string;
  /** A particular doctor, or null for any doctor of the specialty. */
  readonly doctorId: string | null;
  readonly claim: WaitingListClaim;
}

export interface WaitingListEntry {
  readonly id: string;
  readonly specialtyCode: string;
  readonly doctorId: string | null;
  readonly claim: WaitingListClaim;
  /** ISO instant the patient joined; joining again returns the same entry. */
  readonly createdAt: string;
}

export type SchedulerError =
  | { readonly kind: 'patient-not-found' }
  | { readonly kind: 'not-attached' }
  | { readonly kind: 'slot-not-found' }
  | { readonly kind: 'slot-taken' }
  | { readonly kind: 'hold-not-found' }
  | { readonly kind: 'hold-expired' }
  | { readonly kind: 'appointment-not-found' }
  | RuleRefusal
  | { readonly kind: 'unavailable'; readonly cause: string };

export type SchedulerStatus =
  | { readonly state: 'ready'; readonly adapter: string }
  | { readonly state: 'unavailable'; readonly adapter: string; readonly cause: string };

export interface Scheduler {
  findPatientByPolicy(policyNumber: string): Promise<Result<Patient, SchedulerError>>;
  /** Every specialty that has a doctor, and every doctor with room and district. */
  listDirectory(): Promise<Result<ClinicDirectory, SchedulerError>>;
  /** Free slots in the window, in the future only, earliest first. Never cached: slots are always fresh. */
  listFreeSlots(query: SlotQuery): Promise<Result<Slot[], SchedulerError>>;
  /** Free slots per doctor per day in the window (days with none are left out). */
  countFreeSlots(query: SlotQuery): Promise<Result<FreeSlotCount[], SchedulerError>>;
  /** The earliest free slot's start in the window, or null. */
  firstFreeSlot(query: SlotQuery): Promise<Result<LocalDateTime | null, SchedulerError>>;
  /** Keeps the slot for this patient until `expiresAt`; nobody else can hold or book it. */
  holdSlot(slotId: string, patientId: string, ttlSeconds: number): Promise<Result<Hold, SchedulerError>>;
  /** Turns a live hold into an appointment. Idempotent on `clientKey`: a retry returns the same appointment. */
  confirmHold(holdId: string, clientKey: string): Promise<Result<Appointment, SchedulerError>>;
  /** Lets the slot go. Releasing a hold that is already gone is fine. */
  releaseHold(holdId: string): Promise<Result<void, SchedulerError>>;
  /** Cancels the patient's appointment and frees its slot. Cancelling twice answers the cancelled appointment. */
  cancelAppointment(appointmentId: string, patientId: string): Promise<Result<Appointment, SchedulerError>>;
  /** The patient's booked appointments starting at or after `from`, earliest first. */
  listAppointments(patientId: string, query: { readonly from: LocalDateTime }): Promise<Result<Appointment[], SchedulerError>>;
  /** Puts the patient on the waiting list; joining again with the same specialty and doctor returns the open entry. */
  joinWaitingList(request: WaitingListRequest): Promise<Result<WaitingListEntry, SchedulerError>>;
  status(): Promise<SchedulerStatus>;
  close(): void;
}
