// The slice of FHIR R4 the adapter reads, checked with zod at the edge: a
// resource without what the kiosk needs is a malformed answer (`unavailable`),
// never a crash. Unknown fields are kept (an update sends the resource back whole).
import { z } from 'zod';

/** Russian FHIR profiles name the OMS policy identifier system so. */
export const OMS_IDENTIFIER_SYSTEM = 'https://fhir.ru/ig/core/systems/oms';
/** СНИЛС (OID of the Pension Fund's insurance number). */
export const SNILS_IDENTIFIER_SYSTEM = 'urn:oid:1.2.643.100.3';
/** The kiosk's own specialty codes (`surgeon`, `therapist-district`); map to a regional code system in config. */
export const KIOSK_SPECIALTY_SYSTEM = 'urn:clinic-kiosk:specialty';

/** Identifiers and extensions the kiosk writes, so its holds and bookings can be found again. */
export const KIOSK_FHIR = {
  /** Appointment.identifier: the token of the hold that became this appointment (also on the held Slot). */
  holdSystem: 'urn:clinic-kiosk:hold',
  /** Appointment.identifier: the confirm's client key, which makes confirm idempotent. */
  clientKeySystem: 'urn:clinic-kiosk:client-key',
  /** Appointment.identifier: the booking number printed on the ticket and in its QR. */
  bookingNumberSystem: 'urn:clinic-kiosk:booking-number',
  /** Appointment.identifier of a waiting-list entry: patient, specialty and doctor, for If-None-Exist. */
  waitingListSystem: 'urn:clinic-kiosk:waiting-list',
  /** The outbox request's idempotency key on its waitlist Appointment (WaitingListRequest.clientKey). */
  waitingListRequestSystem: 'urn:clinic-kiosk:waiting-list-request',
  /** Appointment.reasonCode of a waiting-list entry: the patient's claim. */
  waitingListClaimSystem: 'urn:clinic-kiosk:waiting-list-claim',
  /** Slot and Appointment extension: the hold token. */
  holdTokenExtension: 'urn:clinic-kiosk:fhir:hold-token',
  /** Slot and Appointment extension: when the hold expires (valueInstant). */
  holdExpiresExtension: 'urn:clinic-kiosk:fhir:hold-expires',
  /** Patient and PractitionerRole extension: the district (участок), valueString. */
  districtExtension: 'urn:clinic-kiosk:fhir:district',
} as const;

const reference = z.looseObject({ reference: z.string().optional(), display: z.string().optional() });
const coding = z.looseObject({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
const codeableConcept = z.looseObject({ coding: z.array(coding).optional(), text: z.string().optional() });
const identifier = z.looseObject({ system: z.string().optional(), value: z.string().optional() });
const extension = z.looseObject({
  url: z.string(),
  valueString: z.string().optional(),
  valueCode: z.string().optional(),
  valueInstant: z.string().optional(),
  valueDateTime: z.string().optional(),
});
const humanName = z.looseObject({
  use: z.string().optional(),
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
});
const meta = z.looseObject({ versionId: z.string().optional(), lastUpdated: z.string().optional() });

export const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  total: z.number().optional(),
  link: z.array(z.looseObject({ relation: z.string(), url: z.string() })).optional(),
  entry: z.array(z.looseObject({ resource: z.unknown().optional() })).optional(),
});

export const patientSchema = z.looseObject({
  resourceType: z.literal('Patient'),
  id: z.string(),
  identifier: z.array(identifier).optional(),
  name: z.array(humanName).optional(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  gender: z.string().optional(),
  managingOrganization: reference.optional(),
  extension: z.array(extension).optional(),
  telecom: z.array(z.looseObject({ system: z.string().optional(), value: z.string().optional(), use: z.string().optional(), rank: z.number().optional() })).optional(),
});

export const practitionerRoleSchema = z.looseObject({
  resourceType: z.literal('PractitionerRole'),
  id: z.string(),
  active: z.boolean().optional(),
  practitioner: reference.optional(),
  organization: reference.optional(),
  specialty: z.array(codeableConcept).optional(),
  location: z.array(reference).optional(),
  extension: z.array(extension).optional(),
});

export const practitionerSchema = z.looseObject({
  resourceType: z.literal('Practitioner'),
  id: z.string(),
  name: z.array(humanName).optional(),
});

export const locationSchema = z.looseObject({ resourceType: z.literal('Location'), id: z.string(), name: z.string().optional() });

export const scheduleSchema = z.looseObject({
  resourceType: z.literal('Schedule'),
  id: z.string(),
  actor: z.array(reference),
});

export const slotSchema = z.looseObject({
  resourceType: z.literal('Slot'),
  id: z.string(),
  meta: meta.optional(),
  schedule: reference,
  status: z.enum(['busy', 'free', 'busy-unavailable', 'busy-tentative', 'entered-in-error']),
  start: z.string(),
  end: z.string(),
  extension: z.array(extension).optional(),
});

export const appointmentSchema = z.looseObject({
  resourceType: z.literal('Appointment'),
  id: z.string(),
  meta: meta.optional(),
  status: z.string(),
  start: z.string().optional(),
  end: z.string().optional(),
  created: z.string().optional(),
  slot: z.array(reference).optional(),
  specialty: z.array(codeableConcept).optional(),
  reasonCode: z.array(codeableConcept).optional(),
  participant: z.array(z.looseObject({ actor: reference.optional(), status: z.string().optional() })),
  identifier: z.array(identifier).optional(),
  extension: z.array(extension).optional(),
});

export type FhirBundle = z.infer<typeof bundleSchema>;
export type FhirPatient = z.infer<typeof patientSchema>;
export type FhirPractitionerRole = z.infer<typeof practitionerRoleSchema>;
export type FhirSlot = z.infer<typeof slotSchema>;
export type FhirAppointment = z.infer<typeof appointmentSchema>;
export type FhirExtension = z.infer<typeof extension>;
export type FhirIdentifier = z.infer<typeof identifier>;

export function extensionValue(resource: { extension?: FhirExtension[] | undefined }, url: string): string | null {
  const e = resource.extension?.find((x) => x.url === url);
  return e?.valueString ?? e?.valueCode ?? e?.valueInstant ?? e?.valueDateTime ?? null;
}

export function identifierValue(resource: { identifier?: FhirIdentifier[] | undefined }, system: string): string | null {
  return resource.identifier?.find((i) => i.system === system)?.value ?? null;
}

/** `Schedule/abc` → `abc` when the type matches. */
export function idOf(ref: { reference?: string | undefined } | undefined, type: string): string | null {
  const r = ref?.reference;
  if (!r) return null;
  const parts = r.split('/');
  const id = parts.at(-1);
  return parts.at(-2) === type && id ? id : null;
}
