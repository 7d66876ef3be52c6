import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintResult } from '../contract/printer';
import type { Printer } from '../printer/printer-port';
import { SAMPLE_TICKET } from '../printer/sample-ticket';
import { openPrintJournal, type PrintJournal } from './print-journal';

/** A printer whose next outcomes the test decides; it remembers what it was asked to print. */
function scriptedPrinter(outcomes: PrintResult[]) {
  const jobs: Uint8Array[] = [];
  const printer: Printer = {
    address: 'test://printer',
    model: 'generic-escpos-80',
    status: async () => ({ state: 'ready' }),
    print: async (job) => {
      jobs.push(job);
      return outcomes.shift() ?? { outcome: 'printed' };
    },
    close: async () => undefined,
  };
  return { printer, jobs };
}

let dir: string;
let file: string;
const open: PrintJournal[] = [];
const openJournal = (printer: Printer, now = () => new Date('2026-11-23T07:15:00Z')) => {
  const journal = openPrintJournal({ file, printer, renderTicket: (t) => new TextEncoder().encode(t.bookingNumber), now });
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
  it('keeps a failed ticket across a restart, and a reprint after the refill prints it and records the attempt', async () => {
    const { printer, jobs } = scriptedPrinter([{ outcome: 'printed' }]);
    const first = openJournal(printer);
    const id = first.record(SAMPLE_TICKET, 'appt-1');
    first.markOutcome(id, PAPER_OUT);
    first.close();

    const afterRestart = openJournal(printer);
    expect(afterRestart.get(id)).toMatchObject({
      appointmentId: 'appt-1',
      bookingNumber: 'A-2026-000123',
      ticket: SAMPLE_TICKET,
      outcome: 'failed',
      attempts: [{ kind: 'print', outcome: 'failed', status: { state: 'paper-out' }, at: '2026-11-23T07:15:00.000Z' }],
    });
    const reprinted = await afterRestart.reprint(id);
    expect(reprinted.ok && reprinted.value.outcome).toEqual({ outcome: 'printed' });
    expect(new TextDecoder().decode(jobs[0])).toBe('A-2026-000123');
    expect(afterRestart.get(id)).toMatchObject({ outcome: 'printed', attempts: [{ outcome: 'failed' }, { kind: 'reprint', outcome: 'printed' }] });
  });

  it('a ticket recorded but never marked (the bridge died mid-print) stays pending, not lost', () => {
    const journal = openJournal(scriptedPrinter([]).printer);
    const id = journal.record(SAMPLE_TICKET, 'appt-2');
    journal.close();
    expect(openJournal(scriptedPrinter([]).printer).get(id)).toMatchObject({ outcome: 'pending', attempts: [] });
  });

  it('one entry per appointment: recording it again gives the same entry', () => {
    const journal = openJournal(scriptedPrinter([]).printer);
    const id = journal.record(SAMPLE_TICKET, 'appt-3');
    expect(journal.record({ ...SAMPLE_TICKET, printedAt: 'later' }, 'appt-3')).toBe(id);
    expect(journal.listRecent()).toHaveLength(1);
    expect(journal.findByAppointment('appt-3')?.id).toBe(id);
  });

  it('lists the newest entries first, as service mode shows them', () => {
    const journal = openJournal(scriptedPrinter([]).printer);
    for (const n of [1, 2, 3]) journal.record({ ...SAMPLE_TICKET, bookingNumber: `A-${n}` }, `appt-${n}`);
    expect(journal.listRecent(2).map((entry) => entry.bookingNumber)).toEqual(['A-3', 'A-2']);
  });

  it('an unknown entry is a value, for markOutcome and for reprint', async () => {
    const journal = openJournal(scriptedPrinter([]).printer);
    expect(journal.markOutcome(99, { outcome: 'printed' })).toEqual({ ok: false, error: { kind: 'journal-entry-not-found', entryId: 99 } });
    expect(await journal.reprint(99)).toEqual({ ok: false, error: { kind: 'journal-entry-not-found', entryId: 99 } });
    expect(journal.get(99)).toBeNull();
  });

  it('forgets entries older than the retention period when it opens', () => {
    const journal = openJournal(scriptedPrinter([]).printer, () => new Date('2026-01-01T00:00:00Z'));
    journal.record(SAMPLE_TICKET, 'old');
    journal.close();
    const later = openJournal(scriptedPrinter([]).printer, () => new Date('2026-06-01T00:00:00Z'));
    expect(later.listRecent()).toEqual([]);
  });
});
