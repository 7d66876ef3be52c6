// Tables of the embedded scheduler. The schema version lives in
// `PRAGMA user_version`; each migration moves it up by one, inside a
// transaction, so two bridges starting together never both migrate.
import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 6;

/** migrations[n] takes the database from version n to n + 1. */
const migrations: readonly string[] = [
  `
  CREATE TABLE specialties (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    department_code TEXT NOT NULL,
    department_name TEXT NOT NULL,
    sort_order      INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE doctors (
    id             TEXT PRIMARY KEY,
    full_name      TEXT NOT NULL,
    specialty_code TEXT NOT NULL REFERENCES specialties(code),
    room           TEXT NOT NULL,
    slot_minutes   INTEGER NOT NULL CHECK (slot_minutes > 0),
    -- 0 once the doctor is gone from the clinic definition: kept for old appointments, never offered
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
  ) STRICT;

  CREATE TABLE patients (
    id            INTEGER PRIMARY KEY,
    -- normalized: digits for ЕНП / temporary certificate, upper case without separators for old-style
    policy_number TEXT NOT NULL UNIQUE,
    surname       TEXT NOT NULL,
    given_name    TEXT NOT NULL,
    patronymic    TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    sex           TEXT NOT NULL CHECK (sex IN ('male', 'female'))
  ) STRICT;

  CREATE TABLE slots (
    id               INTEGER PRIMARY KEY,
    doctor_id        TEXT NOT NULL REFERENCES doctors(id),
    start            TEXT NOT NULL, -- clinic wall clock, YYYY-MM-DDTHH:mm
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    UNIQUE (doctor_id, start)
  ) STRICT;
  CREATE INDEX slots_by_start ON slots (start);

  CREATE TABLE holds (
    id         TEXT PRIMARY KEY,
    slot_id    INTEGER NOT NULL REFERENCES slots(id),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    expires_at INTEGER NOT NULL, -- epoch milliseconds
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX holds_by_slot ON holds (slot_id, expires_at);
  CREATE INDEX holds_by_patient ON holds (patient_id);

  CREATE TABLE appointments (
    id         INTEGER PRIMARY KEY,
    number     TEXT NOT NULL UNIQUE, -- printed on the ticket, e.g. З-2611-0042 (A-… before schema 4)
    slot_id    INTEGER NOT NULL REFERENCES slots(id),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    client_key TEXT NOT NULL UNIQUE, -- idempotency key of the confirm
    hold_id    TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    source     TEXT NOT NULL DEFAULT 'kiosk',
    created_at INTEGER NOT NULL
  ) STRICT;
  -- the last line of defence against a double booking
  CREATE UNIQUE INDEX appointments_one_active_per_slot ON appointments (slot_id) WHERE status = 'active';
  CREATE INDEX appointments_by_patient ON appointments (patient_id);

  -- per-prefix counters for appointment numbers (prefix = A-YYMM)
  CREATE TABLE number_sequences (
    prefix TEXT PRIMARY KEY,
    last   INTEGER NOT NULL
  ) STRICT;
  `,
  // 2: districts, SNILS, the share of slots open to the kiosk, cancellations, the waiting list
  `
  ALTER TABLE doctors ADD COLUMN snils TEXT;
  -- the district (участок) a district doctor serves
  ALTER TABLE doctors ADD COLUMN district TEXT;
  ALTER TABLE patients ADD COLUMN district TEXT;
  -- 0 for someone in the registry who is attached to another clinic
  ALTER TABLE patients ADD COLUMN attached INTEGER NOT NULL DEFAULT 1 CHECK (attached IN (0, 1));
  -- where the record came from: the clinic file or a registry import
  ALTER TABLE patients ADD COLUMN source TEXT NOT NULL DEFAULT 'clinic-file';
  -- 0 for slots kept for the registry desk (the clinic's kioskShare) or no longer in the schedule
  ALTER TABLE slots ADD COLUMN kiosk INTEGER NOT NULL DEFAULT 1 CHECK (kiosk IN (0, 1));
  ALTER TABLE appointments ADD COLUMN cancelled_at INTEGER;
  CREATE INDEX appointments_by_patient_status ON appointments (patient_id, status);

  CREATE TABLE waiting_list (
    id             INTEGER PRIMARY KEY,
    patient_id     INTEGER NOT NULL REFERENCES patients(id),
    specialty_code TEXT NOT NULL, -- may name a specialty the clinic lacks ("no such specialist")
    doctor_id      TEXT,          -- null: any doctor of the specialty
    claim          TEXT NOT NULL CHECK (claim IN ('no-slots', 'no-convenient-time', 'no-such-specialist')),
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    source         TEXT NOT NULL DEFAULT 'kiosk',
    created_at     INTEGER NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX waiting_list_one_open
    ON waiting_list (patient_id, specialty_code, coalesce(doctor_id, '')) WHERE status = 'open';
  `,
  `
  -- the kiosk whose bridge took the hold: its next boot clears the holds it left (embedded-store.ts)
  ALTER TABLE holds ADD COLUMN owner TEXT;
  CREATE INDEX holds_by_owner ON holds (owner);
  `,
  // 4: the idempotency key of a waiting-list request (the kiosk's outbox).
  `
  -- the idempotency key of a waiting-list request (the kiosk's outbox): a redelivery finds its entry
  ALTER TABLE waiting_list ADD COLUMN client_key TEXT;
  CREATE UNIQUE INDEX waiting_list_by_client_key ON waiting_list (client_key) WHERE client_key IS NOT NULL;
  `,
  // 5: check-in on arrival. The appointment stays 'active' (its slot stays taken, the unique index
  // still guards it); the instant the patient checked in makes it `arrived` on the port.
  `
  ALTER TABLE appointments ADD COLUMN arrived_at INTEGER; -- epoch milliseconds, null until the patient checks in
  ALTER TABLE doctors ADD COLUMN floor TEXT; -- the room's floor, when the clinic file gives it
  `,
  // 6: the phone the registry calls a patient on the waiting list (shown to the patient masked only).
  `
  ALTER TABLE patients ADD COLUMN phone TEXT; -- +7 and 10 digits; null when the record has none
  `,
];

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to SCHEMA_VERSION. Refuses a database written by a newer
 * kiosk (a downgrade would silently misread it).
 */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    const from = schemaVersion(db);
    if (from > SCHEMA_VERSION) {
      throw new Error(`the scheduler database has schema version ${from}, newer than this kiosk's ${SCHEMA_VERSION}`);
    }
    for (let v = from; v < SCHEMA_VERSION; v++) {
      db.exec(migrations[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
