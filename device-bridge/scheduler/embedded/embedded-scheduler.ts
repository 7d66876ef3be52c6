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
import { err, ok, type Result } from '../../contract/result';
import type {
  Appointment,
  ClinicDirectory,
  FreeSlotCount,
  Hold,
  LocalDateTime,
  Patient,
  Scheduler,
  SchedulerError,
  SchedulerStatus,
  Slot,
  SlotQuery,
  WaitingListEntry,
  WaitingListRequest,
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
  district: string | null;
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
  status: 'active' | 'cancelled';
}

interface PatientRow {
  id: number;
  policyNumber: string;
  surname: string;
  givenName: string;
  patronymic: string;
  birthDate: string;
  sex: 'male' | 'female';
  district: string | null;
  attached: number;
}

interface WaitingListRow {
  id: number;
  specialtyCode: string;
  doctorId: string | null;
  claim: WaitingListEntry['claim'];
  createdAt: number;
}

const SLOT_COLUMNS = `
  s.id AS slotId, s.start AS start, s.duration_minutes AS durationMinutes,
  d.id AS doctorId, d.full_name AS fullName, d.room AS room, d.district AS district,
  sp.code AS specialtyCode, sp.name AS specialtyName`;
const SLOT_JOINS = `
  FROM slots s
  JOIN doctors d ON d.id = s.doctor_id
  JOIN specialties sp ON sp.code = d.specialty_code`;
const APPOINTMENT_COLUMNS = 'a.id, a.number, a.slot_id AS slotId, a.patient_id AS patientId, a.hold_id AS holdId, a.status';
/** Slot `s` has no active appointment. */
const NOT_BOOKED = `NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status = 'active')`;
/** Slot `s` has no live hold (parameter @nowMs). */
const NOT_HELD = `NOT EXISTS (SELECT 1 FROM holds h WHERE h.slot_id = s.id AND h.expires_at > @nowMs)`;
/** Slot `s` is on offer: open to the kiosk, in the future (parameter @now), not booked, not held. */
const FREE = `s.kiosk = 1 AND s.start > @now AND ${NOT_BOOKED} AND ${NOT_HELD}`;

/** Expired holds are kept this long so a late confirm still hears `hold-expired`, not `hold-not-found`. */
const EXPIRED_HOLD_GRACE_MS = 60 * 60 * 1000;

const toSlot = (r: SlotRow): Slot => ({
  id: String(r.slotId),
  start: r.start,
  durationMinutes: r.durationMinutes,
  doctor: { id: r.doctorId, fullName: r.fullName, specialtyCode: r.specialtyCode, room: r.room, district: r.district },
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
  private readonly statements = new Map<string, Database.Statement>();
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
      const row = this.stmt<[string], PatientRow>(
        `SELECT id, policy_number AS policyNumber, surname, given_name AS givenName, patronymic,
                birth_date AS birthDate, sex, district, attached
         FROM patients WHERE policy_number = ?`,
      ).get(key);
      if (!row) return err({ kind: 'patient-not-found' });
      const { attached, ...rest } = row;
      return ok({ ...rest, id: String(row.id), attached: attached === 1 });
    });
  }

  async listDirectory(): Promise<Result<ClinicDirectory, SchedulerError>> {
    return this.guard(() => {
      const specialties = this.stmt<[], { code: string; name: string }>(
        `SELECT sp.code, sp.name FROM specialties sp
         WHERE EXISTS (SELECT 1 FROM doctors d WHERE d.specialty_code = sp.code AND d.active = 1)
         ORDER BY sp.sort_order`,
      ).all();
      const doctors = this.stmt<[], { id: string; fullName: string; specialtyCode: string; room: string; district: string | null }>(
        `SELECT d.id, d.full_name AS fullName, d.specialty_code AS specialtyCode, d.room, d.district
         FROM doctors d JOIN specialties sp ON sp.code = d.specialty_code
         WHERE d.active = 1 ORDER BY sp.sort_order, d.full_name`,
      ).all();
      return ok({ specialties, doctors });
    });
  }

  /** Free slots with `from <= start < to`, in the future only, earliest first. */
  async listFreeSlots(query: SlotQuery): Promise<Result<Slot[], SchedulerError>> {
    assertWindow(query.from, query.to);
    return this.guard(() => {
      this.rollWindow();
      const rows = this.stmt<Record<string, unknown>, SlotRow>(
        `SELECT ${SLOT_COLUMNS} ${DOCTOR_FIRST_JOINS} JOIN specialties sp ON sp.code = d.specialty_code
         WHERE ${doctorFilter(query)} AND ${slotWindow} ORDER BY s.start, d.full_name`,
      ).all(this.queryParams(query));
      return ok(rows.map(toSlot));
    });
  }

  async countFreeSlots(query: SlotQuery): Promise<Result<FreeSlotCount[], SchedulerError>> {
    assertWindow(query.from, query.to);
    return this.guard(() => {
      this.rollWindow();
      const rows = this.stmt<Record<string, unknown>, FreeSlotCount>(
        `SELECT s.doctor_id AS doctorId, substr(s.start, 1, 10) AS date, COUNT(*) AS count, MIN(s.start) AS first
         ${DOCTOR_FIRST_JOINS}
         WHERE ${doctorFilter(query)} AND ${slotWindow}
         GROUP BY s.doctor_id, date ORDER BY date, first`,
      ).all(this.queryParams(query));
      return ok(rows);
    });
  }

  async firstFreeSlot(query: SlotQuery): Promise<Result<LocalDateTime | null, SchedulerError>> {
    assertWindow(query.from, query.to);
    return this.guard(() => {
      this.rollWindow();
      // Per doctor, the first free slot in start order (an index walk that stops at the first hit), then the earliest of those.
      const row = this.stmt<Record<string, unknown>, { first: string | null }>(
        `SELECT MIN((SELECT s.start FROM slots s WHERE s.doctor_id = d.id AND ${slotWindow} ORDER BY s.start LIMIT 1)) AS first
         FROM doctors d WHERE ${doctorFilter(query)}`,
      ).get(this.queryParams(query));
      return ok(row?.first ?? null);
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
        if (!this.stmt('SELECT 1 FROM patients WHERE id = ?').get(patientKey)) {
          return err({ kind: 'patient-not-found' });
        }
        const slot = this.slotRow(slotKey, { kioskOnly: true });
        if (!slot) return err({ kind: 'slot-not-found' });
        // A slot whose time has come is no longer on offer: for the patient it is as good as taken.
        if (slot.start <= now) return err({ kind: 'slot-taken' });
        if (this.stmt(`SELECT 1 FROM slots s WHERE s.id = ? AND NOT ${NOT_BOOKED}`).get(slotKey)) {
          return err({ kind: 'slot-taken' });
        }
        const heldByOther = this.stmt('SELECT 1 FROM holds WHERE slot_id = ? AND expires_at > ? AND patient_id <> ?').get(
          slotKey,
          nowMs,
          patientKey,
        );
        if (heldByOther) return err({ kind: 'slot-taken' });

        // One hold per patient: a new hold replaces the previous one. Old expired holds are swept here too.
        this.stmt('DELETE FROM holds WHERE patient_id = ? OR expires_at <= ?').run(patientKey, nowMs - EXPIRED_HOLD_GRACE_MS);
        const id = randomUUID();
        const expiresAt = nowMs + Math.round(ttlSeconds * 1000);
        this.stmt('INSERT INTO holds (id, slot_id, patient_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)').run(
          id,
          slotKey,
          patientKey,
          expiresAt,
          nowMs,
        );
        return ok({ id, slot: toSlot(slot), expiresAt: new Date(expiresAt).toISOString() });
      });
    });
  }

  async confirmHold(holdId: string, clientKey: string): Promise<Result<Appointment, SchedulerError>> {
    if (clientKey.trim() === '') throw new RangeError('confirmHold needs a non-empty clientKey');
    return this.guard(() =>
      this.write(() => {
        const { nowMs } = this.nowParams();
        const previous = this.stmt<[string], AppointmentRow>(
          `SELECT ${APPOINTMENT_COLUMNS} FROM appointments a WHERE a.client_key = ?`,
        ).get(clientKey);
        if (previous) {
          if (previous.holdId !== holdId) {
            // A caller bug: one key must stand for one confirm. Returning the old booking would hand out the wrong ticket.
            throw new Error('confirmHold: this clientKey was already used to confirm a different hold');
          }
          return ok(this.toAppointment(previous));
        }

        const hold = this.stmt<[string], HoldRow>(
          'SELECT id, slot_id AS slotId, patient_id AS patientId, expires_at AS expiresAt FROM holds WHERE id = ?',
        ).get(holdId);
        if (!hold) return err({ kind: 'hold-not-found' });
        if (hold.expiresAt <= nowMs) return err({ kind: 'hold-expired' });
        if (this.stmt(`SELECT 1 FROM appointments WHERE slot_id = ? AND status = 'active'`).get(hold.slotId)) {
          return err({ kind: 'slot-taken' });
        }

        const number = this.nextAppointmentNumber();
        const inserted = this.stmt(
          `INSERT INTO appointments (number, slot_id, patient_id, client_key, hold_id, status, source, created_at)
           VALUES (?, ?, ?, ?, ?, 'active', 'kiosk', ?)`,
        ).run(number, hold.slotId, hold.patientId, clientKey, hold.id, nowMs);
        this.stmt('DELETE FROM holds WHERE id = ?').run(hold.id);
        return ok(
          this.toAppointment({
            id: Number(inserted.lastInsertRowid),
            number,
            slotId: hold.slotId,
            patientId: hold.patientId,
            holdId: hold.id,
            status: 'active',
          }),
        );
      }),
    );
  }

  /** Lets the slot go. Releasing a hold that is already gone (expired, confirmed, released) is fine. */
  async releaseHold(holdId: string): Promise<Result<void, SchedulerError>> {
    return this.guard(() => {
      this.stmt('DELETE FROM holds WHERE id = ?').run(holdId);
      return ok(undefined);
    });
  }

  async cancelAppointment(appointmentId: string, patientId: string): Promise<Result<Appointment, SchedulerError>> {
    return this.guard(() => {
      const key = parseId(appointmentId);
      const patientKey = parseId(patientId);
      if (key === null || patientKey === null) return err({ kind: 'appointment-not-found' });
      return this.write(() => {
        const row = this.stmt<[number, number], AppointmentRow>(
          `SELECT ${APPOINTMENT_COLUMNS} FROM appointments a WHERE a.id = ? AND a.patient_id = ?`,
        ).get(key, patientKey);
        if (!row) return err({ kind: 'appointment-not-found' });
        if (row.status === 'active') {
          this.stmt(`UPDATE appointments SET status = 'cancelled', cancelled_at = ? WHERE id = ?`).run(this.nowParams().nowMs, key);
        }
        return ok(this.toAppointment({ ...row, status: 'cancelled' }));
      });
    });
  }

  async listAppointments(patientId: string, query: { readonly from: LocalDateTime }): Promise<Result<Appointment[], SchedulerError>> {
    if (!isLocalDateTime(query.from)) throw new RangeError(`from must be a clinic time YYYY-MM-DDTHH:mm (got ${query.from})`);
    return this.guard(() => {
      const patientKey = parseId(patientId);
      if (patientKey === null) return ok([]);
      const rows = this.stmt<[number, string], AppointmentRow>(
        `SELECT ${APPOINTMENT_COLUMNS} FROM appointments a JOIN slots s ON s.id = a.slot_id
         WHERE a.patient_id = ? AND a.status = 'active' AND s.start >= ?
         ORDER BY s.start`,
      ).all(patientKey, query.from);
      return ok(rows.map((r) => this.toAppointment(r)));
    });
  }

  async joinWaitingList(request: WaitingListRequest): Promise<Result<WaitingListEntry, SchedulerError>> {
    return this.guard(() => {
      const patientKey = parseId(request.patientId);
      if (patientKey === null) return err({ kind: 'patient-not-found' });
      return this.write(() => {
        if (!this.stmt('SELECT 1 FROM patients WHERE id = ?').get(patientKey)) return err({ kind: 'patient-not-found' });
        const columns = 'id, specialty_code AS specialtyCode, doctor_id AS doctorId, claim, created_at AS createdAt';
        const open = this.stmt<[number, string, string], WaitingListRow>(
          `SELECT ${columns} FROM waiting_list
           WHERE patient_id = ? AND specialty_code = ? AND coalesce(doctor_id, '') = ? AND status = 'open'`,
        ).get(patientKey, request.specialtyCode, request.doctorId ?? '');
        if (open) return ok(toWaitingListEntry(open));
        const createdAt = this.nowParams().nowMs;
        const inserted = this.stmt(
          `INSERT INTO waiting_list (patient_id, specialty_code, doctor_id, claim, status, source, created_at)
           VALUES (?, ?, ?, ?, 'open', 'kiosk', ?)`,
        ).run(patientKey, request.specialtyCode, request.doctorId, request.claim, createdAt);
        return ok(
          toWaitingListEntry({
            id: Number(inserted.lastInsertRowid),
            specialtyCode: request.specialtyCode,
            doctorId: request.doctorId,
            claim: request.claim,
            createdAt,
          }),
        );
      });
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
    this.statements.clear();
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

  /** Open waiting-list entries (for tests and the service screen). */
  countWaitingList(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM waiting_list WHERE status = 'open'`).get() as { n: number }).n;
  }

  /** A cached prepared statement: the same few queries run on every screen. */
  private stmt<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s as unknown as Database.Statement<P, R>;
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

  private queryParams(query: SlotQuery): Record<string, unknown> {
    return {
      ...this.nowParams(),
      from: query.from,
      to: query.to,
      ...(query.specialtyCode !== undefined ? { specialtyCode: query.specialtyCode } : {}),
      ...(query.doctorIds !== undefined ? { doctorIds: JSON.stringify(query.doctorIds) } : {}),
    };
  }

  private slotRow(slotId: number, options: { kioskOnly?: boolean } = {}): SlotRow | undefined {
    return this.stmt<[number], SlotRow>(
      `SELECT ${SLOT_COLUMNS} ${SLOT_JOINS} WHERE s.id = ? AND d.active = 1${options.kioskOnly ? ' AND s.kiosk = 1' : ''}`,
    ).get(slotId);
  }

  private toAppointment(row: AppointmentRow): Appointment {
    const slot = this.stmt<[number], SlotRow>(`SELECT ${SLOT_COLUMNS} ${SLOT_JOINS} WHERE s.id = ?`).get(row.slotId);
    if (!slot) throw new Error(`appointment ${row.id} points at a missing slot ${row.slotId}`);
    return {
      id: String(row.id),
      number: row.number,
      slot: toSlot(slot),
      patientId: String(row.patientId),
      status: row.status === 'active' ? 'booked' : 'cancelled',
    };
  }

  /** `A-YYMM-NNNN`: the booking month in the clinic, then a counter for that month (more digits after 9999). */
  private nextAppointmentNumber(): string {
    const today = this.clock.today();
    const prefix = `A-${today.slice(2, 4)}${today.slice(5, 7)}`;
    const { last } = this.stmt<[string], { last: number }>(
      `INSERT INTO number_sequences (prefix, last) VALUES (?, 1)
       ON CONFLICT (prefix) DO UPDATE SET last = last + 1
       RETURNING last`,
    ).get(prefix) as { last: number };
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

/**
 * Doctors first, then each doctor's slots through the (doctor_id, start) index:
 * a specialty's day touches only its doctors' slots, never the whole clinic's
 * (CROSS JOIN keeps SQLite from starting at slots_by_start instead).
 */
const DOCTOR_FIRST_JOINS = 'FROM doctors d CROSS JOIN slots s ON s.doctor_id = d.id';
/** Slot `s` is in the window (parameters @from, @to) and free. */
const slotWindow = `s.start >= @from AND s.start < @to AND ${FREE}`;

/** Which doctors a slot query covers (parameters from queryParams). */
function doctorFilter(query: SlotQuery): string {
  const parts = ['d.active = 1'];
  if (query.specialtyCode !== undefined) parts.push('d.specialty_code = @specialtyCode');
  if (query.doctorIds !== undefined) parts.push('d.id IN (SELECT value FROM json_each(@doctorIds))');
  return parts.join(' AND ');
}

function toWaitingListEntry(row: WaitingListRow): WaitingListEntry {
  return {
    id: String(row.id),
    specialtyCode: row.specialtyCode,
    doctorId: row.doctorId,
    claim: row.claim,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/** The error code and SQLite's message: names tables and states, never a patient's data. */
function describe(e: InstanceType<typeof Database.SqliteError>): string {
  return `${e.code}: ${e.message}`;
}
