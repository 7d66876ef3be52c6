// The clinic the embedded scheduler serves: departments and specialties,
// districts (участки), doctors with SNILS, rooms, districts, weekly hours and
// exceptions (days off, changed hours), the share of slots open to the kiosk,
// and (for demos and small clinics) patients with their district.
// Validated whole; every problem is reported with its field path, and an
// invalid file is never half applied.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { err, ok, type Result } from '../../contract/result';
import { DEFAULT_TIME_ZONE, WEEKDAYS, isKnownTimeZone, isLocalDate, minutesOfDay } from '../../domain/clinic-clock';
import { classifyPolicyNumber, normalizePolicyNumber, typedPolicyState } from '../../domain/oms-policy';
import { isValidSnils } from '../snils';
import { nationalDigits } from '../../domain/phone';

/** The demo clinic shipped with the kiosk («ГБУЗ «Городская поликлиника № 3»»). */
export const DEMO_CLINIC_PATH = new URL('../../../config/demo-clinic.json', import.meta.url);

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const code = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case code like `ophthalmologist` or `therapist-district`');

/** Parses a shift `08:00-14:00` into minutes of the day (`24:00` allowed as an end). */
export function parseShift(s: string): { from: number; to: number } | null {
  const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(s);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const from = minutesOfDay(m[1]);
  const to = m[2] === '24:00' ? 24 * 60 : minutesOfDay(m[2]);
  if (from === null || to === null) return null;
  return { from, to };
}

/** `08:00-14:00`: a shift or part of one, start before end, same day. */
const shift = z.string().superRefine((s, ctx) => {
  const parsed = parseShift(s);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `must look like 08:00-14:00 (got ${JSON.stringify(s)})` });
  } else if (parsed.from >= parsed.to) {
    ctx.addIssue({ code: 'custom', message: `the shift must end after it starts (got ${s})` });
  }
});
const shifts = z.array(shift).optional();

/** Weekly working hours; a missing day is a day off. Several shifts a day are allowed (a break between them). */
const weeklyHours = z
  .object({ mon: shifts, tue: shifts, wed: shifts, thu: shifts, fri: shifts, sat: shifts, sun: shifts })
  .strict();

const localDate = z.string().refine(isLocalDate, 'must be a date YYYY-MM-DD');
/** The share of a doctor's slots bookable at the kiosk (the rest stay with the registry desk and doctors). */
const kioskShare = z.number().min(0, 'a share from 0 to 1').max(1, 'a share from 0 to 1');
/** A district (участок) code as the clinic writes it: `1`, `12`, `П-3`. */
/** A patient's phone for the waiting list's call-back, in any form a registry writes; stored as +7 and 10 digits. */
const patientPhone = z
  .string()
  .refine((text) => nationalDigits(text) !== null, 'must be a Russian phone number: +7 and 10 digits, e.g. +7 912 345-67-89')
  .transform((text) => `+7${nationalDigits(text)}`);

const districtCode = z.string().trim().min(1).max(16).regex(/^[0-9A-Za-zА-Яа-яЁё_-]+$/, 'letters, digits, - and _ only');

/** A day off or changed hours for a period: `hours: []` is a day off, `hours: ["09:00-12:00"]` a shorter day. */
const exceptionSchema = z
  .object({
    from: localDate,
    /** Last day, inclusive; one day when absent. */
    to: localDate.optional(),
    hours: z.array(shift),
    note: z.string().optional(),
  })
  .strict()
  .refine((e) => e.to === undefined || e.to >= e.from, { message: 'the period must end on or after its first day', path: ['to'] });

const districtSchema = z.object({ code: districtCode, name: nonEmpty }).strict();

const specialtySchema = z.object({ code, name: nonEmpty }).strict();

const departmentSchema = z
  .object({ code, name: nonEmpty, specialties: z.array(specialtySchema).min(1, 'a department needs at least one specialty') })
  .strict();

const doctorSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, `-` or `_`'),
    /** «Петрова Анна Сергеевна» */
    fullName: nonEmpty,
    specialty: code,
    /** СНИЛС, `123-456-789 64`: how regional registries know the doctor. */
    snils: z.string().refine(isValidSnils, 'must be a SNILS like 123-456-789 64 with a valid check number').optional(),
    /** Кабинет, e.g. «214» */
    room: nonEmpty,
    /** Этаж, e.g. «2»: printed beside the room on the ticket and the check-in slip when given. */
    floor: z.string().trim().min(1).max(8).optional(),
    /** The district a district doctor (участковый терапевт, педиатр, ВОП) serves. */
    district: districtCode.optional(),
    slotMinutes: z.number().int().min(5).max(120),
    hours: weeklyHours,
    /** Days off and changed hours; a later entry wins over an earlier one for the same day. */
    exceptions: z.array(exceptionSchema).default([]),
    /** Overrides the clinic's share of slots open to the kiosk for this doctor. */
    kioskShare: kioskShare.optional(),
  })
  .strict();

/** Any number a patient may present (docs/domain/oms-policy.md §1), checked as the keypad checks it: the kiosk must be able to find everyone it lists. */
const policyNumber = nonEmpty.refine(
  (raw) => typedPolicyState(classifyPolicyNumber(raw).kind, raw).state === 'complete',
  'must be a 16-digit ЕНП with a valid check digit, a 9-digit temporary certificate, or an old-style series and number (6 to 20 letters and digits)',
);

const patientSchema = z
  .object({
    policyNumber,
    surname: nonEmpty,
    givenName: nonEmpty,
    patronymic: z.string().trim(),
    birthDate: localDate,
    sex: z.enum(['male', 'female']),
    /** The district of attachment (участок); absent when the clinic has not assigned one. */
    district: districtCode.optional(),
    /** False for someone in the registry who is attached to another clinic. */
    attached: z.boolean().default(true),
    /** The phone the registry calls back on (the waiting list); the kiosk shows it masked only. */
    phone: patientPhone.optional(),
  })
  .strict();

export const clinicDefinitionSchema = z
  .object({
    clinic: z
      .object({
        id: code,
        name: nonEmpty,
        shortName: nonEmpty.optional(),
        address: nonEmpty,
        /** For the ticket's "how to cancel" line. */
        phone: nonEmpty,
        timeZone: z.string().refine(isKnownTimeZone, 'must be an IANA time zone like Europe/Moscow').default(DEFAULT_TIME_ZONE),
        /** The share of every doctor's slots open to the kiosk (each doctor may override it). */
        kioskShare: kioskShare.default(1),
        /** Days the whole clinic is closed (public holidays). */
        closedDays: z.array(localDate).default([]),
      })
      .strict(),
    departments: z.array(departmentSchema).min(1),
    districts: z.array(districtSchema).default([]),
    doctors: z.array(doctorSchema),
    /** Demo and training data only: a real clinic's patients live in its registry. */
    patients: z.array(patientSchema).default([]),
  })
  .strict()
  .superRefine((def, ctx) => {
    const specialtyCodes = new Set<string>();
    def.departments.forEach((dep, i) => {
      dep.specialties.forEach((s, j) => {
        if (specialtyCodes.has(s.code)) {
          ctx.addIssue({ code: 'custom', path: ['departments', i, 'specialties', j, 'code'], message: `specialty ${s.code} is listed twice` });
        }
        specialtyCodes.add(s.code);
      });
    });
    const depCodes = new Set<string>();
    def.departments.forEach((dep, i) => {
      if (depCodes.has(dep.code)) ctx.addIssue({ code: 'custom', path: ['departments', i, 'code'], message: `department ${dep.code} is listed twice` });
      depCodes.add(dep.code);
    });

    const districts = new Set<string>();
    def.districts.forEach((d, i) => {
      if (districts.has(d.code)) ctx.addIssue({ code: 'custom', path: ['districts', i, 'code'], message: `district ${d.code} is listed twice` });
      districts.add(d.code);
    });

    const doctorIds = new Set<string>();
    const snilses = new Set<string>();
    def.doctors.forEach((doc, i) => {
      if (doc.district !== undefined && !districts.has(doc.district)) {
        ctx.addIssue({ code: 'custom', path: ['doctors', i, 'district'], message: `no district ${doc.district} in districts` });
      }
      if (doc.snils !== undefined) {
        const key = doc.snils.replace(/[\s-]/g, '');
        if (snilses.has(key)) ctx.addIssue({ code: 'custom', path: ['doctors', i, 'snils'], message: 'this SNILS is used twice' });
        snilses.add(key);
      }
      doc.exceptions.forEach((e, k) => {
        reportOverlaps(e.hours, (j) => ctx.addIssue({ code: 'custom', path: ['doctors', i, 'exceptions', k, 'hours', j], message: 'overlaps another shift on the same day' }));
      });
      if (doctorIds.has(doc.id)) ctx.addIssue({ code: 'custom', path: ['doctors', i, 'id'], message: `doctor id ${doc.id} is used twice` });
      doctorIds.add(doc.id);
      if (!specialtyCodes.has(doc.specialty)) {
        ctx.addIssue({ code: 'custom', path: ['doctors', i, 'specialty'], message: `no specialty ${doc.specialty} in departments` });
      }
      for (const day of WEEKDAYS) {
        reportOverlaps(doc.hours[day] ?? [], (k) =>
          ctx.addIssue({ code: 'custom', path: ['doctors', i, 'hours', day, k], message: 'overlaps another shift on the same day' }),
        );
      }
    });

    const policies = new Set<string>();
    def.patients.forEach((p, i) => {
      const key = normalizePolicyNumber(p.policyNumber);
      if (policies.has(key)) ctx.addIssue({ code: 'custom', path: ['patients', i, 'policyNumber'], message: 'this policy number is used twice' });
      policies.add(key);
      if (p.district !== undefined && !districts.has(p.district)) {
        ctx.addIssue({ code: 'custom', path: ['patients', i, 'district'], message: `no district ${p.district} in districts` });
      }
    });
  });

/** Calls `report(index)` for every shift that starts before an earlier one of the same day ends. */
function reportOverlaps(shifts: readonly string[], report: (index: number) => void): void {
  const sorted = shifts.map((s, k) => ({ ...(parseShift(s) ?? { from: 0, to: 0 }), k })).sort((a, b) => a.from - b.from);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1];
    const cur = sorted[k];
    if (prev && cur && cur.from < prev.to) report(cur.k);
  }
}

export type ClinicDefinition = z.output<typeof clinicDefinitionSchema>;
export type ClinicDoctor = ClinicDefinition['doctors'][number];
export type ClinicPatient = ClinicDefinition['patients'][number];

export interface ClinicDefinitionIssue {
  /** Dotted field path, e.g. `doctors.3.hours.mon.0`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

export function parseClinicDefinition(input: unknown): Result<ClinicDefinition, ClinicDefinitionIssue[]> {
  // jitless: parsed once at start, where compiling the parser costs more than it saves (device-bridge/config-loader.ts).
  const parsed = clinicDefinitionSchema.safeParse(input, { jitless: true });
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
}

export function loadClinicDefinition(path: string | URL): Result<ClinicDefinition, ClinicDefinitionIssue[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err([{ path: '', message: `cannot read ${String(path)}: ${(e as Error).message}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err([{ path: '', message: `not valid JSON: ${(e as Error).message}` }]);
  }
  return parseClinicDefinition(json);
}

/** One line per problem, for logs and the service screen. */
export function formatClinicDefinitionIssues(issues: readonly ClinicDefinitionIssue[]): string {
  return issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('\n');
}

/** Every specialty of the clinic in file order, with its department. */
export function specialtiesOf(def: ClinicDefinition): { code: string; name: string; departmentCode: string; departmentName: string }[] {
  return def.departments.flatMap((dep) =>
    dep.specialties.map((s) => ({ code: s.code, name: s.name, departmentCode: dep.code, departmentName: dep.name })),
  );
}
