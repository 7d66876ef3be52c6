// The scheduling types that cross the wire: specialties, doctors, slots,
// booking-rule refusals, the waiting list and the scheduler's error kinds. The
// scheduler port (device-bridge/scheduler/scheduler-port.ts) is written in these
// types, so every adapter speaks the same language as the UI.

/** Wall-clock time in the clinic's time zone, `YYYY-MM-DDTHH:mm`. */
export type LocalDateTime = string;
/** Calendar date in the clinic's time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

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
  /** The time starts sooner than `minLeadMinutes` from now: the patient could not be there in time. */
  | 'too-soon'
  /** This visit to the kiosk has already booked `limit` appointments. */
  | 'session-cap'
  /** The scheduler itself refused by one of its own rules (`message` is its text). */
  | 'backend-rule';

export interface RuleRefusal {
  readonly kind: 'rejected-by-rule';
  readonly rule: BookingRule;
  readonly limit?: number;
  readonly horizonDays?: number;
  readonly minLeadMinutes?: number;
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
  /** The patient's own district doctor (участковый), for a district specialty; null or absent otherwise. */
  readonly ownDoctor?: Pick<Doctor, 'fullName' | 'room'> | null;
}

export interface Doctor {
  readonly id: string;
  /** «Петрова Анна Сергеевна» */
  readonly fullName: string;
  readonly specialtyCode: string;
  readonly room: string;
  /** The district (участок) a district doctor serves; null or absent for everyone else. */
  readonly district?: string | null;
  /** The floor of the room («3»), when the clinic file has it; printed on the ticket and the check-in slip. */
  readonly floor?: string | null;
}

export interface Slot {
  readonly id: string;
  readonly start: LocalDateTime;
  readonly durationMinutes: number;
  readonly doctor: Doctor;
  readonly specialty: Specialty;
}

/** `arrived`: the patient checked in at the kiosk on the day (Отметиться о приходе). */
export type AppointmentStatus = 'booked' | 'arrived' | 'cancelled';

/** Лист ожидания: the three claims a patient may make when there is nothing to book. */
export type WaitingListClaim = 'no-slots' | 'no-convenient-time' | 'no-such-specialist';
export const WAITING_LIST_CLAIMS: readonly WaitingListClaim[] = ['no-slots', 'no-convenient-time', 'no-such-specialist'];

export interface WaitingListEntry {
  readonly id: string;
  readonly specialtyCode: string;
  readonly doctorId: string | null;
  readonly claim: WaitingListClaim;
  /** ISO instant the patient joined; joining again returns the same entry. */
  readonly createdAt: string;
  /**
   * The phone the registry will call, masked («+7 9•• •••-••-67»); null when the patient's record has none;
   * absent when the scheduler does not say (the screen then promises no number).
   */
  readonly callPhone?: string | null;
}

export type SchedulerError =
  | { readonly kind: 'patient-not-found' }
  | { readonly kind: 'not-attached' }
  | { readonly kind: 'slot-not-found' }
  | { readonly kind: 'slot-taken' }
  | { readonly kind: 'hold-not-found' }
  | { readonly kind: 'hold-expired' }
  /** The confirm's clientKey already stands for another hold's booking (or another patient's): one key, one confirm. */
  | { readonly kind: 'client-key-reused' }
  | { readonly kind: 'appointment-not-found' }
  | RuleRefusal
  | { readonly kind: 'unavailable'; readonly cause: string };

