// The outbox's SQLite file: requests patients left («Оставить заявку») that
// the scheduler's waiting list has not taken yet. Opened through the one
// durable opener (durable-sqlite.ts: WAL, synchronous = FULL, 0600 files,
// secure_delete), so a request answered «принято» is on disk, and a delivered
// one is gone from the file's bytes too.
//
// Privacy: a pending request keeps what its delivery needs (the scheduler's
// patient id, or the policy number when the scheduler could not identify the
// patient; the phone; surname + initials when known). A delivered request is
// deleted. A failed one (expired, or refused by the scheduler) drops the
// policy number and keeps only what the registry needs to call back, and is
// deleted `failedRetentionDays` after it failed.
import type Database from 'better-sqlite3';
import { openDurableDatabase } from '../durable-sqlite';
import type { OutboxRequestState } from '../contract/outbox';
import type { TypedPolicyKind } from '../domain/oms-policy';
import type { WaitingListClaim } from '../scheduler/scheduler-port';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS requests (
    client_key      TEXT PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'failed')),
    created_at      INTEGER NOT NULL,
    patient_id      TEXT,  -- the scheduler's id, when it identified the patient
    policy_number   TEXT,  -- only when it did not; null once failed
    policy_kind     TEXT,
    display_name    TEXT,  -- surname + initials, when known
    specialty_code  TEXT NOT NULL,
    specialty_name  TEXT NOT NULL,
    doctor_id       TEXT,
    claim           TEXT NOT NULL,
    phone           TEXT NOT NULL, -- the 10 digits after +7
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    failed_at       INTEGER
  ) STRICT;
  CREATE INDEX IF NOT EXISTS requests_due ON requests (state, next_attempt_at);
  -- delivered requests are deleted; their count stays
  CREATE TABLE IF NOT EXISTS tally (name TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT;
`;

export interface NewRequest {
  readonly clientKey: string;
  readonly reference: string;
  readonly createdAt: number;
  readonly patientId: string | null;
  readonly policyNumber: string | null;
  readonly policyKind: TypedPolicyKind | null;
  readonly displayName: string | null;
  readonly specialtyCode: string;
  readonly specialtyName: string;
  readonly doctorId: string | null;
  readonly claim: WaitingListClaim;
  readonly phone: string;
}

export interface StoredRequest extends NewRequest {
  readonly state: OutboxRequestState;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly failedAt: number | null;
}

const COLUMNS = `client_key AS clientKey, reference, state, created_at AS createdAt, patient_id AS patientId,
  policy_number AS policyNumber, policy_kind AS policyKind, display_name AS displayName, specialty_code AS specialtyCode,
  specialty_name AS specialtyName, doctor_id AS doctorId, claim, phone, attempts, next_attempt_at AS nextAttemptAt,
  last_error AS lastError, failed_at AS failedAt`;

export interface OutboxStore {
  /** Adds the request, on disk when this returns; the same client key again returns the stored one unchanged. */
  add(request: NewRequest): StoredRequest;
  /** Pending requests due at `nowMs`, oldest first. */
  due(nowMs: number, limit: number): StoredRequest[];
  /** Delivered: the row is deleted and the sent count goes up, in one transaction. */
  delivered(clientKey: string): void;
  /** Not delivered this time: try again at `nextAttemptAt`. */
  retryLater(clientKey: string, nextAttemptAt: number, error: string): void;
  /** Given up: the policy number goes, what the registry needs to call back stays. */
  fail(clientKey: string, nowMs: number, error: string): void;
  /** Deletes failed requests that failed before `beforeMs`; returns how many. */
  purgeFailed(beforeMs: number): number;
  counts(): { readonly pending: number; readonly failed: number; readonly sent: number; readonly oldestPendingAt: number | null };
  /** Pending and failed requests, oldest first. */
  list(limit: number): StoredRequest[];
  close(): void;
}

export function openOutboxStore(file: string): OutboxStore {
  const db: Database.Database = openDurableDatabase(file, { busyTimeoutMs: 2000, createDir: true });
  try {
    db.exec(SCHEMA);
    // A read-only or full disk must show now, at start, not at the first patient's «принято».
    db.prepare(`INSERT INTO tally (name, n) VALUES ('opened', 1) ON CONFLICT (name) DO UPDATE SET n = n + 1`).run();
  } catch (cause) {
    db.close();
    throw cause;
  }
  const byKey = db.prepare<[string], StoredRequest>(`SELECT ${COLUMNS} FROM requests WHERE client_key = ?`);
  const insert = db.prepare(
    `INSERT INTO requests (client_key, reference, state, created_at, patient_id, policy_number, policy_kind, display_name,
       specialty_code, specialty_name, doctor_id, claim, phone, next_attempt_at)
     VALUES (@clientKey, @reference, 'pending', @createdAt, @patientId, @policyNumber, @policyKind, @displayName,
       @specialtyCode, @specialtyName, @doctorId, @claim, @phone, @createdAt)
     ON CONFLICT (client_key) DO NOTHING`,
  );
  const add = db.transaction((request: NewRequest): StoredRequest => {
    insert.run(request);
    return byKey.get(request.clientKey)!;
  });
  const bump = db.prepare(`INSERT INTO tally (name, n) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET n = n + 1`);
  const remove = db.prepare(`DELETE FROM requests WHERE client_key = ?`);
  const delivered = db.transaction((clientKey: string) => {
    if (remove.run(clientKey).changes > 0) bump.run('sent');
  });
  return {
    add: (request) => add.immediate(request),
    due: (nowMs, limit) =>
      db.prepare<[number, number], StoredRequest>(`SELECT ${COLUMNS} FROM requests WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY created_at LIMIT ?`).all(nowMs, limit),
    delivered: (clientKey) => delivered.immediate(clientKey),
    retryLater: (clientKey, nextAttemptAt, error) =>
      void db.prepare(`UPDATE requests SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE client_key = ? AND state = 'pending'`).run(nextAttemptAt, error, clientKey),
    fail: (clientKey, nowMs, error) =>
      void db
        .prepare(
          `UPDATE requests SET state = 'failed', failed_at = ?, last_error = ?, attempts = attempts + 1, policy_number = NULL, policy_kind = NULL, patient_id = NULL
           WHERE client_key = ? AND state = 'pending'`,
        )
        .run(nowMs, error, clientKey),
    purgeFailed: (beforeMs) => {
      const n = db.prepare(`DELETE FROM requests WHERE state = 'failed' AND failed_at < ?`).run(beforeMs).changes;
      // The deleted rows' pages leave the WAL for the main file (secure_delete zeroes them there).
      if (n > 0) db.pragma('wal_checkpoint(TRUNCATE)');
      return n;
    },
    counts: () => {
      const row = db
        .prepare<[], { pending: number; failed: number; oldest: number | null }>(
          `SELECT coalesce(sum(state = 'pending'), 0) AS pending, coalesce(sum(state = 'failed'), 0) AS failed,
             min(CASE WHEN state = 'pending' THEN created_at END) AS oldest FROM requests`,
        )
        .get()!;
      const sent = db.prepare<[], { n: number }>(`SELECT n FROM tally WHERE name = 'sent'`).get()?.n ?? 0;
      return { pending: row.pending, failed: row.failed, sent, oldestPendingAt: row.oldest };
    },
    list: (limit) => db.prepare<[number], StoredRequest>(`SELECT ${COLUMNS} FROM requests ORDER BY created_at LIMIT ?`).all(limit),
    close: () => db.close(),
  };
}
