// The embedded scheduler: the clinic's schedule in a SQLite file on the kiosk
// (or on a share several kiosks open). Booking is find → hold (expiring) →
// confirm; every write runs in one IMMEDIATE transaction, so two bridges on the
// same file never sell the same slot, and a unique index on active
// appointments per slot makes a double booking impossible even if they tried.
//
// Database trouble (SQLITE_BUSY, disk full, I/O) comes back as
// `{kind: 'unavailable', cause}`; exceptions are left for bugs.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { err, ok, type Result } from '../../result';
import type {
  Appointment,
  Hold,
  LocalDateTime,
  Patient,
  Scheduler,
  SchedulerError,
  SchedulerStatus,
  Slot,
  SlotQuery,
  SpecialtyAvailability,
} from '../scheduler-port';
import { normalizePolicyNumber } from '../../domain/oms-policy';
import { clinicClock, isLocalDateTime, toLocalDateTime, type ClinicClock } from '../../domain/clinic-clock';
import type { ClinicDefinition } from './clinic-definition';
import { migrate } from './schema';
import { DEFAULT_HORIZON_DAYS, seed, type SeedReport } from './seed';

export const ADAPTER_NAME = 'embedded-sqlite';

export interface EmbeddedSchedulerOptions {
  /** The SQLite file; created with its directory's permissions when missing. */
  readonly dbPath: string;
  readonly clinic: ClinicDefinition;
  /** Source of the current instant (tests inject one). */
  readonly now?: () => Date;
  /** IANA zone of the clinic's wall clock; defaults to the clinic definition's, then Europe/Moscow. */
  readonly timeZone?: string;
  /** Days of slots kept ahead, today included (default 14). */
  readonly horizonDays?: number;
  /**
   * How long a write waits for another bridge's transaction (SQLITE_BUSY)
   * before giving up as `unavailable`. better-sqlite3 waits synchronously, so
   * this also stalls the bridge's event loop: keep it short (default 1000 ms).
   */
  readonly busyTimeoutMs?: number;
}

/** Opens (creating, migrating and seeding as needed) the embedded scheduler. Throws when the file cannot be opened. */
export function openEmbeddedScheduler(options: EmbeddedSchedulerOptions): EmbeddedScheduler {
  return new EmbeddedScheduler(options);
}

interface SlotRow {
  slotId: number;
  start: string;
  durationMinutes: number;
  doctorId: string;
  fullName: string;
  room: string;
  specialtyCode: string;
  specialtyName: string;
}

interface HoldRow {
  id: string;
  slotId: number;
  patientId: number;
  expiresAt: number;
}

interface AppointmentRow {
  id: number;
  number: string;
  slotId: number;
  patientId: number;
  holdId: string;
}

interface PatientRow {
  id: number;
  policyNumber: string;
  surname: string;
  givenName: string;
  patronymic: string;
  birthDate: string;
  sex: 'male' | 'female';
}

const SLOT_COLUMNS = `
  s.id AS slotId, s.start AS start, s.duration_minutes AS durationMinutes,
  d.id AS doctorId, d.full_name AS fullName, d.room AS room,
  sp.code AS specialtyCode, sp.name AS specialtyName`;
const SLOT_JOINS = `
  FROM slots s
  JOIN doctors d ON d.id = s.doctor_id
  JOIN specialties sp ON sp.code = d.specialty_code`;
/** Slot `s` has no active appointment. */
const NOT_BOOKED = `NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status = 'active')`;
/** Slot `s` has no live hold (parameter @nowMs). */
const NOT_HELD = `NOT EXISTS (SELECT 1 FROM holds h WHERE h.slot_id = s.id AND h.expires_at > @nowMs)`;
/** Slot `s` is on offer: in the future (parameter @now), not booked, not held. */
const FREE = `s.start > @now AND ${NOT_BOOKED} AND ${NOT_HELD}`;

/** Expired holds are kept this long so a late confirm still hears `hold-expired`, not `hold-not-found`. */
const EXPIRED_HOLD_GRACE_MS = 60 * 60 * 1000;

const toSlot = (r: SlotRow): Slot => ({
  id: String(r.slotId),
  start: r.start,
  durationMinutes: r.durationMinutes,
  doctor: { id: r.doctorId, fullName: r.fullName, specialtyCode: r.specialtyCode, room: r.room },
  specialty: { code: r.specialtyCode, name: r.specialtyName },
});

/** Our ids are SQLite integer keys shown as strings; anything else cannot exist. */
function parseId(id: string): number | null {
  return /^[1-9]\d{0,15}$/.test(id) ? Number(id) : null;
}

function assertWindow(from: LocalDateTime, to: LocalDateTime): void {
  if (!isLocalDateTime(from) || !isLocalDateTime(to)) {
    throw new RangeError(`a window is two clinic times YYYY-MM-DDTHH:mm (got ${from} … ${to})`);
  }
}

function isDatabaseError(e: unknown): e is InstanceType<typeof Database.SqliteError> {
  return e instanceof Database.SqliteError;
}

/** Carries an error value out of a transaction so that it rolls back. */
class Refusal {
  constructor(readonly error: SchedulerError) {}
}

export class EmbeddedScheduler implements Scheduler {
  readonly clock: ClinicClock;
  readonly dbPath: string;
  /** What the seeding on open (or the latest roll of the window) did. */
  lastSeed: SeedReport;

  private readonly db: Database.Database;
  private readonly clinic: ClinicDefinition;
  private readonly horizonDays: number;
  private closed = false;

  constructor(options: EmbeddedSchedulerOptions) {
    this.clinic = options.clinic;
    this.clock = clinicClock(options.timeZone ?? options.clinic.clinic.timeZone, options.now);
    this.horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
    const busyTimeoutMs = options.busyTimeoutMs ?? 1000;

    this.dbPath = options.dbPath;
    let db: Database.Database | undefined;
    try {
      db = new Database(options.dbPath, { timeout: busyTimeoutMs });
      this.db = db;
      this.db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      migrate(this.db);
      this.lastSeed = seed(this.db, this.clinic, this.clock.today(), this.horizonDays);
    } catch (e) {
      db?.close();
      throw new Error(`cannot open the embedded scheduler at ${options.dbPath}`, { cause: e });
    }
  }

  async findPatientByPolicy(policyNumber: string): Promise<Result<Patient, SchedulerError>> {
    return this.guard(() => {
      const key = normalizePolicyNumber(policyNumber);
      if (key === '') return err({ kind: 'patient-not-found' });
      const row = this.db
        .prepare<[string], PatientRow>(
          `SELECT id, policy_number AS policyNumber, surname, given_name AS givenName, patronymic,
                  birth_date AS birthDate, sex
           FROM patients WHERE policy_number = ?`,
        )
        .get(key);
      if (!row) return err({ kind: 'patient-not-found' });
      return ok({ ...row, id: String(row.id) });
    });
  }

  async listSpecialties(window: { from: LocalDateTime; to: LocalDateTime }): Promise<Result<SpecialtyAvailability[], SchedulerError>> {
    assertWindow(window.from, window.to);
    return this.guard(() => {
      this.rollWindow();
      const rows = this.db
        .prepare<Record<string, unknown>, { code: string; name: string; doctorCount: number; nearestFree: string | null }>(
          `SELECT sp.code AS code, sp.name AS name, COUNT(d.id) AS doctorCount,
             (SELECT MIN(s.start) FROM slots s JOIN doctors sd ON sd.id = s.doctor_id
              WHERE sd.specialty_code = sp.code AND sd.active = 1
                AND s.start >= @from AND s.start < @to AND ${FREE}) AS nearestFree
           FROM specialties sp JOIN doctors d ON d.specialty_code = sp.code AND d.active = 1
           GROUP BY sp.code
           ORDER BY sp.sort_order`,
        )
        .all({ ...this.nowParams(), from: window.from, to: window.to });
      return ok(rows);
    });
  }

  /** Free slots of a specialty with `from <= start < to`, in the future only, earliest first. */
  async listFreeSlots(query: SlotQuery): Promise<Result<Slot[], SchedulerError>> {
    assertWindow(query.from, query.to);
    return this.guard(() => {
      this.rollWindow();
      const rows = this.db
        .prepare<Record<string, unknown>, SlotRow>(
          `SELECT ${SLOT_COLUMNS} ${SLOT_JOINS}
           WHERE d.specialty_code = @specialtyCode AND d.active = 1
             AND s.start >= @from AND s.start < @to AND ${FREE}
           ORDER BY s.start, d.full_name`,
        )
        .all({ ...this.nowParams(), specialtyCode: query.specialtyCode, from: query.from, to: query.to });
      return ok(rows.map(toSlot));
    });
  }

  async holdSlot(slotId: string, patientId: string, ttlSeconds: number): Promise<Result<Hold, SchedulerError>> {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`ttlSeconds must be positive (got ${ttlSeconds})`);
    return this.guard(() => {
      const slotKey = parseId(slotId);
      const patientKey = parseId(patientId);
      if (patientKey === null) return err({ kind: 'patient-not-found' });
      if (slotKey === null) return err({ kind: 'slot-not-found' });

      return this.write(() => {
        const { now, nowMs } = this.nowParams();
        if (!this.db.prepare('SELECT 1 FROM patients WHERE id = ?').get(patientKey)) {
          return err({ kind: 'patient-not-found' });
        }
        const slot = this.slotRow(slotKey);
        if (!slot) return err({ kind: 'slot-not-found' });
        // A slot whose time has come is no longer on offer: for the patient it is as good as taken.
        if (slot.start <= now) return err({ kind: 'slot-taken' });
        if (this.db.prepare(`SELECT 1 FROM slots s WHERE s.id = ? AND NOT ${NOT_BOOKED}`).get(slotKey)) {
          return err({ kind: 'slot-taken' });
        }
        const heldByOther = this.db
          .prepare('SELECT 1 FROM holds WHERE slot_id = ? AND expires_at > ? AND patient_id <> ?')
          .get(slotKey, nowMs, patientKey);
        if (heldByOther) return err({ kind: 'slot-taken' });

        // One hold per patient: a new hold replaces the previous one. Old expired holds are swept here too.
        this.db.prepare('DELETE FROM holds WHERE patient_id = ? OR expires_at <= ?').run(patientKey, nowMs - EXPIRED_HOLD_GRACE_MS);
        const id = randomUUID();
        const expiresAt = nowMs + Math.round(ttlSeconds * 1000);
        this.db
          .prepare('INSERT INTO holds (id, slot_id, patient_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(id, slotKey, patientKey, expiresAt, nowMs);
        return ok({ id, slot: toSlot(slot), expiresAt: new Date(expiresAt).toISOString() });
      });
    });
  }

  async confirmHold(holdId: string, clientKey: string): Promise<Result<Appointment, SchedulerError>> {
    if (clientKey.trim() === '') throw new RangeError('confirmHold needs a non-empty clientKey');
    return this.guard(() =>
      this.write(() => {
        const { nowMs } = this.nowParams();
        const previous = this.db
          .prepare<[string], AppointmentRow>(
            'SELECT id, number, slot_id AS slotId, patient_id AS patientId, hold_id AS holdId FROM appointments WHERE client_key = ?',
          )
          .get(clientKey);
        if (previous) {
          if (previous.holdId !== holdId) {
            // A caller bug: one key must stand for one confirm. Returning the old booking would hand out the wrong ticket.
            throw new Error('confirmHold: this clientKey was already used to confirm a different hold');
          }
          return this.toAppointment(previous);
        }

        const hold = this.db
          .prepare<[string], HoldRow>('SELECT id, slot_id AS slotId, patient_id AS patientId, expires_at AS expiresAt FROM holds WHERE id = ?')
          .get(holdId);
        if (!hold) return err({ kind: 'hold-not-found' });
        if (hold.expiresAt <= nowMs) return err({ kind: 'hold-expired' });
        if (this.db.prepare(`SELECT 1 FROM appointments WHERE slot_id = ? AND status = 'active'`).get(hold.slotId)) {
          return err({ kind: 'slot-taken' });
        }

        const number = this.nextAppointmentNumber();
        const inserted = this.db
          .prepare(
            `INSERT INTO appointments (number, slot_id, patient_id, client_key, hold_id, status, source, created_at)
             VALUES (?, ?, ?, ?, ?, 'active', 'kiosk', ?)`,
          )
          .run(number, hold.slotId, hold.patientId, clientKey, hold.id, nowMs);
        this.db.prepare('DELETE FROM holds WHERE id = ?').run(hold.id);
        return this.toAppointment({
          id: Number(inserted.lastInsertRowid),
          number,
          slotId: hold.slotId,
          patientId: hold.patientId,
          holdId: hold.id,
        });
      }),
    );
  }

  /** Lets the slot go. Releasing a hold that is already gone (expired, confirmed, released) is fine. */
  async releaseHold(holdId: string): Promise<Result<void, SchedulerError>> {
    return this.guard(() => {
      this.db.prepare('DELETE FROM holds WHERE id = ?').run(holdId);
      return ok(undefined);
    });
  }

  async status(): Promise<SchedulerStatus> {
    if (this.closed) return { state: 'unavailable', adapter: ADAPTER_NAME, cause: 'closed' };
    try {
      this.db.prepare('SELECT count(*) FROM specialties').get();
      return { state: 'ready', adapter: ADAPTER_NAME };
    } catch (e) {
      if (isDatabaseError(e)) return { state: 'unavailable', adapter: ADAPTER_NAME, cause: describe(e) };
      throw e;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  /** Active appointments, all or for one slot (for tests, the CLI and the service screen). */
  countAppointments(filter: { slotId?: string } = {}): number {
    if (filter.slotId !== undefined) {
      const slotKey = parseId(filter.slotId);
      if (slotKey === null) return 0;
      return (this.db.prepare(`SELECT count(*) AS n FROM appointments WHERE status = 'active' AND slot_id = ?`).get(slotKey) as { n: number }).n;
    }
    return (this.db.prepare(`SELECT count(*) AS n FROM appointments WHERE status = 'active'`).get() as { n: number }).n;
  }

  /** Keeps the slots a rolling `horizonDays` window when the bridge runs across midnight. */
  private rollWindow(): void {
    const today = this.clock.today();
    if (today !== this.lastSeed.from) this.lastSeed = seed(this.db, this.clinic, today, this.horizonDays);
  }

  /** The clinic's wall-clock minute and the instant in epoch ms, from one reading of the clock. */
  private nowParams(): { now: LocalDateTime; nowMs: number } {
    const instant = this.clock.instant();
    return { now: toLocalDateTime(instant, this.clock.timeZone), nowMs: instant.getTime() };
  }

  private slotRow(slotId: number): SlotRow | undefined {
    return this.db.prepare<[number], SlotRow>(`SELECT ${SLOT_COLUMNS} ${SLOT_JOINS} WHERE s.id = ? AND d.active = 1`).get(slotId);
  }

  private toAppointment(row: AppointmentRow): Result<Appointment, SchedulerError> {
    const slot = this.db.prepare<[number], SlotRow>(`SELECT ${SLOT_COLUMNS} ${SLOT_JOINS} WHERE s.id = ?`).get(row.slotId);
    if (!slot) throw new Error(`appointment ${row.id} points at a missing slot ${row.slotId}`);
    return ok({ id: String(row.id), number: row.number, slot: toSlot(slot), patientId: String(row.patientId) });
  }

  /** `A-YYMM-NNNN`: the booking month in the clinic, then a counter for that month (more digits after 9999). */
  private nextAppointmentNumber(): string {
    const today = this.clock.today();
    const prefix = `A-${today.slice(2, 4)}${today.slice(5, 7)}`;
    const { last } = this.db
      .prepare<[string], { last: number }>(
        `INSERT INTO number_sequences (prefix, last) VALUES (?, 1)
         ON CONFLICT (prefix) DO UPDATE SET last = last + 1
         RETURNING last`,
      )
      .get(prefix) as { last: number };
    return `${prefix}-${String(last).padStart(4, '0')}`;
  }

  /**
   * Runs `fn` in an IMMEDIATE transaction (the write lock is taken up front, so
   * what it read cannot change before it writes). An error value rolls it back.
   */
  private write<T>(fn: () => Result<T, SchedulerError>): Result<T, SchedulerError> {
    try {
      return this.db
        .transaction(() => {
          const result = fn();
          if (!result.ok) throw new Refusal(result.error);
          return result;
        })
        .immediate();
    } catch (e) {
      if (e instanceof Refusal) return err(e.error);
      // The unique index on active appointments caught a double booking that slipped past the checks.
      if (isDatabaseError(e) && e.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes('appointments.slot_id')) {
        return err({ kind: 'slot-taken' });
      }
      throw e;
    }
  }

  private async guard<T>(fn: () => Result<T, SchedulerError>): Promise<Result<T, SchedulerError>> {
    if (this.closed) return err({ kind: 'unavailable', cause: 'closed' });
    try {
      return fn();
    } catch (e) {
      if (isDatabaseError(e)) return err({ kind: 'unavailable', cause: describe(e) });
      throw e;
    }
  }
}

/** The error code and SQLite's message: names tables and states, never a patient's data. */
function describe(e: InstanceType<typeof Database.SqliteError>): string {
  return `${e.code}: ${e.message}`;
}
