// What the embedded scheduler's tests share: the demo clinic, a database file
// in a fresh temp dir per test, a clock the test moves, and small readers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Result } from '../../../contract/result';
import type { Slot } from '../../scheduler-port';
import { DEMO_CLINIC_PATH, loadClinicDefinition, type ClinicDefinition } from '../clinic-definition';
import { openEmbeddedScheduler, type EmbeddedScheduler, type EmbeddedSchedulerOptions } from '../embedded-scheduler';

const loaded = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
export const clinic: ClinicDefinition = loaded.value;

/** Monday 23.11.2026, 10:00 in Moscow. */
export const MONDAY_10_00 = Date.parse('2026-11-23T07:00:00Z');
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
export const TWO_WEEKS = { from: '2026-11-23T00:00', to: '2026-12-07T00:00' };

export const IVANOVA = '6449020886006380';
export const SMIRNOV = '4556140827015276';

const dirs: string[] = [];
const open: EmbeddedScheduler[] = [];

/** Closes every scheduler and removes every temp dir the test made (run it in `afterEach`). */
export function closeAll(): void {
  for (const s of open.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A database file in a fresh temp dir and a clock the test can move. */
export function setup(start = MONDAY_10_00) {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-scheduler-'));
  dirs.push(dir);
  const clock = { ms: start };
  const dbPath = join(dir, 'scheduler.db');
  const openOne = (extra: Partial<EmbeddedSchedulerOptions> = {}): EmbeddedScheduler => {
    const s = openEmbeddedScheduler({ dbPath, clinic, now: () => new Date(clock.ms), ...extra });
    open.push(s);
    return s;
  };
  return { dbPath, clock, openOne };
}

export function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function patientId(s: EmbeddedScheduler, policy: string): Promise<string> {
  return value(await s.findPatientByPolicy(policy)).id;
}

export async function freeSlots(s: EmbeddedScheduler, specialtyCode: string, window = TWO_WEEKS): Promise<Slot[]> {
  return value(await s.listFreeSlots({ specialtyCode, ...window }));
}

/** Reads the file directly, past the scheduler, to see what it really stored. */
export function raw<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
