// The confirms' client keys, on disk: after a bridge restart the UI may replay
// a confirm answered just before (device-bridge/booking/confirm-replay.ts), and
// the hub cannot be asked by key. Rows hold the hub's appointment and patient
// ids, the slot (doctor, time) and the hold id, no name, birth date or policy,
// and are deleted after two days: a replay comes within minutes.
import type Database from 'better-sqlite3';
import { openDurableDatabase } from '../../durable-sqlite';
import type { Appointment } from '../scheduler-port';

export interface KeyedConfirm {
  readonly holdId: string;
  readonly appointment: Appointment;
}

const KEEP_MS = 2 * 24 * 60 * 60_000;

export class N3KeyStore {
  private readonly db: Database.Database;

  constructor(file: string, private readonly nowMs: () => number = () => Date.now()) {
    this.db = openDurableDatabase(file, { busyTimeoutMs: 1000, createDir: true });
    this.db.exec(`CREATE TABLE IF NOT EXISTS n3_confirms (
      client_key TEXT PRIMARY KEY, hold_id TEXT NOT NULL, appointment TEXT NOT NULL, created_ms INTEGER NOT NULL)`);
    this.db.prepare('DELETE FROM n3_confirms WHERE created_ms < ?').run(this.nowMs() - KEEP_MS);
  }

  get(clientKey: string): KeyedConfirm | null {
    const row = this.db.prepare<[string], { hold_id: string; appointment: string }>('SELECT hold_id, appointment FROM n3_confirms WHERE client_key = ?').get(clientKey);
    return row ? { holdId: row.hold_id, appointment: JSON.parse(row.appointment) as Appointment } : null;
  }

  set(clientKey: string, confirm: KeyedConfirm): void {
    this.db
      .prepare('INSERT OR IGNORE INTO n3_confirms (client_key, hold_id, appointment, created_ms) VALUES (?, ?, ?, ?)')
      .run(clientKey, confirm.holdId, JSON.stringify(confirm.appointment), this.nowMs());
  }

  close(): void {
    this.db.close();
  }
}
