// Who may book what at the kiosk (Minzdrav methodological recommendations,
// ../shared/domain/booking.md), in one place in front of every scheduler
// adapter: a backend that does not enforce a rule still gets it enforced here,
// and every refusal carries a machine-readable rule the UI turns into plain Russian.
//
// Pure functions of the settings, the patient, the directory and the
// patient's bookings: no I/O, no clock (callers pass "today").
import { addDays, toLocalDateTime } from '../domain/clinic-clock';
import { ageOn } from '../scheduler/local-time';
import type {
  Appointment,
  ClinicDirectory,
  Doctor,
  LocalDate,
  LocalDateTime,
  Patient,
  RuleRefusal,
  SpecialtyBlock,
} from '../scheduler/scheduler-port';

/** The 14 specialties patients may book without a referral (regions may change the list in config). */
export const SELF_BOOKABLE_SPECIALTIES = [
  'therapist-district',
  'gp',
  'pediatrician-district',
  'surgeon',
  'pediatric-surgeon',
  'ophthalmologist',
  'otolaryngologist',
  'obstetrician-gynecologist',
  'dentist',
  'dentist-therapist',
  'pediatric-dentist',
  'psychiatrist-narcologist',
  'pediatric-psychiatrist',
  'phthisiatrician',
] as const;

export interface BookingPolicySettings {
  /** Specialty codes patients may book at the kiosk without a referral. */
  readonly selfBookableSpecialties: readonly string[];
  /** District doctors (участковые): booked only with the doctor of the patient's own district. */
  readonly districtSpecialties: readonly string[];
  /** For patients younger than `adultAge` only. */
  readonly childSpecialties: readonly string[];
  /** For patients `adultAge` or older only. */
  readonly adultSpecialties: readonly string[];
  readonly adultAge: number;
  /** Days ahead a patient may book, today included. */
  readonly horizonDays: number;
  /** Active (future) bookings a patient may have per specialty; 0 turns the rule off. */
  readonly maxActivePerSpecialty: number;
  /** Appointments one visit to the kiosk may book; 0 turns the rule off. */
  readonly maxBookingsPerSession: number;
  /**
   * Minutes from now before the earliest time the kiosk offers or books: nobody is booked for 11:15 at 11:09,
   * when the patient cannot reach the room in time. 0 turns the rule off.
   */
  readonly minLeadMinutes: number;
}

export const DEFAULT_BOOKING_POLICY: BookingPolicySettings = {
  selfBookableSpecialties: SELF_BOOKABLE_SPECIALTIES,
  districtSpecialties: ['therapist-district', 'gp', 'pediatrician-district'],
  childSpecialties: ['pediatrician-district', 'pediatric-surgeon', 'pediatric-dentist', 'pediatric-psychiatrist'],
  adultSpecialties: ['therapist-district'],
  adultAge: 18,
  horizonDays: 14,
  maxActivePerSpecialty: 1,
  maxBookingsPerSession: 3,
  minLeadMinutes: 30,
};

/** What the policy needs to know to judge one slot for one patient. */
export interface SlotCheck {
  readonly patient: Patient;
  readonly doctor: Doctor;
  readonly start: LocalDateTime;
  readonly today: LocalDate;
  /** The patient's booked appointments from now on (any channel: kiosk, registry, portal). */
  readonly appointments: readonly Appointment[];
  /** Appointments already booked in this visit to the kiosk. */
  readonly bookedInSession: number;
  /** The earliest start the kiosk may book now (`earliestStart`); absent: no lead time is checked. */
  readonly earliest?: LocalDateTime;
}

export type BookingPolicy = ReturnType<typeof createBookingPolicy>;

export function createBookingPolicy(settings: BookingPolicySettings = DEFAULT_BOOKING_POLICY) {
  const selfBookable = new Set(settings.selfBookableSpecialties);
  const district = new Set(settings.districtSpecialties);
  const childOnly = new Set(settings.childSpecialties);
  const adultOnly = new Set(settings.adultSpecialties);
  const rule = (r: Omit<RuleRefusal, 'kind'>): RuleRefusal => ({ kind: 'rejected-by-rule', ...r });

  /** Self-bookable, and the patient's age fits (on `onDate`). */
  function specialtyRule(patient: Patient | null, code: string, onDate: LocalDate): RuleRefusal | null {
    if (!selfBookable.has(code)) return rule({ rule: 'specialty-not-self-bookable' });
    if (!patient) return null;
    const age = ageOn(patient.birthDate, onDate);
    if (childOnly.has(code) && age >= settings.adultAge) return rule({ rule: 'children-only', adultAge: settings.adultAge });
    if (adultOnly.has(code) && age < settings.adultAge) return rule({ rule: 'adults-only', adultAge: settings.adultAge });
    return null;
  }

  /** District doctors only for their own district's patients. */
  function doctorRule(patient: Patient | null, doctor: Doctor): RuleRefusal | null {
    if (!patient || !district.has(doctor.specialtyCode)) return null;
    const home = patient.district ?? null;
    if (home === null) return rule({ rule: 'no-district' });
    if ((doctor.district ?? null) !== home) return rule({ rule: 'other-district', district: home });
    return null;
  }

  function activeBookingRule(code: string, appointments: readonly Appointment[]): RuleRefusal | null {
    if (settings.maxActivePerSpecialty <= 0) return null;
    const same = appointments.filter((a) => a.status === 'booked' && a.slot.specialty.code === code);
    if (same.length < settings.maxActivePerSpecialty) return null;
    return rule({ rule: 'active-booking-exists', limit: settings.maxActivePerSpecialty, existingStart: same[0]!.slot.start });
  }

  function sessionCapRule(bookedInSession: number): RuleRefusal | null {
    if (settings.maxBookingsPerSession <= 0 || bookedInSession < settings.maxBookingsPerSession) return null;
    return rule({ rule: 'session-cap', limit: settings.maxBookingsPerSession });
  }

  /** `now` plus the lead time, on the clinic's wall clock: the earliest start a list offers or a hold accepts. */
  function earliestStart(now: Date, timeZone: string): LocalDateTime {
    return toLocalDateTime(new Date(now.getTime() + settings.minLeadMinutes * 60_000), timeZone);
  }

  function leadRule(start: LocalDateTime, earliest: LocalDateTime | undefined): RuleRefusal | null {
    if (earliest === undefined || settings.minLeadMinutes <= 0 || start >= earliest) return null;
    return rule({ rule: 'too-soon', minLeadMinutes: settings.minLeadMinutes });
  }

  /** The first day beyond the horizon (exclusive end of the booking window). */
  function horizonEnd(today: LocalDate): LocalDate {
    return addDays(today, settings.horizonDays);
  }

  return {
    settings,
    horizonEnd,
    earliestStart,
    specialtyRule,
    doctorRule,
    activeBookingRule,
    sessionCapRule,

    /**
     * Whether a specialty appears in the patient's lists at all: referral-only
     * specialties and those for another age group are left out; the rest are
     * shown, with `blockedBy` when this patient cannot book them now.
     */
    isListed(patient: Patient | null, code: string, today: LocalDate): boolean {
      const refusal = specialtyRule(patient, code, today);
      return refusal === null;
    },

    /** The doctors of a specialty this patient may book (all of them when nobody is identified). */
    bookableDoctors(patient: Patient | null, directory: ClinicDirectory, code: string): Doctor[] {
      return directory.doctors.filter((d) => d.specialtyCode === code && doctorRule(patient, d) === null);
    },

    /**
     * Why the patient cannot book this specialty at all right now, or null:
     * not attached, no district, district doctor missing, or an active booking.
     */
    specialtyBlock(
      patient: Patient | null,
      directory: ClinicDirectory,
      code: string,
      context: { today: LocalDate; appointments: readonly Appointment[]; bookedInSession: number },
    ): SpecialtyBlock | null {
      const bySpecialty = specialtyRule(patient, code, context.today);
      if (bySpecialty) return bySpecialty;
      if (!patient) return null;
      if (patient.attached === false) return { kind: 'not-attached' };
      const doctors = directory.doctors.filter((d) => d.specialtyCode === code);
      const refusals = doctors.map((d) => doctorRule(patient, d));
      if (doctors.length > 0 && refusals.every((r) => r !== null)) return refusals[0]!;
      return sessionCapRule(context.bookedInSession) ?? activeBookingRule(code, context.appointments);
    },

    /** Every rule, in the order a patient would want to hear them. Null when the slot may be booked. */
    checkSlot(check: SlotCheck): SpecialtyBlock | null {
      const { patient, doctor } = check;
      if (patient.attached === false) return { kind: 'not-attached' };
      const day = check.start.slice(0, 10);
      return (
        specialtyRule(patient, doctor.specialtyCode, day) ??
        doctorRule(patient, doctor) ??
        (day >= horizonEnd(check.today) ? rule({ rule: 'beyond-horizon', horizonDays: settings.horizonDays }) : null) ??
        leadRule(check.start, check.earliest) ??
        sessionCapRule(check.bookedInSession) ??
        activeBookingRule(doctor.specialtyCode, check.appointments)
      );
    },
  };
}
