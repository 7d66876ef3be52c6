// The FHIR R4 scheduler adapter (HTTP JSON): the clinic's schedule lives in a
// FHIR server; the kiosk reads and writes it with plain REST.
//
//   patient      Patient?identifier=<OMS system>|<ЕНП>; attachment = managingOrganization,
//                district = an extension                                   (here)
//   directory    PractitionerRole + Practitioner + Location + Schedule,
//                free slots from Slot searches                             fhir-directory.ts
//   booking      hold, confirm, release, cancel, check-in, appointments,
//                waiting list                                              fhir-booking.ts
//   mapping      FHIR → kiosk types                                        fhir-mapping.ts
//                kiosk → the resources written (typed, @medplum/fhirtypes)  fhir-outgoing.ts
//   concurrency  one If-Match read-modify-write loop                       if-match.ts
//
// Every port call shares one deadline; transport trouble is a typed `unavailable`.
import { normalizePolicyNumber, policyLookupForms } from '../../domain/oms-policy';
import { err, ok } from '../../contract/result';
import type {
  Appointment,
  ClinicDirectory,
  FreeSlotCount,
  Hold,
  LocalDateTime,
  LocalDate,
  Patient,
  Scheduler,
  SchedulerStatus,
  Slot,
  SlotQuery,
  WaitingListEntry,
  WaitingListRequest,
  KeyedBooking,
} from '../scheduler-port';
import { FhirBooking } from './fhir-booking';
import { deadline, type FhirContext } from './fhir-context';
import { countByDoctorAndDay, FhirDirectory } from './fhir-directory';
import { FhirHttp } from './fhir-http';
import { patientRecordCause, SpecialtyCodes, toPatient } from './fhir-mapping';
import { KIOSK_FHIR, KIOSK_SPECIALTY_SYSTEM, OMS_IDENTIFIER_SYSTEM, bundleSchema, patientSchema } from './fhir-resources';
import { search, unavailable, type Outcome } from './fhir-search';

export const FHIR_ADAPTER_NAME = 'fhir-r4';

export interface FhirSchedulerOptions {
  /** Base of the FHIR REST API, e.g. `https://fhir.clinic.local/fhir/R4/`. */
  readonly baseUrl: string;
  /** Bearer token (read from an env var or a file by the caller); never logged. */
  readonly token?: string | null;
  readonly timeZone: string;
  /** Budget of one port call, all its requests together (default 3000 ms). */
  readonly timeoutMs?: number;
  /** Identifier system of the OMS policy on Patient (default the Russian FHIR profiles' one). */
  readonly patientIdentifierSystem?: string;
  /** Code system of PractitionerRole.specialty (default the kiosk's own codes). */
  readonly specialtySystem?: string;
  /** Kiosk specialty code → the backend's code, when they differ (e.g. a regional НСИ code). */
  readonly specialtyCodes?: Readonly<Record<string, string>>;
  /** `Organization/<id>` of this clinic: attachment is checked against it and only its PractitionerRoles are read. */
  readonly organization?: string | null;
  /** Extension URL carrying the district on Patient and PractitionerRole. */
  readonly districtExtension?: string;
  /** How long the adapter reuses the doctors and schedules it read (it needs them to read slots). */
  readonly directoryTtlMs?: number;
  readonly now?: () => Date;
}

export function openFhirScheduler(options: FhirSchedulerOptions): FhirScheduler {
  return new FhirScheduler(options);
}

export class FhirScheduler implements Scheduler {
  private readonly ctx: FhirContext;
  private readonly patientSystem: string;
  private readonly organization: string | null;
  private readonly districtExtension: string;
  private readonly directory: FhirDirectory;
  private readonly booking: FhirBooking;

  constructor(options: FhirSchedulerOptions) {
    this.ctx = {
      http: new FhirHttp({ baseUrl: options.baseUrl, token: options.token ?? null }),
      timeZone: options.timeZone,
      timeoutMs: options.timeoutMs ?? 3000,
      codes: new SpecialtyCodes(options.specialtySystem ?? KIOSK_SPECIALTY_SYSTEM, options.specialtyCodes ?? {}),
      now: options.now ?? (() => new Date()),
    };
    this.patientSystem = options.patientIdentifierSystem ?? OMS_IDENTIFIER_SYSTEM;
    this.organization = options.organization ?? null;
    this.districtExtension = options.districtExtension ?? KIOSK_FHIR.districtExtension;
    this.directory = new FhirDirectory(this.ctx, {
      organization: this.organization,
      districtExtension: this.districtExtension,
      ttlMs: options.directoryTtlMs ?? 60_000,
    });
    this.booking = new FhirBooking(this.ctx, this.directory);
  }

  async findPatientByPolicy(policyNumber: string, birthDate?: LocalDate): Promise<Outcome<Patient>> {
    const policy = normalizePolicyNumber(policyNumber);
    if (policy === '') return err({ kind: 'patient-not-found' });
    const d = deadline(this.ctx);
    // An exact-value search: an old-style series + number may be kept with or without the space, so ask for each form at once.
    // FHIR search reserves , | \ $ inside a token: a form holding one cannot be asked for and is left out.
    const forms = policyLookupForms(policyNumber).filter((form) => !/[,\\|$]/.test(form));
    if (forms.length === 0) return err({ kind: 'patient-not-found' });
    const identifier = forms.map((form) => `${this.patientSystem}|${form}`).join(',');
    const found = await search(this.ctx.http, d, 'Patient', { identifier }, patientSchema, { pages: 1 });
    if (!found.ok) return found;
    if (found.value.length === 0) return err({ kind: 'patient-not-found' });
    if (found.value.length > 1) return err(unavailable('the FHIR server has several patients with one policy number'));
    const patient = toPatient(found.value[0]!, policy, { organization: this.organization, districtExtension: this.districtExtension });
    if (!patient.ok) return err(unavailable(patientRecordCause(patient.error)));
    // A birth date that is not the patient's says no more than an unknown number would.
    return birthDate !== undefined && patient.value.birthDate !== birthDate ? err({ kind: 'patient-not-found' }) : patient;
  }

  async listDirectory(): Promise<Outcome<ClinicDirectory>> {
    const state = await this.directory.load(deadline(this.ctx), { force: true });
    return state.ok ? ok(state.value.directory) : state;
  }

  async listFreeSlots(query: SlotQuery): Promise<Outcome<Slot[]>> {
    return this.freeSlots(query, { first: false });
  }

  async countFreeSlots(query: SlotQuery): Promise<Outcome<FreeSlotCount[]>> {
    const slots = await this.listFreeSlots(query);
    return slots.ok ? ok(countByDoctorAndDay(slots.value)) : slots;
  }

  async firstFreeSlot(query: SlotQuery): Promise<Outcome<LocalDateTime | null>> {
    const slots = await this.freeSlots(query, { first: true });
    return slots.ok ? ok(slots.value[0]?.start ?? null) : slots;
  }

  holdSlot(slotId: string, patientId: string, ttlSeconds: number): Promise<Outcome<Hold>> {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`ttlSeconds must be positive (got ${ttlSeconds})`);
    return this.booking.hold(slotId, patientId, ttlSeconds);
  }

  confirmHold(holdId: string, clientKey: string): Promise<Outcome<Appointment>> {
    if (clientKey.trim() === '') throw new RangeError('confirmHold needs a non-empty clientKey');
    return this.booking.confirm(holdId, clientKey);
  }

  bookingByClientKey(clientKey: string): Promise<Outcome<KeyedBooking | null>> {
    return this.booking.bookingByClientKey(clientKey);
  }

  releaseHold(holdId: string): Promise<Outcome<void>> {
    return this.booking.release(holdId);
  }

  cancelAppointment(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    return this.booking.cancel(appointmentId, patientId);
  }

  checkIn(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    return this.booking.checkIn(appointmentId, patientId);
  }

  findAppointmentByNumber(number: string): Promise<Outcome<Appointment | null>> {
    // FHIR search reserves , | \ $ inside a token: such a number was never issued here.
    if (number.trim() === '' || /[,\\|$]/.test(number)) return Promise.resolve(ok(null));
    return this.booking.findByNumber(number);
  }

  listAppointments(patientId: string, query: { readonly from: LocalDateTime }): Promise<Outcome<Appointment[]>> {
    return this.booking.listAppointments(patientId, query);
  }

  joinWaitingList(request: WaitingListRequest): Promise<Outcome<WaitingListEntry>> {
    return this.booking.joinWaitingList(request);
  }

  async status(): Promise<SchedulerStatus> {
    const answer = await this.ctx.http.request(deadline(this.ctx), 'GET', 'PractitionerRole?_count=1');
    if (!answer.ok) return { state: 'unavailable', adapter: FHIR_ADAPTER_NAME, cause: answer.error.cause };
    const bundle = bundleSchema.safeParse(answer.value.body);
    if (!bundle.success) return { state: 'unavailable', adapter: FHIR_ADAPTER_NAME, cause: 'malformed answer: not a Bundle (GET PractitionerRole)' };
    return { state: 'ready', adapter: FHIR_ADAPTER_NAME };
  }

  close(): void {
    this.ctx.http.abortAll();
  }

  private async freeSlots(query: SlotQuery, options: { first: boolean }): Promise<Outcome<Slot[]>> {
    const d = deadline(this.ctx);
    const state = await this.directory.load(d);
    if (!state.ok) return state;
    return this.directory.freeSlots(d, state.value, query, options);
  }
}
