// Personal data at rest in the print journal (issue 18, item 6): pruned at open
// and by a daily timer, with secure_delete on and the WAL checkpointed, so the
// surnames of deleted entries are not in the file's bytes; the file, its WAL
// and SHM are 0600 in a 0700 directory whatever the umask.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_TICKET } from '../printer/layout/sample-ticket';
import { openPrintJournal, type PrintJournal } from './print-journal';

const SURNAME = 'Зюзюкина';
const DAY_MS = 24 * 60 * 60 * 1000;

let dir: string;
let file: string;
const open: PrintJournal[] = [];
let umask: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journal-privacy-'));
  file = join(dir, 'state', 'print-journal.sqlite');
  umask = process.umask(0o022);
});
afterEach(() => {
  for (const journal of open.splice(0)) journal.close();
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

const bytesOf = (...files: string[]) => Buffer.concat(files.filter(existsSync).map((f) => readFileSync(f)));

describe('the print journal at rest', () => {
  it('prunes by a daily timer, and the pruned surnames are gone from the file bytes', () => {
    let now = new Date('2026-11-23T07:15:00Z');
    const timers: Array<{ ms: number; run: () => void }> = [];
    const journal = openPrintJournal({ file, now: () => now, retentionDays: 90, every: (ms, run) => (timers.push({ ms, run }), () => undefined) });
    open.push(journal);
    for (let i = 0; i < 96; i++) journal.record({ ...SAMPLE_TICKET, patient: `${SURNAME}-${i} Т. А.` }, `appt-${i}`);
    expect(bytesOf(file, `${file}-wal`).includes(Buffer.from(SURNAME))).toBe(true);

    expect(timers.map((t) => t.ms)).toEqual([DAY_MS]);
    now = new Date(now.getTime() + 89 * DAY_MS);
    timers[0]!.run();
    expect(journal.listRecent(500)).toHaveLength(96);
    journal.record({ ...SAMPLE_TICKET, patient: 'Кеплер И. И.' }, 'appt-keep');
    now = new Date(now.getTime() + 2 * DAY_MS);
    timers[0]!.run();
    expect(journal.listRecent(500).map((e) => e.appointmentId)).toEqual(['appt-keep']);

    // A checkpoint of what is left, as at close: the surnames are in neither the file nor its WAL.
    const reader = new Database(file);
    reader.pragma('wal_checkpoint(TRUNCATE)');
    reader.close();
    const bytes = bytesOf(file, `${file}-wal`);
    expect(bytes.includes(Buffer.from(SURNAME))).toBe(false);
    expect(bytes.includes(Buffer.from('Кеплер'))).toBe(true);
  });

  it('prunes at open too, and runs secure_delete', () => {
    const first = openPrintJournal({ file, now: () => new Date('2026-01-01T07:00:00Z'), every: () => () => undefined });
    first.record({ ...SAMPLE_TICKET, patient: `${SURNAME} Т. А.` }, 'appt-old');
    first.close();
    const later = openPrintJournal({ file, now: () => new Date('2026-11-23T07:00:00Z'), every: () => () => undefined });
    open.push(later);
    expect(later.listRecent()).toEqual([]);
    expect(bytesOf(file, `${file}-wal`).includes(Buffer.from(SURNAME))).toBe(false);
    const reader = new Database(file, { readonly: true });
    // secure_delete is per connection: the journal's own is asserted through the bytes above; a fresh one shows the default.
    expect(reader.pragma('secure_delete', { simple: true })).toBe(0);
    reader.close();
  });

  it('creates the database, its WAL and SHM 0600 in a 0700 directory, whatever the umask', () => {
    const journal = openPrintJournal({ file, every: () => () => undefined });
    open.push(journal);
    journal.record(SAMPLE_TICKET, 'appt-1');
    expect(statSync(join(dir, 'state')).mode & 0o777).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(f).mode & 0o777, f).toBe(0o600);
  });
});
