import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskConfig } from '../../config/kiosk-config-schema';
import { openPrintJournal, type PrintJournal } from '../journal/print-journal';
import type { PrintKind } from '../metrics/kiosk-metrics';
import { SAMPLE_TICKET } from './layout/sample-ticket';
import type { Printer } from './printer-port';
import type { PrintResult } from '../contract/printer';
import { createTicketPrinter } from './ticket-printer';

/** A printer whose next outcomes the test decides; it remembers what it was asked to print. */
function scriptedPrinter(outcomes: PrintResult[]) {
  const jobs: Uint8Array[] = [];
  const printer: Pick<Printer, 'print'> = {
    print: async (job) => {
      jobs.push(job);
      return outcomes.shift() ?? { outcome: 'printed' };
    },
  };
  return { printer, jobs };
}

const PAPER_OUT: PrintResult = { outcome: 'failed', status: { state: 'paper-out' } };
const now = () => new Date('2026-11-23T07:15:00Z');
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

const CONFIG: Pick<KioskConfig, 'memo' | 'clinic' | 'kioskId'> = {
  kioskId: 'K-07',
  clinic: { name: 'Поликлиника № 1', address: 'ул. Мира, 1', phone: '+7 000', timeZone: 'Europe/Moscow' },
  memo: { enabled: true, content: { ru: { title: 'Памятка', sections: [] }, en: { title: 'Memo', sections: [] } } },
} as unknown as Pick<KioskConfig, 'memo' | 'clinic' | 'kioskId'>;

let dir: string;
let file: string;
const open: PrintJournal[] = [];
const openJournal = () => {
  const journal = openPrintJournal({ file, now });
  open.push(journal);
  return journal;
};

function ticketPrinterOn(journal: PrintJournal, printer: Pick<Printer, 'print'>, config = CONFIG) {
  const counted: Array<[PrintKind, string]> = [];
  const tickets = createTicketPrinter({
    printer,
    render: { ticket: (t) => new TextEncoder().encode(`${t.bookingNumber}|${t.kioskId}|${t.training ?? false}`), memo: (m) => new TextEncoder().encode(m.title) },
    journal,
    config: () => config,
    metrics: { ticketPrinted: (kind, outcome) => counted.push([kind, outcome.outcome]) },
    logger: pino({ level: 'silent' }),
    now,
  });
  return { tickets, counted };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ticket-printer-'));
  file = join(dir, 'print-journal.sqlite');
});
afterEach(() => {
  for (const journal of open.splice(0)) journal.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ticket printer', () => {
  it('journals a ticket before printing it and its outcome after; printing it again is a reprint', async () => {
    const journal = openJournal();
    const { printer, jobs } = scriptedPrinter([PAPER_OUT, { outcome: 'printed' }]);
    let recordedBeforePrint = false;
    const watching: Pick<Printer, 'print'> = {
      print: async (job) => {
        recordedBeforePrint = journal.findByAppointment('appt-1')?.outcome === 'pending';
        return printer.print(job);
      },
    };
    const { tickets, counted } = ticketPrinterOn(journal, watching);
    expect(await tickets.printTicket(SAMPLE_TICKET, 'appt-1')).toEqual(PAPER_OUT);
    expect(recordedBeforePrint).toBe(true);
    expect(await tickets.printTicket(SAMPLE_TICKET, 'appt-1')).toEqual({ outcome: 'printed' });
    expect(journal.findByAppointment('appt-1')).toMatchObject({ outcome: 'printed', attempts: [{ kind: 'print', outcome: 'failed' }, { kind: 'reprint', outcome: 'printed' }] });
    expect(jobs.map(text)).toEqual(['З-2611-0123|K-01|false', 'З-2611-0123|K-01|false']);
    expect(counted).toEqual([['ticket', 'failed'], ['reprint', 'printed']]);
  });

  it('keeps a failed ticket across a restart, and a reprint after the refill prints it and records the attempt', async () => {
    const first = openJournal();
    const id = first.record(SAMPLE_TICKET, 'appt-1');
    first.markOutcome(id, PAPER_OUT);
    first.close();

    const afterRestart = openJournal();
    const { printer, jobs } = scriptedPrinter([{ outcome: 'printed' }]);
    const { tickets, counted } = ticketPrinterOn(afterRestart, printer);
    const reprinted = await tickets.reprint(id);
    expect(reprinted.ok && reprinted.value.print).toEqual({ outcome: 'printed' });
    expect(text(jobs[0])).toBe('З-2611-0123|K-01|false');
    expect(afterRestart.get(id)).toMatchObject({ outcome: 'printed', attempts: [{ outcome: 'failed' }, { kind: 'reprint', outcome: 'printed' }] });
    expect(counted).toEqual([['reprint', 'printed']]);
  });

  it('an unknown journal entry is a value, and nothing is printed', async () => {
    const { printer, jobs } = scriptedPrinter([]);
    const { tickets } = ticketPrinterOn(openJournal(), printer);
    expect(await tickets.reprint(99)).toEqual({ ok: false, error: { kind: 'journal-entry-not-found', entryId: 99 } });
    expect(jobs).toEqual([]);
  });

  it('the test ticket is a marked sample with this kiosk\'s id, not journaled', async () => {
    const journal = openJournal();
    const { printer, jobs } = scriptedPrinter([]);
    const { tickets, counted } = ticketPrinterOn(journal, printer);
    expect(await tickets.testTicket()).toEqual({ outcome: 'printed' });
    expect(text(jobs[0])).toBe('З-2611-0123|K-07|true');
    expect(journal.listRecent()).toEqual([]);
    expect(counted).toEqual([['test', 'printed']]);
  });

  it('the памятка prints in the chosen language, and not at all when switched off', async () => {
    const { printer, jobs } = scriptedPrinter([PAPER_OUT]);
    const { tickets, counted } = ticketPrinterOn(openJournal(), printer);
    expect(await tickets.memo('en')).toEqual({ ok: true, value: PAPER_OUT });
    expect(text(jobs[0])).toBe('Memo');
    expect(counted).toEqual([['memo', 'failed']]);

    const off = ticketPrinterOn(openJournal(), printer, { ...CONFIG, memo: { ...CONFIG.memo, enabled: false } });
    expect(await off.tickets.memo('ru')).toEqual({ ok: false, error: { kind: 'memo-disabled' } });
    expect(jobs).toHaveLength(1);
  });
});
