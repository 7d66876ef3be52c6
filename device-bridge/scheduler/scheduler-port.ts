// The one port every scheduler adapter implements (embedded SQLite, FHIR R4;
// N3 HubService later). Types are the kiosk's own domain, not any backend's.
// Booking is find → hold (expiring) → confirm (idempotent on a client key).
// Booking rules (who may book what) are not here: they live in one booking
// policy in front of every adapter (device-bridge/booking/booking-policy.ts).
import type { Result } from '../contract/result';
import type { AppointmentStatus, Doctor, LocalDate, LocalDateTime, SchedulerError, Slot, Specialty, WaitingListClaim, WaitingListEntry } from '../contract/scheduling';

// The wire types are defined in the contract; adapters keep importing them from here.
export type * from '../contract/scheduling';
export { WAITING_LIST_CLAIMS } from '../contract/scheduling';

export type Sex = 'male' | 'female';

/** Personal data: lives for one session only, never logged. Name fields are '' where the backend gives none (never invented). */
export interface Patient {
  readonly id: string;
  readonly policyNumber: string;
  readonly surname: string;
  readonly givenName: string;
  readonly patronymic: string;
  /** '' when the backend states none (a hub that identifies by policy alone may not). */
  readonly birthDate: LocalDate;
  /** Absent when the backend states none and the policy number does not encode it (never guessed). */
  readonly sex?: Sex;
  /**
   * Attached (прикреплён) to this clinic: only attached patients may book here.
   * Every adapter sets it; absent (a hand-made Patient) counts as attached.
   */
  readonly attached?: boolean;
  /** The district (участок) of attachment, e.g. `1`; null or absent when the clinic has not assigned one. */
  readonly district?: string | null;
  /**
   * The phone the registry calls (the waiting list); null when the record has none, absent when the adapter
   * does not read it. Shown to the patient masked only (booking/booking-ticket.ts maskedPhone).
   */
  readonly phone?: string | null;
}

/** Reference data: changes rarely, cached by the bridge with a staleness bound. */
export interface ClinicDirectory {
  readonly specialties: readonly Specialty[];
  readonly doctors: readonly Doctor[];
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

export interface WaitingListRequest {
  readonly patientId: string;
  readonly specialtyCode: string;
  /** A particular doctor, or null for any doctor of the specialty. */
  readonly doctorId: string | null;
  readonly claim: WaitingListClaim;
  /**
   * Idempotency key of this request (the kiosk's outbox sends one per request, device-bridge/outbox/):
   * a retry with the same key returns the entry it made, whatever happened to it since, and never adds a second.
   */
  readonly clientKey?: string;
}

export type SchedulerStatus =
  | { readonly state: 'ready'; readonly adapter: string }
  | { readonly state: 'unavailable'; readonly adapter: string; readonly cause: string };

/** A booking found by the confirm's idempotency key. */
export interface KeyedBooking {
  readonly appointment: Appointment;
  readonly holdId: string;
}

export interface Scheduler {
  /**
   * `birthDate` (YYYY-MM-DD), when given, must be the patient's: a number with another birth date
   * answers `patient-not-found`, exactly like an unknown number (nothing tells which of the two was wrong).
   */
  findPatientByPolicy(policyNumber: string, birthDate?: LocalDate): Promise<Result<Patient, SchedulerError>>;
  /**
   * The backend cannot identify a patient by the number alone (an N3 hub with `patientMatch:
   * "policy+birthDate"`): the kiosk asks for the birth date. Absent = false.
   */
  readonly needsBirthDate?: boolean;
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
  /**
   * Turns a live hold into an appointment. Idempotent on `clientKey`: a retry returns the same appointment;
   * a key that already confirmed another hold answers `client-key-reused`.
   */
  confirmHold(holdId: string, clientKey: string): Promise<Result<Appointment, SchedulerError>>;
  /** The booking a confirm with this `clientKey` made, with the hold it confirmed, or null: a replay after a restart finds it. */
  bookingByClientKey(clientKey: string): Promise<Result<KeyedBooking | null, SchedulerError>>;
  /** Lets the slot go. Releasing a hold that is already gone is fine. */
  releaseHold(holdId: string): Promise<Result<void, SchedulerError>>;
  /** Cancels the patient's appointment and frees its slot. Cancelling twice answers the cancelled appointment; an arrived one is `appointment-not-found`. */
  cancelAppointment(appointmentId: string, patientId: string): Promise<Result<Appointment, SchedulerError>>;
  /**
   * Records that the patient has come (check-in on arrival): the appointment becomes `arrived`.
   * Checking in twice answers the arrived appointment; a cancelled appointment, or one that is not
   * this patient's, is `appointment-not-found`. Whether it is too early or too late is the kiosk's
   * rule (device-bridge/check-in/check-in-service.ts), not the adapter's.
   */
  checkIn(appointmentId: string, patientId: string): Promise<Result<Appointment, SchedulerError>>;
  /** The appointment (booked, arrived or cancelled) with this booking number, or null: a ticket's QR finds its booking. */
  findAppointmentByNumber(number: string): Promise<Result<Appointment | null, SchedulerError>>;
  /** The patient's booked (and arrived) appointments starting at or after `from`, earliest first. */
  listAppointments(patientId: string, query: { readonly from: LocalDateTime }): Promise<Result<Appointment[], SchedulerError>>;
  /** Puts the patient on the waiting list; joining again with the same specialty and doctor returns the open entry. */
  joinWaitingList(request: WaitingListRequest): Promise<Result<WaitingListEntry, SchedulerError>>;
  status(): Promise<SchedulerStatus>;
  close(): void;
}

/** The port's calls to a backend (not `close`): what the metrics wrappers count and time (metrics/instrumented-scheduler.ts, metrics/backend-calls.ts). */
export const SCHEDULER_OPERATIONS: ReadonlySet<PropertyKey> = new Set<keyof Scheduler>([
  'findPatientByPolicy',
  'listDirectory',
  'listFreeSlots',
  'countFreeSlots',
  'firstFreeSlot',
  'holdSlot',
  'confirmHold',
  'bookingByClientKey',
  'releaseHold',
  'cancelAppointment',
  'checkIn',
  'findAppointmentByNumber',
  'listAppointments',
  'joinWaitingList',
  'status',
]);
