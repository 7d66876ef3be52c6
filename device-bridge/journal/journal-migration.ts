// Brings a print journal written by an older bridge up to the current schema
// (print-journal.ts). The one change so far: the `unknown` outcome (issue 18,
// item 2), which the old CHECK constraint on journal_entries.outcome refuses.
// SQLite cannot alter a CHECK, so the table is rebuilt the way SQLite's docs
// describe (new table, copy, drop, rename), foreign keys off so that dropping
// the old table does not cascade into journal_attempts.
import type Database from 'better-sqlite3';

export function migrateJournal(db: Database.Database, entriesTableSql: string): void {
  const current = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'journal_entries'").get();
  if (!current || current.sql.includes("'unknown'")) return;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      db.exec(entriesTableSql.replace('journal_entries', 'journal_entries_new'));
      db.exec('INSERT INTO journal_entries_new SELECT id, appointment_id, booking_number, ticket_json, outcome, created_at, updated_at FROM journal_entries');
      db.exec('DROP TABLE journal_entries');
      db.exec('ALTER TABLE journal_entries_new RENAME TO journal_entries');
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
