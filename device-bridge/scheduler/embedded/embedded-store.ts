// The embedded scheduler's database handle: opening (pragmas, migration,
// seeding), cached statements, the clinic clock, and the two wrappers every
// port call runs in: `guard` (database trouble → `unavailable`) and `write`
// (one IMMEDIATE transaction; an error value rolls it back).
import Database from 'better-sqlite3';
import { err, type Result } from '../../contract/result';
import type { Appointment, LocalDateTime, SchedulerError, SlotQuery } from '../scheduler-port';
import { clinicClock, toLocalDateTime, type ClinicClock } from '../../domain/clinic-clock';
import type { ClinicDefinition } from './clinic-definition';
import { SLOT_COLUMNS, SLOT_JOINS, toSlot, type AppointmentRow, type SlotRow } from './embedded-rows';
import { migrate } from './schema';
import { openDurableDatabase } from '../../durable-sqlite';
import { DEFAULT_HORIZON_DAYS, seed, type SeedReport } from './seed';

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
  /**
   * Who takes the holds (the kiosk's id). Holds of this owner are a previous boot's (this one holds
   * nothing yet) and are deleted at open, so a restart does not block their slots until they expire.
   */
  readonly holdOwner?: string;
}

export function isDatabaseError(e: unknown): e is InstanceType<typeof Database.SqliteError> {
  return e instanceof Database.SqliteError;
}

/** The error code and SQLite's message: names tables and states, never a patient's data. */
export function describeDatabaseError(e: InstanceType<typeof Database.SqliteError>): string {
  return `${e.code}: ${e.message}`;
}

/** Carries an error value out of a transaction so that it rolls back. */
class Refusal {
  constructor(readonly error: SchedulerError) {}
}

export class EmbeddedStore {
  readonly clock: ClinicClock;
  readonly db: Database.Database;
  lastSeed: SeedReport;
  closed = false;
  readonly holdOwner: string | null;

  private readonly clinic: ClinicDefinition;
  private readonly horizonDays: number;
  private readonly statements = new Map<string, Database.Statement>();

  /** Opens (creating, migrating and seeding as needed). Throws when the file cannot be opened. */
  constructor(options: EmbeddedSchedulerOptions) {
    this.clinic = options.clinic;
    this.clock = clinicClock(options.timeZone ?? options.clinic.clinic.timeZone, options.now);
    this.horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
    this.holdOwner = options.holdOwner ?? null;
    const busyTimeoutMs = options.busyTimeoutMs ?? 1000;
    let db: Database.Database | undefined;
    try {
      // WAL with synchronous = FULL: an answered booking survives a power cut (durable-sqlite.ts).
      db = openDurableDatabase(options.dbPath, { busyTimeoutMs });
      this.db = db;
      migrate(this.db);
      this.lastSeed = seed(this.db, this.clinic, this.clock.today(), this.horizonDays);
      if (this.holdOwner !== null) this.db.prepare('DELETE FROM holds WHERE owner = ?').run(this.holdOwner);
    } catch (e) {
      db?.close();
      throw new Error(`cannot open the embedded scheduler at ${options.dbPath}`, { cause: e });
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.db.close();
  }

  /** A cached prepared statement: the same few queries run on every screen. */
  stmt<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s as unknown as Database.Statement<P, R>;
  }

  /** Keeps the slots a rolling `horizonDays` window when the bridge runs across midnight. */
  rollWindow(): void {
    const today = this.clock.today();
    if (today !== this.lastSeed.from) this.lastSeed = seed(this.db, this.clinic, today, this.horizonDays);
  }

  /** The clinic's wall-clock minute and the instant in epoch ms, from one reading of the clock. */
  nowParams(): { now: LocalDateTime; nowMs: number } {
    const instant = this.clock.instant();
    return { now: toLocalDateTime(instant, this.clock.timeZone), nowMs: instant.getTime() };
  }

  slotQueryParams(query: SlotQuery): Record<string, unknown> {
    return {
      ...this.nowParams(),
      from: query.from,
      to: query.to,
      ...(query.specialtyCode !== undefined ? { specialtyCode: query.specialtyCode } : {}),
      ...(query.doctorIds !== undefined ? { doctorIds: JSON.stringify(query.doctorIds) } : {}),
    };
  }

  slotRow(slotId: number, options: { kioskOnly?: boolean } = {}): SlotRow | undefined {
    return this.stmt<[number], SlotRow>(
      `SELECT ${SLOT_COLUMNS} ${SLOT_JOINS} WHERE s.id = ? AND d.active = 1${options.kioskOnly ? ' AND s.kiosk = 1' : ''}`,
    ).get(slotId);
  }

  toAppointment(row: AppointmentRow): Appointment {
    const slot = this.stmt<[number], SlotRow>(`SELECT ${SLOT_COLUMNS} ${SLOT_JOINS} WHERE s.id = ?`).get(row.slotId);
    if (!slot) throw new Error(`appointment ${row.id} points at a missing slot ${row.slotId}`);
    return {
      id: String(row.id),
      number: row.number,
      slot: toSlot(slot),
      patientId: String(row.patientId),
      status: row.status === 'cancelled' ? 'cancelled' : row.arrivedAt != null ? 'arrived' : 'booked',
    };
  }

  /**
   * Runs `fn` in an IMMEDIATE transaction (the write lock is taken up front, so
   * what it read cannot change before it writes). An error value rolls it back.
   */
  write<T>(fn: () => Result<T, SchedulerError>): Result<T, SchedulerError> {
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

  /** Database trouble (SQLITE_BUSY, disk full, I/O) as `unavailable`; anything else is a bug and is thrown. */
  async guard<T>(fn: () => Result<T, SchedulerError>): Promise<Result<T, SchedulerError>> {
    if (this.closed) return err({ kind: 'unavailable', cause: 'closed' });
    try {
      return fn();
    } catch (e) {
      if (isDatabaseError(e)) return err({ kind: 'unavailable', cause: describeDatabaseError(e) });
      throw e;
    }
  }
}
