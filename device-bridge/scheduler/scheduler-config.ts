// The scheduler's and the booking policy's parts of the kiosk config schema
// (config/kiosk-config-schema.ts spreads them in). Defaults live here, so a
// kiosk config only names what differs from them.
import { z } from 'zod';
import { DEFAULT_BOOKING_POLICY } from '../booking/booking-policy';
import { DEFAULT_RESILIENCE } from './resilience/resilient-scheduler';
import { prefetchConfig } from './prefetch/read-ahead-settings';
import { KIOSK_FHIR, KIOSK_SPECIALTY_SYSTEM, OMS_IDENTIFIER_SYSTEM } from './fhir/fhir-resources';

const specialtyCode = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a specialty code like `surgeon` or `therapist-district`');
const codes = (fallback: readonly string[]) => z.array(specialtyCode).default([...fallback]);

/** Timeouts, circuit breaker and reference-data cache, for any adapter. */
export const resilienceConfig = z
  .object({
    /** Longest a scheduler call may take, retries included. */
    timeoutMs: z.number().int().min(100).max(60_000).default(DEFAULT_RESILIENCE.timeoutMs),
    /** Failures in a row that make the kiosk report the scheduler down at once. */
    failureThreshold: z.number().int().min(1).max(100).default(DEFAULT_RESILIENCE.failureThreshold),
    /** Seconds before the kiosk checks a scheduler it reported down. */
    cooldownSeconds: z.number().min(0.1).max(3600).default(DEFAULT_RESILIENCE.cooldownMs / 1000),
    /** Specialties and doctors older than this are refreshed in the background. */
    referenceRefreshSeconds: z.number().min(1).max(86_400).default(DEFAULT_RESILIENCE.directoryRefreshMs / 1000),
    /** Specialties and doctors older than this are not shown at all. */
    referenceMaxStaleSeconds: z.number().min(1).max(30 * 86_400).default(DEFAULT_RESILIENCE.directoryMaxStaleMs / 1000),
  })
  .strict();

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name like KIOSK_FHIR_TOKEN');

/** `scheduler` when `adapter` is `fhir`: a FHIR R4 server over HTTP(S). */
export const fhirSchedulerConfig = z
  .object({
    adapter: z.literal('fhir'),
    /** Base of the FHIR REST API, e.g. https://fhir.clinic.local/fhir/R4/ */
    baseUrl: z.string().refine((s) => /^https?:\/\/[^\s/]+(\/\S*)?$/.test(s), 'expected http(s)://host/path/ of the FHIR API'),
    /** The bearer token, from an environment variable or a file; never in the config itself, never logged. */
    auth: z
      .object({ tokenEnv: envName.optional(), tokenFile: z.string().min(1).optional() })
      .strict()
      .refine((a) => (a.tokenEnv === undefined) !== (a.tokenFile === undefined), 'give either tokenEnv or tokenFile')
      .optional(),
    patientIdentifierSystem: z.string().min(1).default(OMS_IDENTIFIER_SYSTEM),
    specialtySystem: z.string().min(1).default(KIOSK_SPECIALTY_SYSTEM),
    /** Kiosk specialty code → the server's code, when the server uses another code system. */
    specialtyCodes: z.record(specialtyCode, z.string().min(1)).default({}),
    /** `Organization/<id>` of this clinic: patients attached elsewhere cannot book, other clinics' doctors are not shown. */
    organization: z.string().regex(/^Organization\/[A-Za-z0-9\-.]{1,64}$/, 'expected Organization/<id>').optional(),
    districtExtension: z.string().min(1).default(KIOSK_FHIR.districtExtension),
    /** Kept from the defaults: the print journal lives next to it. The FHIR adapter does not use it. */
    database: z.string().min(1),
    /** Kept from the defaults; the FHIR adapter does not read it. */
    clinicFile: z.string().min(1),
    resilience: resilienceConfig.optional(),
    prefetch: prefetchConfig.optional(),
  })
  .strict();

/** `scheduler` when `adapter` is `n3`: a regional N3.Health HubService («Сервис записи на приём», SOAP). */
export const n3SchedulerConfig = z
  .object({
    adapter: z.literal('n3'),
    /** The HubService endpoint, e.g. https://hub.example/HubService.svc */
    baseUrl: z.string().refine((s) => /^https?:\/\/[^\s/]+(\/\S*)?$/.test(s), 'expected http(s)://host/path of the HubService'),
    /** This clinic's id in the hub (idLpu). */
    lpuId: z.number().int().min(1),
    /** The integrator's guid, from an environment variable or a file; never in the config itself, never logged. */
    auth: z
      .object({ guidEnv: envName.optional(), guidFile: z.string().min(1).optional() })
      .strict()
      .refine((a) => (a.guidEnv === undefined) !== (a.guidFile === undefined), 'give either guidEnv or guidFile'),
    /** Kiosk specialty code → the hub's IdSpesiality. Hub specialties left out are shown under `n3-<id>` (not self-bookable). */
    specialtyCodes: z.record(specialtyCode, z.string().regex(/^[^\s]{1,64}$/, 'the hub\'s specialty id, e.g. "29"')).default({}),
    /** What CheckPatient is given: the policy alone, or the policy and the birth date (the kiosk then asks for it). */
    patientMatch: z.enum(['policy', 'policy+birthDate']).default('policy'),
    /** Kept from the defaults: the print journal, and the n3 adapter's confirm keys (n3-confirms.sqlite), live next to it. */
    database: z.string().min(1),
    /** Kept from the defaults; the n3 adapter does not read it. */
    clinicFile: z.string().min(1),
    resilience: resilienceConfig.optional(),
    prefetch: prefetchConfig.optional(),
  })
  .strict();

/** Booking policy fields of `booking` (next to horizonDays and holdSeconds). */
export const bookingPolicyFields = {
  /** Specialties patients may book without a referral (the 14 of the Minzdrav recommendations). */
  selfBookableSpecialties: codes(DEFAULT_BOOKING_POLICY.selfBookableSpecialties).refine((a) => a.length > 0, 'at least one specialty'),
  /** District doctors: only the doctor of the patient's own district. */
  districtSpecialties: codes(DEFAULT_BOOKING_POLICY.districtSpecialties),
  /** Children's specialties: patients younger than adultAge only. */
  childSpecialties: codes(DEFAULT_BOOKING_POLICY.childSpecialties),
  /** Adults' specialties: patients adultAge or older only. */
  adultSpecialties: codes(DEFAULT_BOOKING_POLICY.adultSpecialties),
  adultAge: z.number().int().min(14).max(21).default(DEFAULT_BOOKING_POLICY.adultAge),
  /** Active bookings per specialty and patient; 0 turns the rule off. */
  maxActivePerSpecialty: z.number().int().min(0).max(20).default(DEFAULT_BOOKING_POLICY.maxActivePerSpecialty),
  /** Bookings one visit to the kiosk may make; 0 turns the rule off. */
  maxBookingsPerSession: z.number().int().min(0).max(50).default(DEFAULT_BOOKING_POLICY.maxBookingsPerSession),
  /** Minutes from now before the earliest time offered or booked (slots and the one-tap nearest time); 0 turns it off. */
  minLeadMinutes: z.number().int().min(0).max(720).default(DEFAULT_BOOKING_POLICY.minLeadMinutes),
};
