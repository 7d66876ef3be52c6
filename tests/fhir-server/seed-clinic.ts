// Puts a clinic into a FHIR server the way a regional system would hold it:
// Organization, Practitioner (with SNILS), PractitionerRole (specialty, room,
// district), one Schedule per role, Slots generated from the clinic's hours
// (slots kept for the registry desk are `busy-unavailable`), and Patients with
// the OMS policy as identifier, attachment and district.
import type { MemoryRepository } from '@medplum/fhir-router';
import type { ClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { plannedSlots } from '../../device-bridge/scheduler/embedded/seed';
import { KIOSK_FHIR, KIOSK_SPECIALTY_SYSTEM, OMS_IDENTIFIER_SYSTEM, SNILS_IDENTIFIER_SYSTEM } from '../../device-bridge/scheduler/fhir/fhir-resources';
import { toLocalDateTime } from '../../device-bridge/domain/clinic-clock';
import { localToInstant } from '../../device-bridge/scheduler/local-time';
import { specialtiesOf } from '../../device-bridge/scheduler/embedded/clinic-definition';
import type { LocalDate } from '../../device-bridge/scheduler/scheduler-port';
import { normalizeSnils } from '../../device-bridge/scheduler/snils';

export interface SeededClinic {
  /** `Organization/<id>` of the clinic, for the adapter's `organization`. */
  readonly organization: string;
  /** Kiosk doctor id (`doc-01`) → PractitionerRole id. */
  readonly roleOf: ReadonlyMap<string, string>;
  /** Policy number → Patient id. */
  readonly patientOf: ReadonlyMap<string, string>;
}

const MINUTE = 60_000;

export async function seedFhirClinic(
  repo: MemoryRepository,
  clinic: ClinicDefinition,
  window: { from: LocalDate; days: number },
): Promise<SeededClinic> {
  const create = (r: Record<string, unknown> & { resourceType: string }) => repo.createResource(r as never) as Promise<{ id: string }>;
  const tz = clinic.clinic.timeZone;
  const org = await create({ resourceType: 'Organization', name: clinic.clinic.name, identifier: [{ system: 'urn:clinic-kiosk:clinic', value: clinic.clinic.id }] });
  const organization = `Organization/${org.id}`;
  const names = new Map(specialtiesOf(clinic).map((s) => [s.code, s.name]));

  const roleOf = new Map<string, string>();
  const scheduleOf = new Map<string, string>();
  for (const d of clinic.doctors) {
    const [family, ...given] = d.fullName.split(' ');
    const practitioner = await create({
      resourceType: 'Practitioner',
      identifier: d.snils ? [{ system: SNILS_IDENTIFIER_SYSTEM, value: normalizeSnils(d.snils) }] : [],
      name: [{ use: 'official', family, given }],
    });
    const role = await create({
      resourceType: 'PractitionerRole',
      active: true,
      practitioner: { reference: `Practitioner/${practitioner.id}` },
      organization: { reference: organization },
      specialty: [{ coding: [{ system: KIOSK_SPECIALTY_SYSTEM, code: d.specialty, display: names.get(d.specialty) ?? d.specialty }] }],
      location: [{ display: d.room }],
      ...(d.district ? { extension: [{ url: KIOSK_FHIR.districtExtension, valueString: d.district }] } : {}),
    });
    const schedule = await create({ resourceType: 'Schedule', active: true, actor: [{ reference: `PractitionerRole/${role.id}` }] });
    roleOf.set(d.id, role.id);
    scheduleOf.set(d.id, schedule.id);
  }

  for (const s of plannedSlots(clinic, window.from, window.days)) {
    const start = localToInstant(s.start, tz);
    const end = new Date(Date.parse(start) + s.durationMinutes * MINUTE);
    await create({
      resourceType: 'Slot',
      schedule: { reference: `Schedule/${scheduleOf.get(s.doctorId)}` },
      status: s.kiosk ? 'free' : 'busy-unavailable',
      start,
      end: localToInstant(toLocalDateTime(end, tz), tz),
    });
  }

  const patientOf = new Map<string, string>();
  for (const p of clinic.patients) {
    const patient = await create({
      resourceType: 'Patient',
      identifier: [{ system: OMS_IDENTIFIER_SYSTEM, value: p.policyNumber }],
      name: [{ use: 'official', family: p.surname, given: [p.givenName, ...(p.patronymic ? [p.patronymic] : [])] }],
      birthDate: p.birthDate,
      gender: p.sex,
      managingOrganization: { reference: p.attached ? organization : 'Organization/another-clinic' },
      ...(p.district ? { extension: [{ url: KIOSK_FHIR.districtExtension, valueString: p.district }] } : {}),
      ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone, use: 'mobile' }] } : {}),
    });
    patientOf.set(p.policyNumber, patient.id);
  }
  return { organization, roleOf, patientOf };
}
