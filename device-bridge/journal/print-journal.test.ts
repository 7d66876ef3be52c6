import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintResult } from '../contract/printer';
import { SAMPLE_TICKET } from '../printer/layout/sample-ticket';
import { openPrintJournal, type PrintJournal } from './print-journal';

let dir: string;
let file: string;
const open: PrintJournal[] = [];
const openJournal = (now = () => new Date('2026-11-23T07:15:00Z')) => {
  const journal = openPrintJournal({ file, now });
  open.push(journal);
  return journal;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'print-journal-'));
  file = join(dir, 'sub', 'print-journal.sqlite');
});
afterEach(() => {
  for (const journal of open.splice(0)) journal.close();
  rmSync(dir, { recursive: true, force: true });
});

const PAPER_OUT: PrintResult = { outcome: 'failed', status: { state: 'paper-out' } };

describe('print journal', () => {
  // The reprint after the refill: printer/ticket-printer.test.ts.
  it('keeps a failed ticket across a restart', () => {
    const first = openJournal();
    const id = first.record(SAMPLE_TICKET, 'appt-1');
    first.markOutcome(id, PAPER_OUT);
    first.close();

    const afterRestart = openJournal();
    expect(afterRestart.get(id)).toMatchObject({
      appointmentId: 'appt-1',
      bookingNumber: SAMPLE_TICKET.bookingNumber,
      ticket: SAMPLE_TICKET,
      outcome: 'failed',
      attempts: [{ kind: 'print', outcome: 'failed', status: { state: 'paper-out' }, at: '2026-11-23T07:15:00.000Z' }],
    });
    afterRestart.markOutcome(id, { outcome: 'printed' }, 'reprint');
    expect(afterRestart.get(id)).toMatchObject({ outcome: 'printed', attempts: [{ outcome: 'failed' }, { kind: 'reprint', outcome: 'printed' }] });
  });

  it('a ticket recorded but never marked (the bridge died mid-print) is kept, as not known whether it printed', () => {
    const journal = openJournal();
    const id = journal.record(SAMPLE_TICKET, 'appt-2');
    expect(journal.get(id)).toMatchObject({ outcome: 'pending', attempts: [] });
    journal.close();
    expect(openJournal().get(id)).toMatchObject({ outcome: 'unknown', attempts: [] });
  });

  it('opens a journal written by an older bridge (no `unknown` outcome yet), keeping entries and attempts', () => {
    mkdirSync(dirname(file), { recursive: true });
    const old = new Database(file);
    old.exec(`
      CREATE TABLE journal_entries (id INTEGER PRIMARY KEY AUTOINCREMENT, appointment_id TEXT NOT NULL UNIQUE, booking_number TEXT NOT NULL,
        ticket_json TEXT NOT NULL, outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'printed', 'failed')), created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE journal_attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, entry_id INTEGER NOT NULL REFERENCES journal_entries(id) ON DELETE CASCADE,
        at TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('print', 'reprint')), outcome TEXT NOT NULL CHECK (outcome IN ('printed', 'failed')), status_json TEXT);
    `);
    const at = '2026-11-23T07:00:00.000Z';
    old.prepare("INSERT INTO journal_entries VALUES (1, 'appt-old', 'A-1', ?, 'failed', ?, ?)").run(JSON.stringify(SAMPLE_TICKET), at, at);
    old.prepare("INSERT INTO journal_attempts VALUES (1, 1, ?, 'print', 'failed', NULL)").run(at);
    old.prepare("INSERT INTO journal_entries VALUES (2, 'appt-pending', 'A-2', ?, 'pending', ?, ?)").run(JSON.stringify(SAMPLE_TICKET), at, at);
    old.close();
    const journal = openJournal();
    expect(journal.get(1)).toMatchObject({ outcome: 'failed', attempts: [{ kind: 'print', outcome: 'failed' }] });
    expect(journal.get(2)).toMatchObject({ outcome: 'unknown' });
  });

  it('one entry per appointment: recording it again gives the same entry', () => {
    const journal = openJournal();
    const id = journal.record(SAMPLE_TICKET, 'appt-3');
    expect(journal.record({ ...SAMPLE_TICKET, printedAt: 'later' }, 'appt-3')).toBe(id);
    expect(journal.listRecent()).toHaveLength(1);
    expect(journal.findByAppointment('appt-3')?.id).toBe(id);
  });

  it('lists the newest entries first, as service mode shows them', () => {
    const journal = openJournal();
    for (const n of [1, 2, 3]) journal.record({ ...SAMPLE_TICKET, bookingNumber: `A-${n}` }, `appt-${n}`);
    expect(journal.listRecent(2).map((entry) => entry.bookingNumber)).toEqual(['A-3', 'A-2']);
  });

  it('an unknown entry is a value', () => {
    const journal = openJournal();
    expect(journal.markOutcome(99, { outcome: 'printed' })).toEqual({ ok: false, error: { kind: 'journal-entry-not-found', entryId: 99 } });
    expect(journal.get(99)).toBeNull();
  });

  it('forgets entries older than the retention period when it opens', () => {
    const journal = openJournal(() => new Date('2026-01-01T00:00:00Z'));
    journal.record(SAMPLE_TICKET, 'old');
    journal.close();
    const later = openJournal(() => new Date('2026-06-01T00:00:00Z'));
    expect(later.listRecent()).toEqual([]);
  });
});
