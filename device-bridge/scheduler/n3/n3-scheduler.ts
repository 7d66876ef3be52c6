// The N3.Health HubService adapter («Сервис записи на приём», SOAP 1.1):
//
//   patient      CheckPatient (the policy, and the birth date where the hub
//                needs it) → IdPat; SearchTop10Patient for the name, if any (here)
//   directory    GetSpesialityList + GetDoctorList                          (here)
//   slots        GetAvaibleAppointments per doctor, minus the bridge's holds  (here)
//   booking      hold in the bridge, SetAppointment, GetPatientHistory,
//                CreateClaimForRefusal, SetWaitingList, CheckIn             n3-booking.ts
//   wire         SOAP envelope, records, refusals     soap-envelope.ts, hub-records.ts, hub-errors.ts
//
// The hub gives no name for a typed number: the Patient then has empty name
// fields rather than an invented one (screens show what they do know).
import { clinicClock } from '../../domain/clinic-clock';
import { classifyPolicyNumber, decodeEnpBirthInfo, normalizePolicyNumber } from '../../domain/oms-policy';
import { err, ok } from '../../contract/result';
import { countByDoctorAndDay } from '../fhir/fhir-directory';
import type {
  Appointment,
  ClinicDirectory,
  Doctor,
  FreeSlotCount,
  Hold,
  KeyedBooking,
  LocalDate,
  LocalDateTime,
  Patient,
  Scheduler,
  SchedulerStatus,
  Slot,
  SlotQuery,
  Specialty,
  WaitingListEntry,
  WaitingListRequest,
} from '../scheduler-port';
import { HubClient } from './hub-client';
import { readDoctors, readPatients, readSlots, readSpecialties, type HubPatient } from './hub-records';
import { N3Book } from './n3-book';
import { N3Booking } from './n3-booking';
import { N3KeyStore } from './n3-key-store';
import { hubCall, hubDateTime, lpu, type N3Context, type Outcome } from './n3-context';
import { arg, DC, member, textOf } from './soap-envelope';

export const N3_ADAPTER_NAME = 'n3-hubservice';

export type PatientMatch = 'policy' | 'policy+birthDate';

export interface N3SchedulerOptions {
  readonly baseUrl: string;
  /** The integrator's key (read from an env var or a file by the caller); never logged. */
  readonly guid: string;
  readonly lpuId: number;
  readonly timeZone: string;
  /** One HTTP exchange's limit (default 3000 ms; the resilience wrapper bounds the whole call). */
  readonly timeoutMs?: number;
  /** Kiosk specialty code → the hub's IdSpesiality. */
  readonly specialtyCodes?: Readonly<Record<string, string>>;
  readonly patientMatch?: PatientMatch;
  /** The bridge's book of holds and bookings; kiosk screens of one bridge share it. */
  readonly book?: N3Book;
  /** Where confirms' client keys are kept across restarts (a SQLite file); memory only when absent. */
  readonly keyFile?: string;
  readonly now?: () => Date;
  /** How long the doctors read are reused for slot searches (default 5 min). */
  readonly directoryTtlMs?: number;
  readonly onHubCall?: (operation: string) => void;
}

interface Known {
  readonly directory: ClinicDirectory;
  readonly hubIdOf: ReadonlyMap<string, string>;
  readonly fetchedAtMs: number;
}

export class N3Scheduler implements Scheduler {
  readonly book: N3Book;
  private readonly ctx: N3Context;
  private readonly booking: N3Booking;
  private readonly kioskCodeOf: ReadonlyMap<string, string>;
  private known: Known | null = null;
  private reading: Promise<Outcome<Known>> | null = null;

  constructor(private readonly options: N3SchedulerOptions) {
    const now = options.now ?? (() => new Date());
    const clock = clinicClock(options.timeZone, now);
    this.book = options.book ?? new N3Book(options.keyFile ? new N3KeyStore(options.keyFile, () => now().getTime()) : null);
    this.ctx = {
      hub: new HubClient({ baseUrl: options.baseUrl, guid: options.guid, timeoutMs: options.timeoutMs ?? 3000, ...(options.onHubCall ? { onCall: options.onHubCall } : {}) }),
      book: this.book,
      lpuId: options.lpuId,
      nowMs: () => now().getTime(),
      nowLocal: () => clock.now(),
    };
    this.kioskCodeOf = new Map(Object.entries(options.specialtyCodes ?? {}).map(([kiosk, hub]) => [hub, kiosk]));
    this.booking = new N3Booking(this.ctx, () => this.directoryFor(), (code) => this.hubSpecialtyId(code));
  }

  /** Whether identification needs the birth date as well as the policy (scheduler.patientMatch). */
  get needsBirthDate(): boolean {
    return this.options.patientMatch === 'policy+birthDate';
  }

  async findPatientByPolicy(policyNumber: string, typedBirthDate?: LocalDate): Promise<Outcome<Patient>> {
    const options = { birthDate: typedBirthDate };
    const normalized = normalizePolicyNumber(policyNumber);
    if (normalized === '') return err({ kind: 'patient-not-found' });
    if (this.needsBirthDate && !options.birthDate) {
      return err({ kind: 'rejected-by-rule', rule: 'backend-rule', message: 'the hub identifies by policy and birth date (scheduler.patientMatch): no birth date was given' });
    }
    const pat = patArgument(policyNumber, options.birthDate);
    const checked = await hubCall(this.ctx, 'CheckPatient', [pat, lpu(this.ctx)]);
    let id: string;
    let attached = true;
    if (checked.ok) {
      const idPat = textOf(checked.value, DC, 'IdPat', 'IdPatient');
      if (idPat === null) return err({ kind: 'unavailable', cause: 'CheckPatient: malformed answer: no IdPat' });
      id = idPat;
    } else if (checked.error.kind === 'not-attached') {
      // Known to the hub but attached elsewhere: the booking policy explains it to the patient.
      id = `not-attached-${crypto.randomUUID()}`;
      attached = false;
    } else {
      return checked;
    }
    const found = await this.searchPatient(pat, attached ? id : null);
    const encoded = classifyPolicyNumber(policyNumber).kind === 'enp' ? decodeEnpBirthInfo(normalized) : null;
    const birthDate = found?.birthDate ?? options.birthDate ?? encoded?.birthDate ?? '';
    // A birth date typed (or from a card) that is not the one the hub holds: not this patient, told like an unknown number.
    if (options.birthDate && found?.birthDate && found.birthDate !== options.birthDate) return err({ kind: 'patient-not-found' });
    return ok({
      id,
      policyNumber: normalized,
      surname: found?.surname ?? '',
      givenName: found?.name ?? '',
      patronymic: found?.secondName ?? '',
      birthDate,
      ...(encoded ? { sex: encoded.sex } : {}),
      attached,
      district: attached ? (found?.district ?? null) : null,
    });
  }

  /** The hub's own record of the patient (name, birth date, district), when it gives one; null otherwise. */
  private async searchPatient(pat: ReturnType<typeof member>, id: string | null): Promise<HubPatient | null> {
    const answer = await hubCall(this.ctx, 'SearchTop10Patient', [pat, lpu(this.ctx)]);
    if (!answer.ok) return null;
    const patients = readPatients(answer.value);
    return (id === null ? patients.length === 1 ? patients[0] : undefined : patients.find((p) => p.id === id)) ?? null;
  }

  async listDirectory(): Promise<Outcome<ClinicDirectory>> {
    const read = await this.readDirectory();
    return read.ok ? ok(read.value.directory) : read;
  }

  async listFreeSlots(query: SlotQuery): Promise<Outcome<Slot[]>> {
    const known = await this.directoryFor();
    if (!known.ok) return known;
    const doctors = known.value.directory.doctors.filter(
      (d) => (query.specialtyCode === undefined || d.specialtyCode === query.specialtyCode) && (query.doctorIds === undefined || query.doctorIds.includes(d.id)),
    );
    const specialties = new Map(known.value.directory.specialties.map((s) => [s.code, s]));
    const now = this.ctx.nowLocal();
    const nowMs = this.ctx.nowMs();
    const perDoctor = await Promise.all(doctors.map((d) => this.doctorSlots(d, specialties.get(d.specialtyCode)!, query)));
    const slots: Slot[] = [];
    for (const r of perDoctor) {
      if (!r.ok) return r;
      for (const s of r.value) if (s.start > now && s.start >= query.from && s.start < query.to && !this.book.isTaken(s.id, nowMs)) slots.push(s);
    }
    this.book.remember(slots);
    return ok(slots.sort((a, b) => a.start.localeCompare(b.start) || a.doctor.fullName.localeCompare(b.doctor.fullName, 'ru')));
  }

  async countFreeSlots(query: SlotQuery): Promise<Outcome<FreeSlotCount[]>> {
    const slots = await this.listFreeSlots(query);
    return slots.ok ? ok(countByDoctorAndDay(slots.value)) : slots;
  }

  async firstFreeSlot(query: SlotQuery): Promise<Outcome<LocalDateTime | null>> {
    const slots = await this.listFreeSlots(query);
    return slots.ok ? ok(slots.value[0]?.start ?? null) : slots;
  }

  holdSlot(slotId: string, patientId: string, ttlSeconds: number): Promise<Outcome<Hold>> {
    return this.booking.hold(slotId, patientId, ttlSeconds);
  }

  confirmHold(holdId: string, clientKey: string): Promise<Outcome<Appointment>> {
    return this.booking.confirm(holdId, clientKey);
  }

  async bookingByClientKey(clientKey: string): Promise<Outcome<KeyedBooking | null>> {
    const found = this.book.confirmOf(clientKey);
    return ok(found ? { appointment: found.appointment, holdId: found.holdId } : null);
  }

  async releaseHold(holdId: string): Promise<Outcome<void>> {
    const hold = this.book.holds.get(holdId);
    if (hold && hold.state === 'held') this.book.holds.delete(holdId);
    return ok(undefined);
  }

  cancelAppointment(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    return this.booking.cancel(appointmentId, patientId);
  }

  listAppointments(patientId: string, query: { readonly from: LocalDateTime }): Promise<Outcome<Appointment[]>> {
    return this.booking.list(patientId, query.from);
  }

  joinWaitingList(request: WaitingListRequest): Promise<Outcome<WaitingListEntry>> {
    return this.booking.joinWaitingList(request);
  }

  /** Отметка о приходе (CheckIn): the appointment, now `arrived`; unused until the port has it. */
  checkIn(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    return this.booking.checkIn(appointmentId, patientId);
  }

  async findAppointmentByNumber(number: string): Promise<Outcome<Appointment | null>> {
    return ok(this.booking.findByNumber(number));
  }

  /** The clinic as the hub knows it (GetLPUInfo), for the ticket's header. */
  async clinicHeader(): Promise<Outcome<{ name: string | null; address: string | null; phone: string | null }>> {
    const answer = await hubCall(this.ctx, 'GetLPUInfo', [lpu(this.ctx)]);
    if (!answer.ok) return answer;
    const info = answer.value;
    return ok({
      name: textOf(info, DC, 'LPUFullName', 'LpuFullName', 'LPUShortName', 'LpuName', 'Name'),
      address: textOf(info, DC, 'Address', 'LPUAddress'),
      phone: textOf(info, DC, 'Phone', 'LPUPhone'),
    });
  }

  async status(): Promise<SchedulerStatus> {
    const answer = await hubCall(this.ctx, 'GetLPUInfo', [lpu(this.ctx)]);
    if (answer.ok) return { state: 'ready', adapter: N3_ADAPTER_NAME };
    return { state: 'unavailable', adapter: N3_ADAPTER_NAME, cause: answer.error.kind === 'unavailable' ? answer.error.cause : `GetLPUInfo refused (${answer.error.kind})` };
  }

  /** Closes the book's key store when this adapter opened the book. */
  close(): void {
    if (!this.options.book) this.book.close();
  }

  private hubSpecialtyId(code: string): string | null {
    return this.known?.hubIdOf.get(code) ?? this.options.specialtyCodes?.[code] ?? (code.startsWith('n3-') ? code.slice(3) : null);
  }

  private async directoryFor(): Promise<Outcome<Known>> {
    const k = this.known;
    if (k && this.ctx.nowMs() - k.fetchedAtMs < (this.options.directoryTtlMs ?? 5 * 60_000)) return ok(k);
    return this.readDirectory();
  }

  /** One directory read at a time: screens asking together (a slow hub, several patients) share it instead of each costing 1 + N hub calls. */
  private readDirectory(): Promise<Outcome<Known>> {
    this.reading ??= this.readDirectoryFromHub().finally(() => (this.reading = null));
    return this.reading;
  }

  private async readDirectoryFromHub(): Promise<Outcome<Known>> {
    const list = await hubCall(this.ctx, 'GetSpesialityList', [lpu(this.ctx)]);
    if (!list.ok) return list;
    const hubSpecialties = readSpecialties(list.value);
    const lists = await Promise.all(hubSpecialties.map((s) => hubCall(this.ctx, 'GetDoctorList', [arg('idSpesiality', s.id), lpu(this.ctx)])));
    const specialties: Specialty[] = [];
    const doctors: Doctor[] = [];
    const hubIdOf = new Map<string, string>();
    const seen = new Set<string>();
    for (const [i, s] of hubSpecialties.entries()) {
      const answer = lists[i]!;
      if (!answer.ok) return answer;
      const code = this.kioskCodeOf.get(s.id) ?? `n3-${s.id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
      const theirs = readDoctors(answer.value).filter((d) => !seen.has(`${code}|${d.id}`));
      if (theirs.length === 0) continue;
      specialties.push({ code, name: s.name });
      hubIdOf.set(code, s.id);
      for (const d of theirs) {
        seen.add(`${code}|${d.id}`);
        doctors.push({ id: d.id, fullName: d.name, specialtyCode: code, room: d.room, district: d.district });
      }
    }
    const known: Known = { directory: { specialties, doctors }, hubIdOf, fetchedAtMs: this.ctx.nowMs() };
    this.known = known;
    return ok(known);
  }

  private async doctorSlots(doctor: Doctor, specialty: Specialty, query: SlotQuery): Promise<Outcome<Slot[]>> {
    const answer = await hubCall(this.ctx, 'GetAvaibleAppointments', [
      arg('idDoc', doctor.id),
      lpu(this.ctx),
      arg('visitStart', hubDateTime(query.from)),
      arg('visitEnd', hubDateTime(query.to)),
    ]);
    if (!answer.ok) return answer.error.kind === 'slot-taken' ? ok([]) : answer; // «no free tickets» is an empty list
    return ok(
      readSlots(answer.value).map((s) => ({
        id: s.id,
        start: s.start,
        durationMinutes: s.end ? minutesBetween(s.start, s.end) : DEFAULT_VISIT_MINUTES,
        doctor: { ...doctor, room: s.room ?? doctor.room },
        specialty,
      })),
    );
  }
}

/** When a hub states no VisitEnd: the common length of a visit, for the ticket only. */
const DEFAULT_VISIT_MINUTES = 15;

function minutesBetween(a: LocalDateTime, b: LocalDateTime): number {
  const ms = Date.parse(`${b}:00Z`) - Date.parse(`${a}:00Z`);
  return ms > 0 ? Math.round(ms / 60_000) : DEFAULT_VISIT_MINUTES;
}

/**
 * CheckPatient's `pat`: Polis_N (the ЕНП, or an old policy's number) and Polis_S (an old policy's
 * series), the birth date when given. WCF reads data-contract members in alphabetical order.
 */
export function patArgument(policyNumber: string, birthDate: LocalDate | undefined) {
  const normalized = normalizePolicyNumber(policyNumber);
  const policy = classifyPolicyNumber(policyNumber);
  const split = policy.kind === 'old' ? /^(\p{L}+)(.+)$/u.exec(normalized) : null;
  const [series, number] = split ? [split[1]!, split[2]!] : ['', normalized];
  return arg('pat', [
    ...(birthDate ? [member('Birthday', `${birthDate}T00:00:00`)] : []),
    member('Polis_N', number),
    member('Polis_S', series === '' ? null : series),
  ]);
}
