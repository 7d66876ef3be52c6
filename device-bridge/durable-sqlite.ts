// The one way the bridge opens a SQLite file. Every database it opens answers
// a patient (the scheduler's bookings, cancellations, waiting list; the print
// journal), so each runs WAL with `synchronous = FULL`: a commit is on disk
// before the patient hears "booked". With NORMAL, WAL survives `kill -9` but a
// power cut can roll back commits already answered 200 (issue 18, item 3).
// Open handles are listed so a test can assert the pragmas on every one
// (tests/integration/durable-commits.test.ts).
import Database from 'better-sqlite3';
import { preparePrivateDatabase, securePrivateDatabase } from './storage/private-files';

export interface DurableDatabaseOptions {
  /** How long a write waits for another connection's lock (SQLITE_BUSY), in ms. */
  readonly busyTimeoutMs: number;
  /** Create a missing directory (0700); without it a missing directory is left for SQLite to refuse, saying where. */
  readonly createDir?: boolean;
}

const open = new Set<Database.Database>();

export function openDurableDatabase(file: string, options: DurableDatabaseOptions): Database.Database {
  // Personal data at rest: 0600 in a 0700 directory, deleted rows overwritten (storage/private-files.ts).
  preparePrivateDatabase(file, options.createDir ?? false);
  const db = new Database(file, { timeout: options.busyTimeoutMs });
  try {
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    securePrivateDatabase(db, file);
  } catch (e) {
    db.close();
    throw e;
  }
  open.add(db);
  // better-sqlite3 has no close event: wrap close so the list forgets closed handles.
  const close = db.close.bind(db);
  db.close = () => {
    open.delete(db);
    return close();
  };
  return db;
}

export interface DurabilityPragmas {
  readonly file: string;
  readonly journalMode: string;
  /** 2 is FULL, 1 NORMAL, 0 OFF. */
  readonly synchronous: number;
}

/** The pragmas of every database this process has open through `openDurableDatabase`. */
export function openDatabasePragmas(): DurabilityPragmas[] {
  return [...open].map((db) => ({
    file: db.name,
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
  }));
}
