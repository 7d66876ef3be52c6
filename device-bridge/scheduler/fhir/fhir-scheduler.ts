// The FHIR R4 scheduler adapter (HTTP JSON): the clinic's schedule lives in a
// FHIR server; the kiosk reads and writes it with plain REST.
//
//   patient      Patient?identifier=<OMS system>|<ЕНП>; attachment = managingOrganization,
//                district = an extension
//   directory    PractitionerRole (specialty, room as location, district extension)
//                + Practitioner (name) + Schedule (actor = the PractitionerRole)
//   free slots   Slot?schedule=…&status=free,busy-tentative&start=ge…&start=lt…
//                (a tentative slot whose hold expired counts as free)
//   hold         Slot → busy-tentative (If-Match: only one kiosk wins) + Appointment `pending`
//   confirm      Slot → busy, Appointment → booked with the client key as an identifier:
//                a retried confirm finds it and returns the same appointment
//   cancel       Appointment → cancelled, Slot → free
//   waiting list Appointment `waitlist`, conditional create (If-None-Exist) on an identifier
//
// Every port call shares one deadline; transport trouble is a typed `unavailable`.
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { decodeEnpBirthInfo, normalizePolicyNumber, policyLookupForms } from '../../domain/oms-policy';
import { toLocalDateTime } from '../../domain/clinic-clock';
import { err, ok, type Result } from '../../contract/result';
import { instantToLocal, localToInstant } from '../local-time';
import type {
  Appointment,
  ClinicDirectory,
  Doctor,
  FreeSlotCount,
  Hold,
  LocalDateTime,
  Patient,
  Scheduler,
  SchedulerError,
  SchedulerStatus,
  Slot,
  SlotQuery,
  Specialty,
  WaitingListClaim,
  WaitingListEntry,
  WaitingListRequest,
} from '../scheduler-port';
import { WAITING_LIST_CLAIMS } from '../scheduler-port';
import { Deadline, FhirHttp, type FhirAnswer } from './fhir-http';
import {
  KIOSK_FHIR,
  KIOSK_SPECIALTY_SYSTEM,
  OMS_IDENTIFIER_SYSTEM,
  appointmentSchema,
  bundleSchema,
  extensionValue,
  idOf,
  identifierValue,
  locationSchema,
  patientSchema,
  practitionerRoleSchema,
  practitionerSchema,
  scheduleSchema,
  slotSchema,
  type FhirAppointment,
  type FhirExtension,
  type FhirPractitionerRole,
  type FhirSlot,
} from './fhir-resources';

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

type Outcome<T> = Result<T, SchedulerError>;
type Unavailable = Extract<SchedulerError, { kind: 'unavailable' }>;

interface DirectoryState {
  readonly directory: ClinicDirectory;
  readonly doctors: ReadonlyMap<string, Doctor>;
  readonly specialties: ReadonlyMap<string, Specialty>;
  readonly doctorOfSchedule: ReadonlyMap<string, string>;
  readonly schedulesOfDoctor: ReadonlyMap<string, readonly string[]>;
  readonly fetchedAt: number;
}

const PAGE_SIZE = 500;
const MAX_PAGES = 40;
/** Values per search parameter in one request, to keep URLs short. */
const CHUNK = 40;
const MINUTE = 60_000;

const unavailable = (cause: string): Unavailable => ({ kind: 'unavailable', cause });

export function openFhirScheduler(options: FhirSchedulerOptions): FhirScheduler {
  return new FhirScheduler(options);
}

export class FhirScheduler implements Scheduler {
  private readonly http: FhirHttp;
  private readonly timeoutMs: number;
  private readonly patientSystem: string;
  private readonly specialtySystem: string;
  private readonly toBackendCode: (code: string) => string;
  private readonly toKioskCode: (code: string) => string;
  private readonly districtExtension: string;
  private readonly directoryTtlMs: number;
  private readonly now: () => Date;
  private state: DirectoryState | null = null;
  private loading: Promise<Outcome<DirectoryState>> | null = null;

  constructor(private readonly options: FhirSchedulerOptions) {
    this.http = new FhirHttp({ baseUrl: options.baseUrl, token: options.token ?? null });
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.patientSystem = options.patientIdentifierSystem ?? OMS_IDENTIFIER_SYSTEM;
    this.specialtySystem = options.specialtySystem ?? KIOSK_SPECIALTY_SYSTEM;
    const map = options.specialtyCodes ?? {};
    const reverse = new Map(Object.entries(map).map(([kiosk, backend]) => [backend, kiosk]));
    this.toBackendCode = (code) => map[code] ?? code;
    this.toKioskCode = (code) => reverse.get(code) ?? code;
    this.districtExtension = options.districtExtension ?? KIOSK_FHIR.districtExtension;
    this.directoryTtlMs = options.directoryTtlMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
  }

  async findPatientByPolicy(policyNumber: string): Promise<Outcome<Patient>> {
    const policy = normalizePolicyNumber(policyNumber);
    if (policy === '') return err({ kind: 'patient-not-found' });
    const d = this.deadline();
    // An exact-value search: an old-style series + number may be kept with or without the space, so ask for each form at once.
    // FHIR search reserves , | \ $ inside a token: a form holding one cannot be asked for and is left out.
    const forms = policyLookupForms(policyNumber).filter((form) => !/[,\\|$]/.test(form));
    if (forms.length === 0) return err({ kind: 'patient-not-found' });
    const identifier = forms.map((form) => `${this.patientSystem}|${form}`).join(',');
    const found = await this.search(d, 'Patient', { identifier }, patientSchema, { pages: 1 });
    if (!found.ok) return found;
    if (found.value.length === 0) return err({ kind: 'patient-not-found' });
    if (found.value.length > 1) return err(unavailable('the FHIR server has several patients with one policy number'));
    const p = found.value[0]!;
    const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
    const [givenName = '', patronymic = ''] = name?.given ?? [];
    const sex = p.gender === 'male' || p.gender === 'female' ? p.gender : (decodeEnpBirthInfo(policy)?.sex ?? 'male');
    const organization = this.options.organization ?? null;
    return ok({
      id: p.id,
      policyNumber: policy,
      surname: name?.family ?? '',
      givenName,
      patronymic,
      birthDate: p.birthDate,
      sex,
      attached: organization === null || p.managingOrganization?.reference === organization,
      district: extensionValue(p, this.districtExtension),
    });
  }

  async listDirectory(): Promise<Outcome<ClinicDirectory>> {
    const state = await this.loadDirectory(this.deadline(), { force: true });
    return state.ok ? ok(state.value.directory) : state;
  }

  async listFreeSlots(query: SlotQuery): Promise<Outcome<Slot[]>> {
    const d = this.deadline();
    const state = await this.ensureDirectory(d);
    if (!state.ok) return state;
    const slots = await this.freeSlots(d, state.value, query, { first: false });
    return slots;
  }

  async countFreeSlots(query: SlotQuery): Promise<Outcome<FreeSlotCount[]>> {
    const slots = await this.listFreeSlots(query);
    if (!slots.ok) return slots;
    const counts = new Map<string, { doctorId: string; date: string; count: number; first: string }>();
    for (const s of slots.value) {
      const key = `${s.doctor.id}|${s.start.slice(0, 10)}`;
      const c = counts.get(key);
      if (c) c.count++;
      else counts.set(key, { doctorId: s.doctor.id, date: s.start.slice(0, 10), count: 1, first: s.start });
    }
    return ok([...counts.values()].sort((a, b) => a.date.localeCompare(b.date) || a.first.localeCompare(b.first)));
  }

  async firstFreeSlot(query: SlotQuery): Promise<Outcome<LocalDateTime | null>> {
    const d = this.deadline();
    const state = await this.ensureDirectory(d);
    if (!state.ok) return state;
    const slots = await this.freeSlots(d, state.value, query, { first: true });
    if (!slots.ok) return slots;
    return ok(slots.value[0]?.start ?? null);
  }

  async holdSlot(slotId: string, patientId: string, ttlSeconds: number): Promise<Outcome<Hold>> {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`ttlSeconds must be positive (got ${ttlSeconds})`);
    if (!isFhirId(slotId)) return err({ kind: 'slot-not-found' });
    if (!isFhirId(patientId)) return err({ kind: 'patient-not-found' });
    const d = this.deadline();
    const [state, patient, slotRead] = await Promise.all([
      this.ensureDirectory(d),
      this.http.request(d, 'GET', `Patient/${patientId}`),
      this.readSlot(d, slotId),
    ]);
    if (!state.ok) return state;
    if (!patient.ok) return err(patient.error);
    if (patient.value.status === 404 || patient.value.status === 410) return err({ kind: 'patient-not-found' });
    if (!slotRead.ok) return slotRead;
    if (slotRead.value === null) return err({ kind: 'slot-not-found' });
    const { slot, version } = slotRead.value;
    const mapped = this.toSlot(state.value, slot);
    if (!mapped || slot.status === 'entered-in-error' || slot.status === 'busy-unavailable') return err({ kind: 'slot-not-found' });
    const nowMs = this.now().getTime();
    if (mapped.start <= this.nowLocal()) return err({ kind: 'slot-taken' });
    const staleToken = slot.status === 'busy-tentative' ? extensionValue(slot, KIOSK_FHIR.holdTokenExtension) : null;
    if (!isOpen(slot, nowMs)) return err({ kind: 'slot-taken' });

    const token = randomUUID();
    const expiresAt = new Date(nowMs + Math.round(ttlSeconds * 1000)).toISOString();
    const tentative: FhirSlot = {
      ...slot,
      status: 'busy-tentative',
      extension: [
        ...withoutKioskExtensions(slot.extension),
        { url: KIOSK_FHIR.holdTokenExtension, valueString: token },
        { url: KIOSK_FHIR.holdExpiresExtension, valueInstant: expiresAt },
      ],
    };
    // The compare-and-swap: only the kiosk that read the current version may change it.
    const claimed = await this.http.request(d, 'PUT', `Slot/${slot.id}`, { body: tentative, headers: ifMatch(version) });
    if (!claimed.ok) return err(claimed.error);
    if (claimed.value.status === 412 || claimed.value.status === 409) return err({ kind: 'slot-taken' });
    if (claimed.value.status === 404 || claimed.value.status === 410) return err({ kind: 'slot-not-found' });
    if (staleToken) void this.cancelStaleHold(staleToken);

    const appointment = {
      resourceType: 'Appointment',
      status: 'pending',
      start: slot.start,
      end: slot.end,
      created: new Date(nowMs).toISOString(),
      slot: [{ reference: `Slot/${slot.id}` }],
      specialty: [this.specialtyConcept(mapped.specialty)],
      participant: [
        { actor: { reference: `Patient/${patientId}` }, status: 'accepted' },
        { actor: { reference: `PractitionerRole/${mapped.doctor.id}`, display: mapped.doctor.fullName }, status: 'needs-action' },
      ],
      identifier: [{ system: KIOSK_FHIR.holdSystem, value: token }],
      extension: [
        { url: KIOSK_FHIR.holdTokenExtension, valueString: token },
        { url: KIOSK_FHIR.holdExpiresExtension, valueInstant: expiresAt },
      ],
      comment: 'Запись через инфомат',
    };
    const created = await this.http.request(d, 'POST', 'Appointment', {
      body: appointment,
      headers: { 'if-none-exist': `identifier=${KIOSK_FHIR.holdSystem}|${token}` },
    });
    const parsed = created.ok ? parse(appointmentSchema, created.value.body, 'Appointment') : created;
    if (!parsed.ok) {
      // Give the slot back now rather than at expiry; if even that fails, the expiry frees it.
      void this.freeSlot(new Deadline(1000), slot.id, token);
      return err(parsed.error);
    }
    return ok({ id: parsed.value.id, slot: mapped, expiresAt });
  }

  async confirmHold(holdId: string, clientKey: string): Promise<Outcome<Appointment>> {
    if (clientKey.trim() === '') throw new RangeError('confirmHold needs a non-empty clientKey');
    if (!isFhirId(holdId)) return err({ kind: 'hold-not-found' });
    const d = this.deadline();
    const [state, byKey, read] = await Promise.all([
      this.ensureDirectory(d),
      this.search(d, 'Appointment', { identifier: `${KIOSK_FHIR.clientKeySystem}|${clientKey}` }, appointmentSchema, { pages: 1 }),
      this.readAppointment(d, holdId),
    ]);
    if (!state.ok) return state;
    if (!byKey.ok) return byKey;
    if (byKey.value.some((a) => a.id !== holdId)) {
      // A caller bug: one key must stand for one confirm. Returning the other booking would hand out the wrong ticket.
      throw new Error('confirmHold: this clientKey was already used to confirm a different hold');
    }
    if (!read.ok) return read;
    if (read.value === null) return err({ kind: 'hold-not-found' });
    let { appointment, version } = read.value;
    const token = identifierValue(appointment, KIOSK_FHIR.holdSystem);
    if (appointment.status === 'booked') {
      if (identifierValue(appointment, KIOSK_FHIR.clientKeySystem) === clientKey) return this.toAppointment(state.value, appointment);
      return err({ kind: 'hold-not-found' });
    }
    if (appointment.status !== 'pending' || token === null) return err({ kind: 'hold-not-found' });
    const expires = Date.parse(extensionValue(appointment, KIOSK_FHIR.holdExpiresExtension) ?? '');
    const slotId = idOf(appointment.slot?.[0], 'Slot');
    if (slotId === null) return err({ kind: 'hold-not-found' });

    // The slot first: busy with our token. A retry after a lost answer finds it already so.
    const slotDone = await this.markSlotBooked(d, slotId, token, expires);
    if (!slotDone.ok) return slotDone;

    const number = bookingNumber(appointment.id);
    for (let attempt = 0; attempt < 2; attempt++) {
      const booked: FhirAppointment = {
        ...appointment,
        status: 'booked',
        identifier: [
          ...(appointment.identifier ?? []).filter((i) => i.system !== KIOSK_FHIR.clientKeySystem && i.system !== KIOSK_FHIR.bookingNumberSystem),
          { system: KIOSK_FHIR.clientKeySystem, value: clientKey },
          { system: KIOSK_FHIR.bookingNumberSystem, value: number },
        ],
        extension: (appointment.extension ?? []).filter((e) => e.url !== KIOSK_FHIR.holdExpiresExtension),
      };
      const put = await this.http.request(d, 'PUT', `Appointment/${appointment.id}`, { body: booked, headers: ifMatch(version) });
      if (!put.ok) return err(put.error);
      if (put.value.status !== 412) {
        const saved = parse(appointmentSchema, put.value.body, 'Appointment');
        return saved.ok ? this.toAppointment(state.value, saved.value) : saved;
      }
      // Somebody (our own earlier attempt) changed it meanwhile: read again and decide.
      const again = await this.readAppointment(d, appointment.id);
      if (!again.ok) return again;
      if (again.value === null) return err({ kind: 'hold-not-found' });
      ({ appointment, version } = again.value);
      if (appointment.status === 'booked') {
        if (identifierValue(appointment, KIOSK_FHIR.clientKeySystem) === clientKey) return this.toAppointment(state.value, appointment);
        return err({ kind: 'hold-not-found' });
      }
      if (appointment.status !== 'pending') return err({ kind: 'hold-not-found' });
    }
    return err(unavailable('the appointment kept changing while it was being confirmed'));
  }

  async releaseHold(holdId: string): Promise<Outcome<void>> {
    if (!isFhirId(holdId)) return ok(undefined);
    const d = this.deadline();
    const read = await this.readAppointment(d, holdId);
    if (!read.ok) return read;
    if (read.value === null || read.value.appointment.status !== 'pending') return ok(undefined);
    const { appointment, version } = read.value;
    const put = await this.http.request(d, 'PUT', `Appointment/${appointment.id}`, {
      body: { ...appointment, status: 'cancelled' },
      headers: ifMatch(version),
    });
    if (!put.ok) return err(put.error);
    const token = identifierValue(appointment, KIOSK_FHIR.holdSystem);
    const slotId = idOf(appointment.slot?.[0], 'Slot');
    if (token && slotId) {
      const freed = await this.freeSlot(d, slotId, token);
      if (!freed.ok) return freed;
    }
    return ok(undefined);
  }

  async cancelAppointment(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    if (!isFhirId(appointmentId)) return err({ kind: 'appointment-not-found' });
    const d = this.deadline();
    const [state, read] = await Promise.all([this.ensureDirectory(d), this.readAppointment(d, appointmentId)]);
    if (!state.ok) return state;
    if (!read.ok) return read;
    if (read.value === null) return err({ kind: 'appointment-not-found' });
    let { appointment, version } = read.value;
    const isPatients = appointment.participant.some((p) => p.actor?.reference === `Patient/${patientId}`);
    if (!isPatients || (appointment.status !== 'booked' && appointment.status !== 'cancelled')) return err({ kind: 'appointment-not-found' });
    for (let attempt = 0; appointment.status === 'booked'; attempt++) {
      if (attempt >= 2) return err(unavailable('the appointment kept changing while it was being cancelled'));
      const put = await this.http.request(d, 'PUT', `Appointment/${appointment.id}`, {
        body: { ...appointment, status: 'cancelled' },
        headers: ifMatch(version),
      });
      if (!put.ok) return err(put.error);
      if (put.value.status !== 412) {
        const saved = parse(appointmentSchema, put.value.body, 'Appointment');
        if (!saved.ok) return saved;
        appointment = saved.value;
        break;
      }
      const again = await this.readAppointment(d, appointment.id);
      if (!again.ok) return again;
      if (again.value === null) return err({ kind: 'appointment-not-found' });
      ({ appointment, version } = again.value);
    }
    // The slot goes back on offer (also when an earlier cancel stopped half-way).
    const token = identifierValue(appointment, KIOSK_FHIR.holdSystem);
    const slotId = idOf(appointment.slot?.[0], 'Slot');
    if (token && slotId) {
      const freed = await this.freeSlot(d, slotId, token);
      if (!freed.ok) return freed;
    }
    return this.toAppointment(state.value, appointment);
  }

  async listAppointments(patientId: string, query: { readonly from: LocalDateTime }): Promise<Outcome<Appointment[]>> {
    if (!isFhirId(patientId)) return ok([]);
    const d = this.deadline();
    const [state, found] = await Promise.all([
      this.ensureDirectory(d),
      this.search(
        d,
        'Appointment',
        { patient: `Patient/${patientId}`, status: 'booked', date: `ge${this.instant(query.from)}`, _sort: 'date' },
        appointmentSchema,
      ),
    ]);
    if (!state.ok) return state;
    if (!found.ok) return found;
    const out: Appointment[] = [];
    for (const a of found.value) {
      const mapped = this.toAppointment(state.value, a);
      if (!mapped.ok) return mapped;
      if (mapped.value.slot.start >= query.from) out.push(mapped.value);
    }
    return ok(out.sort((a, b) => a.slot.start.localeCompare(b.slot.start)));
  }

  async joinWaitingList(request: WaitingListRequest): Promise<Outcome<WaitingListEntry>> {
    if (!isFhirId(request.patientId)) return err({ kind: 'patient-not-found' });
    const d = this.deadline();
    const key = `${request.patientId}:${request.specialtyCode}:${request.doctorId ?? '*'}`;
    const specialty = this.state?.specialties.get(request.specialtyCode) ?? { code: request.specialtyCode, name: request.specialtyCode };
    const entry = {
      resourceType: 'Appointment',
      status: 'waitlist',
      created: this.now().toISOString(),
      specialty: [this.specialtyConcept(specialty)],
      reasonCode: [{ coding: [{ system: KIOSK_FHIR.waitingListClaimSystem, code: request.claim }] }],
      participant: [
        { actor: { reference: `Patient/${request.patientId}` }, status: 'accepted' },
        ...(request.doctorId ? [{ actor: { reference: `PractitionerRole/${request.doctorId}` }, status: 'needs-action' }] : []),
      ],
      identifier: [{ system: KIOSK_FHIR.waitingListSystem, value: key }],
      comment: 'Лист ожидания, инфомат',
    };
    // Joining twice finds the open entry instead of adding another (conditional create).
    const created = await this.http.request(d, 'POST', 'Appointment', {
      body: entry,
      headers: { 'if-none-exist': `identifier=${KIOSK_FHIR.waitingListSystem}|${key}&status=waitlist` },
    });
    if (!created.ok) return err(created.error);
    if (created.value.status === 404 || created.value.status === 422) return err({ kind: 'patient-not-found' });
    const parsed = parse(appointmentSchema, created.value.body, 'Appointment');
    if (!parsed.ok) return parsed;
    const a = parsed.value;
    const claim = a.reasonCode?.flatMap((c) => c.coding ?? []).find((c) => c.system === KIOSK_FHIR.waitingListClaimSystem)?.code;
    return ok({
      id: a.id,
      specialtyCode: request.specialtyCode,
      doctorId: request.doctorId,
      claim: WAITING_LIST_CLAIMS.includes(claim as WaitingListClaim) ? (claim as WaitingListClaim) : request.claim,
      createdAt: a.created ?? a.meta?.lastUpdated ?? this.now().toISOString(),
    });
  }

  async status(): Promise<SchedulerStatus> {
    const answer = await this.http.request(this.deadline(), 'GET', 'PractitionerRole?_count=1');
    if (!answer.ok) return { state: 'unavailable', adapter: FHIR_ADAPTER_NAME, cause: answer.error.cause };
    const bundle = bundleSchema.safeParse(answer.value.body);
    if (!bundle.success) return { state: 'unavailable', adapter: FHIR_ADAPTER_NAME, cause: 'malformed answer: not a Bundle (GET PractitionerRole)' };
    return { state: 'ready', adapter: FHIR_ADAPTER_NAME };
  }

  close(): void {
    this.http.abortAll();
  }

  // ---- directory ----------------------------------------------------------------

  private async ensureDirectory(d: Deadline): Promise<Outcome<DirectoryState>> {
    return this.loadDirectory(d, { force: false });
  }

  private async loadDirectory(d: Deadline, options: { force: boolean }): Promise<Outcome<DirectoryState>> {
    const current = this.state;
    if (!options.force && current && performance.now() - current.fetchedAt < this.directoryTtlMs) return ok(current);
    if (!this.loading) {
      this.loading = this.fetchDirectory(d).finally(() => {
        this.loading = null;
      });
    }
    const loaded = await this.loading;
    if (loaded.ok) this.state = loaded.value;
    return loaded;
  }

  private async fetchDirectory(d: Deadline): Promise<Outcome<DirectoryState>> {
    const roleQuery: Record<string, string> = { active: 'true' };
    if (this.options.organization) roleQuery.organization = this.options.organization;
    const roles = await this.search(d, 'PractitionerRole', roleQuery, practitionerRoleSchema);
    if (!roles.ok) return roles;

    const kioskRoles = roles.value
      .map((role) => ({ role, specialty: this.specialtyOf(role) }))
      .filter((r): r is { role: FhirPractitionerRole; specialty: Specialty } => r.specialty !== null);
    const practitionerIds = unique(kioskRoles.map((r) => idOf(r.role.practitioner, 'Practitioner')));
    const locationIds = unique(kioskRoles.filter((r) => !r.role.location?.[0]?.display).map((r) => idOf(r.role.location?.[0], 'Location')));
    const roleIds = kioskRoles.map((r) => r.role.id);

    const [practitioners, locations, schedules] = await Promise.all([
      this.searchChunked(d, 'Practitioner', '_id', practitionerIds, {}, practitionerSchema),
      this.searchChunked(d, 'Location', '_id', locationIds, {}, locationSchema),
      this.searchChunked(d, 'Schedule', 'actor', roleIds.map((id) => `PractitionerRole/${id}`), {}, scheduleSchema),
    ]);
    if (!practitioners.ok) return practitioners;
    if (!locations.ok) return locations;
    if (!schedules.ok) return schedules;
    const nameOf = new Map(practitioners.value.map((p) => [p.id, fullName(p.name)]));
    const roomOf = new Map(locations.value.map((l) => [l.id, l.name ?? '']));

    const doctors: Doctor[] = kioskRoles.map(({ role, specialty }) => {
      const practitionerId = idOf(role.practitioner, 'Practitioner');
      const location = role.location?.[0];
      return {
        id: role.id,
        fullName: (practitionerId ? nameOf.get(practitionerId) : undefined) ?? role.practitioner?.display ?? '',
        specialtyCode: specialty.code,
        room: location?.display ?? roomOf.get(idOf(location, 'Location') ?? '') ?? '',
        district: extensionValue(role, this.districtExtension),
      };
    });
    const specialties = new Map<string, Specialty>();
    for (const r of kioskRoles) if (!specialties.has(r.specialty.code)) specialties.set(r.specialty.code, r.specialty);

    const doctorOfSchedule = new Map<string, string>();
    const schedulesOfDoctor = new Map<string, string[]>();
    const roleSet = new Set(roleIds);
    for (const s of schedules.value) {
      const doctorId = s.actor.map((a) => idOf(a, 'PractitionerRole')).find((id) => id !== null && roleSet.has(id));
      if (!doctorId) continue;
      doctorOfSchedule.set(s.id, doctorId);
      schedulesOfDoctor.set(doctorId, [...(schedulesOfDoctor.get(doctorId) ?? []), s.id]);
    }
    const byName = (a: Doctor, b: Doctor) => a.fullName.localeCompare(b.fullName, 'ru');
    const sortedSpecialties = [...specialties.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    const order = new Map(sortedSpecialties.map((s, i) => [s.code, i]));
    return ok({
      directory: {
        specialties: sortedSpecialties,
        doctors: [...doctors].sort((a, b) => (order.get(a.specialtyCode) ?? 0) - (order.get(b.specialtyCode) ?? 0) || byName(a, b)),
      },
      doctors: new Map(doctors.map((doc) => [doc.id, doc])),
      specialties,
      doctorOfSchedule,
      schedulesOfDoctor,
      fetchedAt: performance.now(),
    });
  }

  private specialtyOf(role: FhirPractitionerRole): Specialty | null {
    for (const concept of role.specialty ?? []) {
      const c = concept.coding?.find((x) => x.system === this.specialtySystem && x.code);
      if (c?.code) return { code: this.toKioskCode(c.code), name: c.display ?? concept.text ?? c.code };
    }
    return null;
  }

  private specialtyConcept(s: Specialty) {
    return { coding: [{ system: this.specialtySystem, code: this.toBackendCode(s.code), display: s.name }], text: s.name };
  }

  // ---- slots ------------------------------------------------------------------------

  private async freeSlots(d: Deadline, state: DirectoryState, query: SlotQuery, options: { first: boolean }): Promise<Outcome<Slot[]>> {
    const wanted = query.doctorIds ? new Set(query.doctorIds) : null;
    const doctors = state.directory.doctors.filter(
      (doc) => (query.specialtyCode === undefined || doc.specialtyCode === query.specialtyCode) && (!wanted || wanted.has(doc.id)),
    );
    const schedules = doctors.flatMap((doc) => state.schedulesOfDoctor.get(doc.id) ?? []).map((id) => `Schedule/${id}`);
    if (schedules.length === 0) return ok([]);
    const nowLocal = this.nowLocal();
    const nowMs = this.now().getTime();
    // Never offer what has started: the window opens after the current minute at the earliest.
    const lower = query.from > nowLocal ? `ge${this.instant(query.from)}` : `gt${this.instant(nowLocal)}`;
    const params: Record<string, string | string[]> = {
      status: 'free,busy-tentative',
      start: [lower, `lt${this.instant(query.to)}`],
      _sort: 'start',
    };
    const search = async (count?: number) =>
      this.searchChunked(d, 'Slot', 'schedule', schedules, { ...params, ...(count ? { _count: String(count) } : {}) }, slotSchema, {
        pages: count ? 1 : MAX_PAGES,
      });

    let found = await search(options.first ? 20 : undefined);
    if (!found.ok) return found;
    const toOffer = (list: FhirSlot[]) =>
      list
        .filter((s) => isOpen(s, nowMs))
        .map((s) => this.toSlot(state, s))
        .filter((s): s is Slot => s !== null && s.start > nowLocal && s.start >= query.from && s.start < query.to)
        .sort((a, b) => a.start.localeCompare(b.start) || a.doctor.fullName.localeCompare(b.doctor.fullName, 'ru'));
    let offered = toOffer(found.value);
    if (options.first && offered.length === 0 && found.value.length >= 20) {
      // Only held slots on the first page: read them all.
      found = await search();
      if (!found.ok) return found;
      offered = toOffer(found.value);
    }
    return ok(options.first ? offered.slice(0, 1) : offered);
  }

  private toSlot(state: DirectoryState, s: FhirSlot): Slot | null {
    const scheduleId = idOf(s.schedule, 'Schedule');
    const doctor = scheduleId ? state.doctors.get(state.doctorOfSchedule.get(scheduleId) ?? '') : undefined;
    const start = instantToLocal(s.start, this.options.timeZone);
    const startMs = Date.parse(s.start);
    const endMs = Date.parse(s.end);
    if (!doctor || start === null || !(endMs > startMs)) return null;
    const specialty = state.specialties.get(doctor.specialtyCode) ?? { code: doctor.specialtyCode, name: doctor.specialtyCode };
    return { id: s.id, start, durationMinutes: Math.round((endMs - startMs) / MINUTE), doctor, specialty };
  }

  private async readSlot(d: Deadline, id: string): Promise<Outcome<{ slot: FhirSlot; version: string | null } | null>> {
    const answer = await this.http.request(d, 'GET', `Slot/${id}`);
    if (!answer.ok) return err(answer.error);
    if (answer.value.status === 404 || answer.value.status === 410) return ok(null);
    const slot = parse(slotSchema, answer.value.body, 'Slot');
    if (!slot.ok) return slot;
    return ok({ slot: slot.value, version: answer.value.version ?? slot.value.meta?.versionId ?? null });
  }

  /** Tentative-with-our-token → busy. Already busy with our token is fine (a retry). */
  private async markSlotBooked(d: Deadline, slotId: string, token: string, expires: number): Promise<Outcome<void>> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const read = await this.readSlot(d, slotId);
      if (!read.ok) return read;
      if (read.value === null) return err({ kind: 'slot-taken' });
      const { slot, version } = read.value;
      const ours = extensionValue(slot, KIOSK_FHIR.holdTokenExtension) === token;
      if (slot.status === 'busy' && ours) return ok(undefined);
      if (slot.status !== 'busy-tentative' || !ours) {
        // Our hold lapsed and the slot went to somebody else (or back on offer).
        return err(Number.isFinite(expires) && expires <= this.now().getTime() ? { kind: 'hold-expired' } : { kind: 'slot-taken' });
      }
      if (!(expires > this.now().getTime())) return err({ kind: 'hold-expired' });
      const busy: FhirSlot = {
        ...slot,
        status: 'busy',
        extension: [...withoutKioskExtensions(slot.extension), { url: KIOSK_FHIR.holdTokenExtension, valueString: token }],
      };
      const put = await this.http.request(d, 'PUT', `Slot/${slotId}`, { body: busy, headers: ifMatch(version) });
      if (!put.ok) return err(put.error);
      if (put.value.status !== 412) return put.value.status < 300 ? ok(undefined) : err({ kind: 'slot-taken' });
    }
    return err(unavailable('the slot kept changing while it was being booked'));
  }

  /** Back to free, if the slot still carries our token (a slot somebody else holds is left alone). */
  private async freeSlot(d: Deadline, slotId: string, token: string): Promise<Outcome<void>> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const read = await this.readSlot(d, slotId);
      if (!read.ok) return read;
      if (read.value === null) return ok(undefined);
      const { slot, version } = read.value;
      if (slot.status === 'free' || extensionValue(slot, KIOSK_FHIR.holdTokenExtension) !== token) return ok(undefined);
      const put = await this.http.request(d, 'PUT', `Slot/${slotId}`, {
        body: { ...slot, status: 'free', extension: withoutKioskExtensions(slot.extension) },
        headers: ifMatch(version),
      });
      if (!put.ok) return err(put.error);
      if (put.value.status !== 412) return ok(undefined);
    }
    return ok(undefined);
  }

  /** A lapsed hold whose slot another patient took: its pending appointment is closed (best effort, never awaited by a patient). */
  private async cancelStaleHold(token: string): Promise<void> {
    const d = new Deadline(this.timeoutMs);
    const found = await this.search(d, 'Appointment', { identifier: `${KIOSK_FHIR.holdSystem}|${token}`, status: 'pending' }, appointmentSchema, {
      pages: 1,
    });
    if (!found.ok) return;
    for (const a of found.value) {
      await this.http.request(d, 'PUT', `Appointment/${a.id}`, { body: { ...a, status: 'cancelled' }, headers: ifMatch(a.meta?.versionId ?? null) });
    }
  }

  // ---- appointments -----------------------------------------------------------------

  private async readAppointment(d: Deadline, id: string): Promise<Outcome<{ appointment: FhirAppointment; version: string | null } | null>> {
    const answer = await this.http.request(d, 'GET', `Appointment/${id}`);
    if (!answer.ok) return err(answer.error);
    if (answer.value.status === 404 || answer.value.status === 410) return ok(null);
    const a = parse(appointmentSchema, answer.value.body, 'Appointment');
    if (!a.ok) return a;
    return ok({ appointment: a.value, version: answer.value.version ?? a.value.meta?.versionId ?? null });
  }

  private toAppointment(state: DirectoryState, a: FhirAppointment): Outcome<Appointment> {
    const start = a.start ? instantToLocal(a.start, this.options.timeZone) : null;
    const startMs = Date.parse(a.start ?? '');
    const endMs = Date.parse(a.end ?? '');
    const patientId = a.participant.map((p) => idOf(p.actor, 'Patient')).find((id) => id !== null);
    if (start === null || !patientId) return err(unavailable('malformed answer: an Appointment without start or patient'));
    const doctorRef = a.participant.find((p) => idOf(p.actor, 'PractitionerRole') !== null)?.actor;
    const known = state.doctors.get(idOf(doctorRef, 'PractitionerRole') ?? '');
    const coding = a.specialty?.flatMap((c) => c.coding ?? []).find((c) => c.system === this.specialtySystem && c.code);
    const specialtyCode = known?.specialtyCode ?? (coding?.code ? this.toKioskCode(coding.code) : 'unknown');
    const specialty = state.specialties.get(specialtyCode) ?? { code: specialtyCode, name: coding?.display ?? specialtyCode };
    const doctor: Doctor = known ?? {
      id: idOf(doctorRef, 'PractitionerRole') ?? '',
      fullName: doctorRef?.display ?? '',
      specialtyCode,
      room: '',
      district: null,
    };
    return ok({
      id: a.id,
      number: identifierValue(a, KIOSK_FHIR.bookingNumberSystem) ?? a.id,
      patientId,
      status: a.status === 'cancelled' ? 'cancelled' : 'booked',
      slot: {
        id: idOf(a.slot?.[0], 'Slot') ?? '',
        start,
        durationMinutes: endMs > startMs ? Math.round((endMs - startMs) / MINUTE) : 0,
        doctor,
        specialty,
      },
    });
  }

  // ---- search plumbing ----------------------------------------------------------------

  private async search<T>(
    d: Deadline,
    type: string,
    params: Record<string, string | string[]>,
    schema: z.ZodType<T>,
    options: { pages?: number } = {},
  ): Promise<Outcome<T[]>> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) query.append(k, one);
    if (!query.has('_count')) query.set('_count', String(PAGE_SIZE));
    let path: string | null = `${type}?${query.toString()}`;
    const out: T[] = [];
    for (let page = 0; path && page < (options.pages ?? MAX_PAGES); page++) {
      const answer: Result<FhirAnswer, Unavailable> = await this.http.request(d, 'GET', path);
      if (!answer.ok) return err(answer.error);
      const bundle = bundleSchema.safeParse(answer.value.body);
      if (!bundle.success) return err(unavailable(`malformed answer: not a Bundle (GET ${type})`));
      const entries = bundle.data.entry ?? [];
      for (const entry of entries) {
        const r = schema.safeParse(entry.resource);
        if (!r.success) return err(unavailable(`malformed answer: ${issueOf(r.error)} in a ${type}`));
        out.push(r.data);
      }
      path = bundle.data.link?.find((l) => l.relation === 'next')?.url ?? null;
      // Servers that give a total but no `next` link are paged with _offset.
      if (path === null && entries.length > 0 && bundle.data.total !== undefined && out.length < bundle.data.total) {
        query.set('_offset', String(out.length));
        path = `${type}?${query.toString()}`;
      }
    }
    return ok(out);
  }

  /** One search per `CHUNK` values of `param` (an OR list), results merged. */
  private async searchChunked<T>(
    d: Deadline,
    type: string,
    param: string,
    values: readonly string[],
    params: Record<string, string | string[]>,
    schema: z.ZodType<T>,
    options: { pages?: number } = {},
  ): Promise<Outcome<T[]>> {
    if (values.length === 0) return ok([]);
    const chunks: string[][] = [];
    for (let i = 0; i < values.length; i += CHUNK) chunks.push(values.slice(i, i + CHUNK));
    const results = await Promise.all(chunks.map((c) => this.search(d, type, { ...params, [param]: c.join(',') }, schema, options)));
    const out: T[] = [];
    for (const r of results) {
      if (!r.ok) return r;
      out.push(...r.value);
    }
    return ok(out);
  }

  private deadline(): Deadline {
    return new Deadline(this.timeoutMs);
  }

  private nowLocal(): LocalDateTime {
    return toLocalDateTime(this.now(), this.options.timeZone);
  }

  private instant(local: LocalDateTime): string {
    return localToInstant(local, this.options.timeZone);
  }
}

/** Free, or held by a kiosk whose hold has lapsed. */
function isOpen(slot: FhirSlot, nowMs: number): boolean {
  if (slot.status === 'free') return true;
  if (slot.status !== 'busy-tentative') return false;
  const expires = Date.parse(extensionValue(slot, KIOSK_FHIR.holdExpiresExtension) ?? '');
  return Number.isFinite(expires) && expires <= nowMs;
}

function withoutKioskExtensions(extensions: FhirExtension[] | undefined): FhirExtension[] {
  return (extensions ?? []).filter((e) => e.url !== KIOSK_FHIR.holdTokenExtension && e.url !== KIOSK_FHIR.holdExpiresExtension);
}

function ifMatch(version: string | null): Record<string, string> {
  return version ? { 'if-match': `W/"${version}"` } : {};
}

function parse<T>(schema: z.ZodType<T>, body: unknown, type: string): Outcome<T> {
  const r = schema.safeParse(body);
  return r.success ? ok(r.data) : err(unavailable(`malformed answer: ${issueOf(r.error)} in a ${type}`));
}

function issueOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'resource'} ${issue.message.toLowerCase()}` : 'invalid';
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

function fullName(names: readonly { text?: string | undefined; family?: string | undefined; given?: string[] | undefined; use?: string | undefined }[] | undefined): string {
  const n = names?.find((x) => x.use === 'official') ?? names?.[0];
  if (!n) return '';
  if (n.text) return n.text;
  return [n.family, ...(n.given ?? [])].filter(Boolean).join(' ');
}

/** FHIR ids: letters, digits, `-` and `.`, up to 64. */
function isFhirId(id: string): boolean {
  return /^[A-Za-z0-9\-.]{1,64}$/.test(id);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `F-7K2M-9QXD`: short, stable for one appointment (a retried confirm prints the same), no I/O/0/1 confusion. */
export function bookingNumber(appointmentId: string): string {
  const digest = createHash('sha256').update(appointmentId).digest();
  let s = '';
  for (let i = 0; i < 8; i++) s += CROCKFORD[digest[i]! % 32];
  return `F-${s.slice(0, 4)}-${s.slice(4)}`;
}
