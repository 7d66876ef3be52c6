// The patient's booking over HTTP (device-bridge/api/booking-routes.ts): the
// session, what the screens show of the patient, holds, bookings, appointments.
// `ApiError` carries every SchedulerError kind, including `not-attached` and
// `rejected-by-rule` (with its machine-readable `rule`).
import type { InvalidRequest } from './invalid-request';
import type { Result } from './result';
import type { AppointmentStatus, Doctor, LocalDate, LocalDateTime, SchedulerError, Slot, SpecialtyBlock } from './scheduling';
import type { TicketData } from './ticket';

export type ApiError = SchedulerError | InvalidRequest | { readonly kind: 'session-expired' } | { readonly kind: 'appointment-not-found' };

/** The answer of a booking-flow route. */
export type ApiResult<T> = Result<T, ApiError>;

/** How the patient identified at the kiosk. */
export type SessionChannel = 'keypad' | 'card' | 'barcode';

/** `DELETE /api/sessions/current?reason=`: `done` (the journey finished), `home` (the patient left it: «В начало»), `idle` (the idle timeout); metrics only. */
export const UI_SESSION_END_REASONS = ['done', 'home', 'idle'] as const;
export type UiSessionEndReason = (typeof UI_SESSION_END_REASONS)[number];

/** What the screen may show of a patient: masked, never the full policy number. */
export interface PatientView {
  /**
   * «Иванова Т. А.», or null when the scheduler gave no name for the number (an N3 hub's
   * `CheckPatient` answers an id only): the screens then never invent one.
   */
  readonly displayName: string | null;
  readonly birthYear: number;
  readonly policyLast4: string;
}

export interface SessionStarted {
  readonly sessionId: string;
  readonly patient: PatientView;
}

/** GET /api/specialties/:code/doctors */
export interface DoctorView extends Doctor {
  /** Earliest free time within the horizon; null when none (or when `blockedBy`). */
  readonly nearestFree: LocalDateTime | null;
  /** Free times within the horizon. */
  readonly freeCount: number;
  /** Why this patient may not book this doctor (another district, …); null when they may. */
  readonly blockedBy: SpecialtyBlock | null;
}

/** GET /api/specialties/:code/days: every day of the horizon, today first, with its free times. */
export interface DayAvailability {
  readonly date: LocalDate;
  readonly freeCount: number;
}

export interface HoldView {
  readonly holdId: string;
  readonly slot: Slot;
  readonly expiresAt: string;
  /** Minutes from now (the bridge's clinic clock) to the start, for an appointment of today only: «через 36 минут». */
  readonly startsInMinutes?: number;
}

export interface Booked {
  readonly appointmentId: string;
  readonly bookingNumber: string;
  readonly slot: Slot;
  readonly ticket: TicketData;
  /** As in HoldView: minutes to the start when the appointment is today, counted when it was booked. */
  readonly startsInMinutes?: number;
}

/** GET /api/appointments, DELETE /api/appointments/:id */
export interface AppointmentView {
  readonly appointmentId: string;
  readonly bookingNumber: string;
  readonly slot: Slot;
  readonly status: AppointmentStatus;
}
