// The print journal: every ticket the kiosk should have printed, with each
// attempt and its outcome, in a SQLite file that survives restarts. Storage
// only: the ticket printer (printer/ticket-printer.ts) records a ticket before
// printing it, marks the outcome after, and reprints an entry; service mode
// lists recent entries. The booking route records the ticket before it answers
// the confirm (api/booking-routes.ts), so a crash right after "booked" still
// leaves it here. An entry still `pending` when the journal opens belongs to a
// boot that died before its printer answered: it becomes `unknown` (not known
// whether it printed), for service mode to reprint. Privacy: a TicketData
// holds only what the paper shows (surname + initials, the policy's last 4
// digits); entries are deleted after `retentionDays`, at open and once a day
// after (`pruneEveryMs`), with `secure_delete` on and the WAL checkpointed, so a
// deleted surname is gone from the file's bytes too (storage/private-files.ts).
import { openDurableDatabase } from '../durable-sqlite';
import { migrateJournal } from './journal-migration';
import type { Logger } from 'pino';
import type { PrinterStatus, PrintResult } from '../contract/printer';
import type { JournalAttempt, JournalAttemptKind, JournalEntry, JournalOutcome } from '../contract/service';
import type { TicketData } from '../contract/ticket';
import { err, ok, type Result } from '../contract/result';

// The entry's wire shape is the contract's (service mode lists and reprints entries).
export type { JournalAttempt, JournalAttemptKind, JournalEntry, JournalOutcome };

export type JournalError = { readonly kind: 'journal-entry-not-found'; readonly entryId: number };

export interface PrintJournal {
  /**
   * Records a booked ticket (at the booking, before printing). One entry per appointment:
   * recording the same appointment again returns its existing entry.
   */
  record(ticket: TicketData, appointmentId: string): number;
  /** Adds an attempt with its outcome; the entry's outcome becomes this one. */
  markOutcome(entryId: number, outcome: PrintResult, kind?: JournalAttemptKind): Result<JournalEntry, JournalError>;
  /** Newest first. */
  listRecent(limit?: number): JournalEntry[];
  get(entryId: number): JournalEntry | null;
  findByAppointment(appointmentId: string): JournalEntry | null;
  /** Deletes entries older than `retentionDays` (by the journal's clock) and checkpoints the WAL; returns how many. */
  prune(): number;
  close(): void;
}

export interface PrintJournalOptions {
  /** The SQLite file; its directory is created if missing. */
  readonly file: string;
  readonly logger?: Logger;
  readonly now?: () => Date;
  /** Entries older than this are deleted when the journal opens, and then every `pruneEveryMs`. */
  readonly retentionDays?: number;
  /** How often the prune runs after the one at open (default a day). */
  readonly pruneEveryMs?: number;
  /** Schedules the repeated prune; returns its stop function (default setInterval, unref'd; tests step a fake one). */
  readonly every?: (ms: number, run: () => void) => () => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const everyByTimer = (ms: number, run: () => void): (() => void) => {
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
};

const ENTRIES_TABLE = `
CREATE TABLE IF NOT EXISTS journal_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  appointment_id TEXT NOT NULL UNIQUE,
  booking_number TEXT NOT NULL,
  ticket_json TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'printed', 'failed', 'unknown')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;
const SCHEMA = `${ENTRIES_TABLE}
CREATE TABLE IF NOT EXISTS journal_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entry_id INTEGER NOT NULL REFERENCES journal_entries(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('print', 'reprint')),
  outcome TEXT NOT NULL CHECK (outcome IN ('printed', 'failed')),
  status_json TEXT
);
CREATE INDEX IF NOT EXISTS journal_attempts_entry ON journal_attempts(entry_id);
`;

interface EntryRow {
  id: number;
  appointment_id: string;
  booking_number: string;
  ticket_json: string;
  outcome: JournalOutcome;
  created_at: string;
  updated_at: string;
}

interface AttemptRow {
  at: string;
  kind: JournalAttemptKind;
  outcome: 'printed' | 'failed';
  status_json: string | null;
}

export function openPrintJournal(options: PrintJournalOptions): PrintJournal {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const retentionDays = options.retentionDays ?? 90;

  // A ticket record must survive a power cut right after it was written (WAL, synchronous = FULL), 0600 with secure_delete.
  const db = openDurableDatabase(options.file, { busyTimeoutMs: 2000, createDir: true });
  migrateJournal(db, ENTRIES_TABLE);
  db.exec(SCHEMA);
  // Opened once per boot, before any booking: a `pending` entry is a previous boot's, which died between
  // the booking and the printer's answer (or before printing). Nobody knows whether it printed: service mode shows it.
  const unknown = db.prepare("UPDATE journal_entries SET outcome = 'unknown', updated_at = ? WHERE outcome = 'pending'").run(now().toISOString()).changes;
  if (unknown > 0) logger?.warn({ event: 'journal-unknown', entries: unknown }, 'print journal: tickets of a previous boot not known to be printed');

  const deleteOlder = db.prepare<[string]>('DELETE FROM journal_entries WHERE created_at < ?');
  const prune = (): number => {
    const cutoff = new Date(now().getTime() - retentionDays * DAY_MS).toISOString();
    const pruned = deleteOlder.run(cutoff).changes;
    if (pruned > 0) {
      // The deleted rows' old pages may still sit in the WAL: copy back and empty it.
      db.pragma('wal_checkpoint(TRUNCATE)');
      logger?.info({ event: 'journal-pruned', entries: pruned, retentionDays }, 'old print journal entries deleted');
    }
    return pruned;
  };
  prune();
  const stopPruning = (options.every ?? everyByTimer)(options.pruneEveryMs ?? DAY_MS, () => {
    try {
      prune();
    } catch (cause) {
      logger?.warn({ event: 'journal-prune-failed', err: cause }, 'print journal: the daily prune failed');
    }
  });

  const selectEntry = db.prepare<[number], EntryRow>('SELECT * FROM journal_entries WHERE id = ?');
  const selectByAppointment = db.prepare<[string], EntryRow>('SELECT * FROM journal_entries WHERE appointment_id = ?');
  const selectRecent = db.prepare<[number], EntryRow>('SELECT * FROM journal_entries ORDER BY id DESC LIMIT ?');
  const selectAttempts = db.prepare<[number], AttemptRow>('SELECT at, kind, outcome, status_json FROM journal_attempts WHERE entry_id = ? ORDER BY id');
  const insertEntry = db.prepare(
    "INSERT INTO journal_entries (appointment_id, booking_number, ticket_json, outcome, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?) ON CONFLICT(appointment_id) DO NOTHING",
  );
  const insertAttempt = db.prepare('INSERT INTO journal_attempts (entry_id, at, kind, outcome, status_json) VALUES (?, ?, ?, ?, ?)');
  const updateOutcome = db.prepare('UPDATE journal_entries SET outcome = ?, updated_at = ? WHERE id = ?');

  const toEntry = (row: EntryRow): JournalEntry => ({
    id: row.id,
    appointmentId: row.appointment_id,
    bookingNumber: row.booking_number,
    ticket: JSON.parse(row.ticket_json) as TicketData,
    outcome: row.outcome,
    attempts: selectAttempts.all(row.id).map((a) => ({
      at: a.at,
      kind: a.kind,
      outcome: a.outcome,
      ...(a.status_json ? { status: JSON.parse(a.status_json) as PrinterStatus } : {}),
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  const get = (entryId: number): JournalEntry | null => {
    const row = selectEntry.get(entryId);
    return row ? toEntry(row) : null;
  };

  const markAttempt = db.transaction((entryId: number, outcome: PrintResult, kind: JournalAttemptKind, at: string): boolean => {
    if (!selectEntry.get(entryId)) return false;
    insertAttempt.run(entryId, at, kind, outcome.outcome, outcome.outcome === 'failed' ? JSON.stringify(outcome.status) : null);
    updateOutcome.run(outcome.outcome, at, entryId);
    return true;
  });

  const markOutcome: PrintJournal['markOutcome'] = (entryId, outcome, kind = 'print') => {
    if (!markAttempt(entryId, outcome, kind, now().toISOString())) return err({ kind: 'journal-entry-not-found', entryId });
    const entry = get(entryId);
    if (!entry) return err({ kind: 'journal-entry-not-found', entryId });
    logger?.info(
      {
        event: 'journal-outcome',
        entryId,
        bookingNumber: entry.bookingNumber,
        kind,
        outcome: outcome.outcome,
        ...(outcome.outcome === 'failed' ? { printerState: outcome.status.state } : {}),
      },
      'print journal: outcome recorded',
    );
    return ok(entry);
  };

  return {
    record(ticket, appointmentId) {
      const at = now().toISOString();
      insertEntry.run(appointmentId, ticket.bookingNumber, JSON.stringify(ticket), at, at);
      const row = selectByAppointment.get(appointmentId);
      if (!row) throw new Error(`print journal: entry for appointment ${appointmentId} vanished after insert`);
      return row.id;
    },
    markOutcome,
    listRecent: (limit = 50) => selectRecent.all(Math.max(1, Math.min(500, Math.trunc(limit)))).map(toEntry),
    get,
    findByAppointment(appointmentId) {
      const row = selectByAppointment.get(appointmentId);
      return row ? toEntry(row) : null;
    },
    prune,
    close() {
      stopPruning();
      if (db.open) db.close();
    },
  };
}
