// The embedded scheduler: the clinic's schedule in a SQLite file on the kiosk
// (or on a share several kiosks open). Booking is find → hold (expiring) →
// confirm (embedded-booking.ts); every write runs in one IMMEDIATE
// transaction, so two bridges on the same file never sell the same slot.
// The reads are here; the database handle is embedded-store.ts, the rows and
// shared SQL embedded-rows.ts.
//
// Database trouble (SQLITE_BUSY, disk full, I/O) comes back as
// `{kind: 'unavailable', cause}`; exceptions are left for bugs.
import { err, ok, type Result } from '../../contract/result';
import type {
  Appointment,
  ClinicDirectory,
  FreeSlotCount,
  Hold,
  LocalDateTime,
  LocalDate,
  Patient,
  Scheduler,
  SchedulerError,
  SchedulerStatus,
  Slot,
  SlotQuery,
  WaitingListEntry,
  WaitingListRequest,
  KeyedBooking,
} from '../scheduler-port';
import { normalizePolicyNumber } from '../../domain/oms-policy';
import { isLocalDateTime, type ClinicClock } from '../../domain/clinic-clock';
import { bookingByClientKey, cancelAppointment, checkIn, confirmHold, findAppointmentByNumber, holdSlot, joinWaitingList, releaseHold } from './embedded-booking';
import {
  APPOINTMENT_COLUMNS,
  DOCTOR_FIRST_JOINS,
  SLOT_COLUMNS,
  SLOT_WINDOW,
  assertWindow,
  doctorFilter,
  parseId,
  toSlot,
  type AppointmentRow,
  type PatientRow,
  type SlotRow,
} from './embedded-rows';
import { EmbeddedStore, describeDatabaseError, isDatabaseError, type EmbeddedSchedulerOptions } from './embedded-store';
import type { SeedReport } from './seed';

export const ADAPTER_NAME = 'embedded-sqlite';

export type { EmbeddedSchedulerOptions } from './embedded-store';

/** Opens (creating, migrating and seeding as needed) the embedded scheduler. Throws when the file cannot be opened. */
export function openEmbeddedScheduler(options: EmbeddedSchedulerOptions): EmbeddedScheduler {
  return new EmbeddedScheduler(options);
}

type Outcome<T> = Result<T, SchedulerError>;

export class EmbeddedScheduler implements Scheduler {
  readonly dbPath: string;
  private readonly store: EmbeddedStore;

  constructor(options: EmbeddedSchedulerOptions) {
    this.dbPath = options.dbPath;
    this.store = new EmbeddedStore(options);
  }

  get clock(): ClinicClock {
    return this.store.clock;
  }

  /** What the seeding on open (or the latest roll of the window) did. */
  get lastSeed(): SeedReport {
    return this.store.lastSeed;
  }

  async findPatientByPolicy(policyNumber: string, birthDate?: LocalDate): Promise<Outcome<Patient>> {
    const { store } = this;
    return store.guard(() => {
      const key = normalizePolicyNumber(policyNumber);
      if (key === '') return err({ kind: 'patient-not-found' });
      const row = store
        .stmt<[string], PatientRow>(
          `SELECT id, policy_number AS policyNumber, surname, given_name AS givenName, patronymic,
                  birth_date AS birthDate, sex, district, attached, phone
           FROM patients WHERE policy_number = ?`,
        )
        .get(key);
      // A birth date that is not the patient's says no more than an unknown number would.
      if (!row || (birthDate !== undefined && row.birthDate !== birthDate)) return err({ kind: 'patient-not-found' });
      const { attached, ...rest } = row;
      return ok({ ...rest, id: String(row.id), attached: attached === 1 });
    });
  }

  async listDirectory(): Promise<Outcome<ClinicDirectory>> {
    const { store } = this;
    return store.guard(() => {
      const specialties = store
        .stmt<[], { code: string; name: string }>(
          `SELECT sp.code, sp.name FROM specialties sp
           WHERE EXISTS (SELECT 1 FROM doctors d WHERE d.specialty_code = sp.code AND d.active = 1)
           ORDER BY sp.sort_order`,
        )
        .all();
      const doctors = store
        .stmt<[], { id: string; fullName: string; specialtyCode: string; room: string; district: string | null; floor: string | null }>(
          `SELECT d.id, d.full_name AS fullName, d.specialty_code AS specialtyCode, d.room, d.district, d.floor
           FROM doctors d JOIN specialties sp ON sp.code = d.specialty_code
           WHERE d.active = 1 ORDER BY sp.sort_order, d.full_name`,
        )
        .all()
        // The floor only where the clinic file gives one, as on a slot's doctor (embedded-rows.ts).
        .map(({ floor, ...d }) => (floor ? { ...d, floor } : d));
      return ok({ specialties, doctors });
    });
  }

  /** Free slots with `from <= start < to`, in the future only, earliest first. */
  async listFreeSlots(query: SlotQuery): Promise<Outcome<Slot[]>> {
    assertWindow(query.from, query.to);
    const { store } = this;
    return store.guard(() => {
      store.rollWindow();
      const rows = store
        .stmt<Record<string, unknown>, SlotRow>(
          `SELECT ${SLOT_COLUMNS} ${DOCTOR_FIRST_JOINS} JOIN specialties sp ON sp.code = d.specialty_code
           WHERE ${doctorFilter(query)} AND ${SLOT_WINDOW} ORDER BY s.start, d.full_name`,
        )
        .all(store.slotQueryParams(query));
      return ok(rows.map(toSlot));
    });
  }

  async countFreeSlots(query: SlotQuery): Promise<Outcome<FreeSlotCount[]>> {
    assertWindow(query.from, query.to);
    const { store } = this;
    return store.guard(() => {
      store.rollWindow();
      const rows = store
        .stmt<Record<string, unknown>, FreeSlotCount>(
          `SELECT s.doctor_id AS doctorId, substr(s.start, 1, 10) AS date, COUNT(*) AS count, MIN(s.start) AS first
           ${DOCTOR_FIRST_JOINS}
           WHERE ${doctorFilter(query)} AND ${SLOT_WINDOW}
           GROUP BY s.doctor_id, date ORDER BY date, first`,
        )
        .all(store.slotQueryParams(query));
      return ok(rows);
    });
  }

  async firstFreeSlot(query: SlotQuery): Promise<Outcome<LocalDateTime | null>> {
    assertWindow(query.from, query.to);
    const { store } = this;
    return store.guard(() => {
      store.rollWindow();
      // Per doctor, the first free slot in start order (an index walk that stops at the first hit), then the earliest of those.
      const row = store
        .stmt<Record<string, unknown>, { first: string | null }>(
          `SELECT MIN((SELECT s.start FROM slots s WHERE s.doctor_id = d.id AND ${SLOT_WINDOW} ORDER BY s.start LIMIT 1)) AS first
           FROM doctors d WHERE ${doctorFilter(query)}`,
        )
        .get(store.slotQueryParams(query));
      return ok(row?.first ?? null);
    });
  }

  async holdSlot(slotId: string, patientId: string, ttlSeconds: number): Promise<Outcome<Hold>> {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`ttlSeconds must be positive (got ${ttlSeconds})`);
    return this.store.guard(() => holdSlot(this.store, slotId, patientId, ttlSeconds));
  }

  async confirmHold(holdId: string, clientKey: string): Promise<Outcome<Appointment>> {
    if (clientKey.trim() === '') throw new RangeError('confirmHold needs a non-empty clientKey');
    return this.store.guard(() => confirmHold(this.store, holdId, clientKey));
  }

  /** Lets the slot go. Releasing a hold that is already gone (expired, confirmed, released) is fine. */
  async bookingByClientKey(clientKey: string): Promise<Outcome<KeyedBooking | null>> {
    return this.store.guard(() => bookingByClientKey(this.store, clientKey));
  }

  async releaseHold(holdId: string): Promise<Outcome<void>> {
    return this.store.guard(() => releaseHold(this.store, holdId));
  }

  async cancelAppointment(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    return this.store.guard(() => cancelAppointment(this.store, appointmentId, patientId));
  }

  async checkIn(appointmentId: string, patientId: string): Promise<Outcome<Appointment>> {
    return this.store.guard(() => checkIn(this.store, appointmentId, patientId));
  }

  async findAppointmentByNumber(number: string): Promise<Outcome<Appointment | null>> {
    return this.store.guard(() => findAppointmentByNumber(this.store, number));
  }

  async listAppointments(patientId: string, query: { readonly from: LocalDateTime }): Promise<Outcome<Appointment[]>> {
    if (!isLocalDateTime(query.from)) throw new RangeError(`from must be a clinic time YYYY-MM-DDTHH:mm (got ${query.from})`);
    const { store } = this;
    return store.guard(() => {
      const patientKey = parseId(patientId);
      if (patientKey === null) return ok([]);
      const rows = store
        .stmt<[number, string], AppointmentRow>(
          `SELECT ${APPOINTMENT_COLUMNS} FROM appointments a JOIN slots s ON s.id = a.slot_id
           WHERE a.patient_id = ? AND a.status = 'active' AND s.start >= ?
           ORDER BY s.start`,
        )
        .all(patientKey, query.from);
      return ok(rows.map((r) => store.toAppointment(r)));
    });
  }

  async joinWaitingList(request: WaitingListRequest): Promise<Outcome<WaitingListEntry>> {
    return this.store.guard(() => joinWaitingList(this.store, request));
  }

  async status(): Promise<SchedulerStatus> {
    if (this.store.closed) return { state: 'unavailable', adapter: ADAPTER_NAME, cause: 'closed' };
    try {
      this.store.db.prepare('SELECT count(*) FROM specialties').get();
      return { state: 'ready', adapter: ADAPTER_NAME };
    } catch (e) {
      if (isDatabaseError(e)) return { state: 'unavailable', adapter: ADAPTER_NAME, cause: describeDatabaseError(e) };
      throw e;
    }
  }

  close(): void {
    this.store.close();
  }

  /** Active appointments, all or for one slot (for tests, the CLI and the service screen). */
  countAppointments(filter: { slotId?: string } = {}): number {
    const { db } = this.store;
    if (filter.slotId !== undefined) {
      const slotKey = parseId(filter.slotId);
      if (slotKey === null) return 0;
      return (db.prepare(`SELECT count(*) AS n FROM appointments WHERE status = 'active' AND slot_id = ?`).get(slotKey) as { n: number }).n;
    }
    return (db.prepare(`SELECT count(*) AS n FROM appointments WHERE status = 'active'`).get() as { n: number }).n;
  }

  /** Open waiting-list entries (for tests and the service screen). */
  countWaitingList(): number {
    return (this.store.db.prepare(`SELECT count(*) AS n FROM waiting_list WHERE status = 'open'`).get() as { n: number }).n;
  }
}
