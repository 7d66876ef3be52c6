// The resources the kiosk writes to the FHIR server, typed with
// @medplum/fhirtypes so a misspelt field or status fails the type check.
// A resource read back (fhir-resources.ts checks only the slice the kiosk
// reads) is sent back whole: unknown fields stay as the server had them.
import { createHash } from 'node:crypto';
import type { Appointment, CodeableConcept, Extension, Slot } from '@medplum/fhirtypes';
import type { Specialty, WaitingListRequest } from '../scheduler-port';
import { KIOSK_FHIR, type FhirAppointment, type FhirExtension, type FhirSlot } from './fhir-resources';
import type { SpecialtyCodes } from './fhir-mapping';

/** A resource as read, to be written back with some fields changed (the zod slice is looser than FHIR's types). */
function asRead<T>(resource: FhirSlot | FhirAppointment): T {
  return resource as unknown as T;
}

function withoutKioskExtensions(extensions: FhirExtension[] | undefined): Extension[] {
  return (extensions ?? []).filter((e) => e.url !== KIOSK_FHIR.holdTokenExtension && e.url !== KIOSK_FHIR.holdExpiresExtension);
}

function holdExtensions(token: string, expiresAt: string): Extension[] {
  return [
    { url: KIOSK_FHIR.holdTokenExtension, valueString: token },
    { url: KIOSK_FHIR.holdExpiresExtension, valueInstant: expiresAt },
  ];
}

export function specialtyConcept(codes: SpecialtyCodes, s: Specialty): CodeableConcept {
  return { coding: [{ system: codes.system, code: codes.backendCode(s.code), display: s.name }], text: s.name };
}

/** Held by this kiosk until `expiresAt`; another kiosk sees it free again after that. */
export function tentativeSlot(slot: FhirSlot, token: string, expiresAt: string): Slot {
  return {
    ...asRead<Slot>(slot),
    status: 'busy-tentative',
    extension: [...withoutKioskExtensions(slot.extension), ...holdExtensions(token, expiresAt)],
  };
}

/** Booked: busy, still carrying our token so a retried confirm recognises it. */
export function bookedSlot(slot: FhirSlot, token: string): Slot {
  return {
    ...asRead<Slot>(slot),
    status: 'busy',
    extension: [...withoutKioskExtensions(slot.extension), { url: KIOSK_FHIR.holdTokenExtension, valueString: token }],
  };
}

export function freedSlot(slot: FhirSlot): Slot {
  return { ...asRead<Slot>(slot), status: 'free', extension: withoutKioskExtensions(slot.extension) };
}

/** The `pending` Appointment that stands for a hold; found again by its token. */
export function holdAppointment(args: {
  readonly slot: FhirSlot;
  readonly patientId: string;
  readonly doctor: { readonly id: string; readonly fullName: string };
  readonly specialty: CodeableConcept;
  readonly token: string;
  readonly expiresAt: string;
  readonly created: string;
}): Appointment {
  return {
    resourceType: 'Appointment',
    status: 'pending',
    start: args.slot.start,
    end: args.slot.end,
    created: args.created,
    slot: [{ reference: `Slot/${args.slot.id}` }],
    specialty: [args.specialty],
    participant: [
      { actor: { reference: `Patient/${args.patientId}` }, status: 'accepted' },
      { actor: { reference: `PractitionerRole/${args.doctor.id}`, display: args.doctor.fullName }, status: 'needs-action' },
    ],
    identifier: [{ system: KIOSK_FHIR.holdSystem, value: args.token }],
    extension: holdExtensions(args.token, args.expiresAt),
    comment: 'Запись через инфомат',
  };
}

/** Booked, with the confirm's client key (idempotence) and the ticket's number. */
export function bookedAppointment(appointment: FhirAppointment, clientKey: string, number: string): Appointment {
  return {
    ...asRead<Appointment>(appointment),
    status: 'booked',
    identifier: [
      ...(appointment.identifier ?? []).filter((i) => i.system !== KIOSK_FHIR.clientKeySystem && i.system !== KIOSK_FHIR.bookingNumberSystem),
      { system: KIOSK_FHIR.clientKeySystem, value: clientKey },
      { system: KIOSK_FHIR.bookingNumberSystem, value: number },
    ],
    extension: (appointment.extension ?? []).filter((e) => e.url !== KIOSK_FHIR.holdExpiresExtension),
  };
}

/** The patient has come: FHIR's own `arrived` (the registry's desk sees it in its worklist). */
export function arrivedAppointment(appointment: FhirAppointment): Appointment {
  return { ...asRead<Appointment>(appointment), status: 'arrived' };
}

export function cancelledAppointment(appointment: FhirAppointment): Appointment {
  return { ...asRead<Appointment>(appointment), status: 'cancelled' };
}

/** The identifier that makes joining the waiting list twice find the open entry. */
export function waitingListKey(request: WaitingListRequest): string {
  return `${request.patientId}:${request.specialtyCode}:${request.doctorId ?? '*'}`;
}

export function waitingListAppointment(request: WaitingListRequest, specialty: CodeableConcept, created: string): Appointment {
  return {
    resourceType: 'Appointment',
    status: 'waitlist',
    created,
    specialty: [specialty],
    reasonCode: [{ coding: [{ system: KIOSK_FHIR.waitingListClaimSystem, code: request.claim }] }],
    participant: [
      { actor: { reference: `Patient/${request.patientId}` }, status: 'accepted' },
      ...(request.doctorId ? [{ actor: { reference: `PractitionerRole/${request.doctorId}` }, status: 'needs-action' as const }] : []),
    ],
    identifier: [
      { system: KIOSK_FHIR.waitingListSystem, value: waitingListKey(request) },
      ...(request.clientKey !== undefined ? [{ system: KIOSK_FHIR.waitingListRequestSystem, value: request.clientKey }] : []),
    ],
    comment: 'Лист ожидания, инфомат',
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `Ф-7K2M-9QXD`: short, stable for one appointment (a retried confirm prints the same), no I/O/0/1 confusion.
 * The prefix is Cyrillic like the embedded scheduler's З (appointments booked before carry `F-`).
 */
export function bookingNumber(appointmentId: string): string {
  const digest = createHash('sha256').update(appointmentId).digest();
  let s = '';
  for (let i = 0; i < 8; i++) s += CROCKFORD[digest[i]! % 32];
  return `Ф-${s.slice(0, 4)}-${s.slice(4)}`;
}
