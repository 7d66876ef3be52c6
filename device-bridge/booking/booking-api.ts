// Wire types and request schemas of the booking routes added for the whole
// journey (doctors, days, slots of a day, my appointments, cancel, waiting
// list). api/contract.ts re-exports the types, so the UI keeps importing
// everything from one place with `import type`.
import { z } from 'zod';
import type {
  AppointmentStatus,
  BookingRule,
  Doctor,
  LocalDate,
  LocalDateTime,
  RuleRefusal,
  Slot,
  SpecialtyBlock,
  WaitingListClaim,
  WaitingListEntry,
} from '../scheduler/scheduler-port';
import { WAITING_LIST_CLAIMS } from '../scheduler/scheduler-port';

export type { AppointmentStatus, BookingRule, RuleRefusal, SpecialtyBlock, WaitingListClaim, WaitingListEntry };

/** How the patient identified at the kiosk. */
export type SessionChannel = 'keypad' | 'card' | 'barcode';

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

/** GET /api/appointments, DELETE /api/appointments/:id */
export interface AppointmentView {
  readonly appointmentId: string;
  readonly bookingNumber: string;
  readonly slot: Slot;
  readonly status: AppointmentStatus;
}

const specialtyCode = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a specialty code like `surgeon`').max(64);
const id = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'an id: letters, digits, `-`, `_`, `.`');

export const specialtyParams = z.object({ code: specialtyCode });
export const daySlotsParams = z.object({
  code: specialtyCode,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
});
/** `?doctorId=` narrows days and slots to one doctor. */
export const doctorFilter = z.object({ doctorId: id.optional() });
export const appointmentParams = z.object({ id });

/** POST /api/waiting-list */
export const waitingListRequest = z.object({
  specialtyCode,
  /** A particular doctor, or absent/null for any doctor of the specialty. */
  doctorId: id.nullable().optional(),
  claim: z.enum(WAITING_LIST_CLAIMS as [WaitingListClaim, ...WaitingListClaim[]]),
});
export type WaitingListBody = z.infer<typeof waitingListRequest>;
