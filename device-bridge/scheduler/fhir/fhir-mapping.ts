// FHIR resources → the kiosk's domain types (scheduler-port.ts). Pure: no I/O,
// no clock but what the caller passes. The way back (kiosk → the resources the
// adapter writes) is fhir-outgoing.ts.
import { decodeEnpBirthInfo } from '../../domain/oms-policy';
import { err, ok, type Result } from '../../contract/result';
import { instantToLocal } from '../local-time';
import type { Appointment, Doctor, Patient, Sex, Slot, Specialty } from '../scheduler-port';
import {
  KIOSK_FHIR,
  extensionValue,
  idOf,
  identifierValue,
  type FhirAppointment,
  type FhirExtension,
  type FhirPatient,
  type FhirPractitionerRole,
  type FhirSlot,
} from './fhir-resources';
import { nationalDigits } from '../../domain/phone';

const MINUTE = 60_000;

/** What the mapping needs of the directory read (fhir-directory.ts). */
export interface KnownDoctors {
  readonly doctors: ReadonlyMap<string, Doctor>;
  readonly specialties: ReadonlyMap<string, Specialty>;
  readonly doctorOfSchedule: ReadonlyMap<string, string>;
}

/**
 * A patient record the kiosk cannot use as it stands. It names the resource and
 * the field, never a value: it ends up in the log as the cause of an
 * `unavailable`, the answer the patient gets for any broken record.
 */
export interface PatientRecordProblem {
  readonly kind: 'patient-record-unusable';
  readonly field: 'gender';
  readonly problem: string;
}

export function patientRecordCause(p: PatientRecordProblem): string {
  return `malformed answer: ${p.field} ${p.problem} in a Patient`;
}

/** The kiosk's specialty codes and the backend's, and how a specialty reads in a resource. */
export class SpecialtyCodes {
  private readonly reverse: ReadonlyMap<string, string>;

  constructor(
    readonly system: string,
    private readonly toBackend: Readonly<Record<string, string>>,
  ) {
    this.reverse = new Map(Object.entries(toBackend).map(([kiosk, backend]) => [backend, kiosk]));
  }

  backendCode(kioskCode: string): string {
    return this.toBackend[kioskCode] ?? kioskCode;
  }

  kioskCode(backendCode: string): string {
    return this.reverse.get(backendCode) ?? backendCode;
  }

  /** The first specialty of the role in our code system; a role without one is not offered. */
  ofRole(role: FhirPractitionerRole): Specialty | null {
    for (const concept of role.specialty ?? []) {
      const c = concept.coding?.find((x) => x.system === this.system && x.code);
      if (c?.code) return { code: this.kioskCode(c.code), name: c.display ?? concept.text ?? c.code };
    }
    return null;
  }
}

export function toPatient(
  p: FhirPatient,
  policy: string,
  options: { readonly organization: string | null; readonly districtExtension: string },
): Result<Patient, PatientRecordProblem> {
  const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
  const [givenName = '', patronymic = ''] = name?.given ?? [];
  const sex = sexOf(p, policy);
  if (sex === null) {
    // Guessing would put a wrong sex on the ticket and into sex-bound booking rules.
    return err({ kind: 'patient-record-unusable', field: 'gender', problem: 'is neither male nor female and the policy number does not encode it' });
  }
  return ok({
    id: p.id,
    policyNumber: policy,
    surname: name?.family ?? '',
    givenName,
    patronymic,
    birthDate: p.birthDate,
    sex,
    attached: options.organization === null || p.managingOrganization?.reference === options.organization,
    district: extensionValue(p, options.districtExtension),
    phone: phoneOf(p),
  });
}

/**
 * The number the registry calls back on (the waiting list): a phone in Patient.telecom, a mobile first, then by
 * rank; +7 and 10 digits. Null when the record has no Russian phone (the screen then promises no number).
 */
function phoneOf(p: FhirPatient): string | null {
  const phones = (p.telecom ?? [])
    .filter((t) => t.system === 'phone' && t.value !== undefined && t.use !== 'old')
    .sort((a, b) => Number(b.use === 'mobile') - Number(a.use === 'mobile') || (a.rank ?? 99) - (b.rank ?? 99));
  for (const t of phones) {
    const digits = nationalDigits(t.value!);
    if (digits !== null) return `+7${digits}`;
  }
  return null;
}

/** Patient.gender when it is male or female; otherwise what a 16-digit ЕНП encodes; otherwise unknown. */
function sexOf(p: FhirPatient, policy: string): Sex | null {
  if (p.gender === 'male' || p.gender === 'female') return p.gender;
  return decodeEnpBirthInfo(policy)?.sex ?? null;
}

export function toSlot(known: KnownDoctors, s: FhirSlot, timeZone: string): Slot | null {
  const scheduleId = idOf(s.schedule, 'Schedule');
  const doctor = scheduleId ? known.doctors.get(known.doctorOfSchedule.get(scheduleId) ?? '') : undefined;
  const start = instantToLocal(s.start, timeZone);
  const startMs = Date.parse(s.start);
  const endMs = Date.parse(s.end);
  if (!doctor || start === null || !(endMs > startMs)) return null;
  const specialty = known.specialties.get(doctor.specialtyCode) ?? { code: doctor.specialtyCode, name: doctor.specialtyCode };
  return { id: s.id, start, durationMinutes: Math.round((endMs - startMs) / MINUTE), doctor, specialty };
}

/** An Appointment as the kiosk shows it; null when it has no start or no patient (a malformed answer). */
export function toAppointment(known: KnownDoctors, a: FhirAppointment, codes: SpecialtyCodes, timeZone: string): Appointment | null {
  const start = a.start ? instantToLocal(a.start, timeZone) : null;
  const startMs = Date.parse(a.start ?? '');
  const endMs = Date.parse(a.end ?? '');
  const patientId = a.participant.map((p) => idOf(p.actor, 'Patient')).find((id) => id !== null);
  if (start === null || !patientId) return null;
  const doctorRef = a.participant.find((p) => idOf(p.actor, 'PractitionerRole') !== null)?.actor;
  const doctorKnown = known.doctors.get(idOf(doctorRef, 'PractitionerRole') ?? '');
  const coding = a.specialty?.flatMap((c) => c.coding ?? []).find((c) => c.system === codes.system && c.code);
  const specialtyCode = doctorKnown?.specialtyCode ?? (coding?.code ? codes.kioskCode(coding.code) : 'unknown');
  const specialty = known.specialties.get(specialtyCode) ?? { code: specialtyCode, name: coding?.display ?? specialtyCode };
  const doctor: Doctor = doctorKnown ?? {
    id: idOf(doctorRef, 'PractitionerRole') ?? '',
    fullName: doctorRef?.display ?? '',
    specialtyCode,
    room: '',
    district: null,
  };
  return {
    id: a.id,
    number: identifierValue(a, KIOSK_FHIR.bookingNumberSystem) ?? a.id,
    patientId,
    status: a.status === 'cancelled' ? 'cancelled' : a.status === 'arrived' || a.status === 'fulfilled' || a.status === 'checked-in' ? 'arrived' : 'booked',
    slot: {
      id: idOf(a.slot?.[0], 'Slot') ?? '',
      start,
      durationMinutes: endMs > startMs ? Math.round((endMs - startMs) / MINUTE) : 0,
      doctor,
      specialty,
    },
  };
}

export function fullName(
  names: readonly { text?: string | undefined; family?: string | undefined; given?: string[] | undefined; use?: string | undefined }[] | undefined,
): string {
  const n = names?.find((x) => x.use === 'official') ?? names?.[0];
  if (!n) return '';
  if (n.text) return n.text;
  return [n.family, ...(n.given ?? [])].filter(Boolean).join(' ');
}

/** Free, or held by a kiosk whose hold has lapsed. */
export function isOpen(slot: FhirSlot, nowMs: number): boolean {
  if (slot.status === 'free') return true;
  if (slot.status !== 'busy-tentative') return false;
  const expires = Date.parse(extensionValue(slot, KIOSK_FHIR.holdExpiresExtension) ?? '');
  return Number.isFinite(expires) && expires <= nowMs;
}

/** The hold token a slot carries (ours or another kiosk's), if any. */
export function holdTokenOf(resource: { extension?: FhirExtension[] | undefined }): string | null {
  return extensionValue(resource, KIOSK_FHIR.holdTokenExtension);
}

/** FHIR ids: letters, digits, `-` and `.`, up to 64. */
export function isFhirId(id: string): boolean {
  return /^[A-Za-z0-9\-.]{1,64}$/.test(id);
}
