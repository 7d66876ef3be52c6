// The bridge's printing path end to end over a real loopback socket:
// ticket layout → ESC/POS → TCP → virtual printer → decoded paper.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeTicket } from '../layout/ticket-layout';
import { createEscPosPrinter, type EscPosPrinterOptions } from './escpos-printer';
import type { Printer } from '../printer-port';
import { loadPrinterProfile } from './printer-profile';
import { SAMPLE_TICKET } from '../layout/sample-ticket';
import { createTcpTransport } from '../transport/tcp-transport';
import { startVirtualPrinter, type VirtualPrinter } from '../emulator/virtual-printer';

const profileResult = loadPrinterProfile('generic-escpos-80');
if (!profileResult.ok) throw new Error(profileResult.error);
const profile = profileResult.value;
const ticket = encodeTicket(SAMPLE_TICKET, profile);

let virtual: VirtualPrinter;
let printer: Printer;
let logs: { msg: string; status?: { state: string } }[];

const connect = (options: Partial<EscPosPrinterOptions> = {}): Printer => {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  return createEscPosPrinter({ transport: createTcpTransport(new URL(virtual.address)), profile, logger, ...options });
};

beforeEach(async () => {
  logs = [];
  virtual = await startVirtualPrinter({ port: 0 });
  printer = connect();
});

afterEach(async () => {
  await printer.close();
  await virtual.close();
});

describe('createEscPosPrinter with the virtual printer', () => {
  it('prints a ticket the patient can read and reports printed', async () => {
    const outcome = await printer.print(ticket);
    expect(outcome).toEqual({ outcome: 'printed' });
    const paper = await virtual.waitForTicket(1000);
    const lines = paper.lines.map((line) => line.trim());
    expect(lines).toContain('ТАЛОН НА ПРИЁМ');
    expect(lines).toContain('Врач-терапевт участковый');
    expect(lines).toContain('Врач: Петрова Анна Сергеевна');
    expect(lines).toContain('24.11.2026');
    expect(lines).toContain('понедельник');
    expect(lines).toContain('09:30 каб. 214');
    expect(paper.qrCodes).toEqual([SAMPLE_TICKET.checkInCode]);
    expect(virtual.tickets()).toHaveLength(1);
  });

  it('reports ready, and paper-near-end still prints', async () => {
    expect(await printer.status()).toEqual({ state: 'ready' });
    virtual.setFault('paper-near-end');
    expect(await printer.status()).toEqual({ state: 'paper-near-end' });
    expect(await printer.print(ticket)).toEqual({ outcome: 'printed' });
    expect(virtual.tickets()).toHaveLength(1);
  });

  it('refuses to send a ticket to a printer without paper: failed, nothing printed, nothing queued', async () => {
    virtual.setFault('paper-out');
    expect(await printer.print(ticket)).toEqual({ outcome: 'failed', status: { state: 'paper-out' } });
    expect(virtual.tickets()).toEqual([]);
    expect(virtual.droppedByteCount()).toBe(0); // the bridge did not even send it
    // After a refill the old ticket does not appear out of context.
    // Asserted after the next ticket came out: a queued old one would have come out before it.
    virtual.setFault('none');
    expect(await printer.print(ticket)).toEqual({ outcome: 'printed' });
    await virtual.waitForTicket(1000);
    expect(virtual.tickets()).toHaveLength(1);
  });

  it('refuses with the cover open', async () => {
    virtual.setFault('cover-open');
    expect(await printer.print(ticket)).toEqual({ outcome: 'failed', status: { state: 'cover-open' } });
    expect(virtual.tickets()).toEqual([]);
  });

  it('does not claim a ticket when the paper ran out while it printed', async () => {
    const outcome = printer.print(ticket);
    await virtual.waitForTicket(1000);
    virtual.setFault('paper-out'); // before the first poll after the cut
    expect(await outcome).toEqual({ outcome: 'failed', status: { state: 'paper-out' } });
  });

  it('a printer that goes away mid-job gives offline, not an exception', async () => {
    printer = connect({ confirmTimeoutMs: 1500 });
    const outcome = printer.print(ticket);
    await virtual.waitForTicket(1000);
    await virtual.close();
    const result = await outcome;
    expect(result.outcome).toBe('failed');
    expect(result.outcome === 'failed' && result.status.state).toBe('offline');
    const status = await printer.status();
    expect(status).toMatchObject({ state: 'offline', reason: expect.stringContaining(virtual.address) });
  });

  it('logs status changes only, not every poll', async () => {
    await printer.status();
    await printer.status();
    await printer.print(ticket);
    virtual.setFault('paper-out');
    await printer.status();
    await printer.status();
    const changes = logs.filter((entry) => entry.msg === 'printer status changed').map((entry) => entry.status?.state);
    expect(changes).toEqual(['ready', 'paper-out']);
  });
});

describe('createEscPosPrinter with injected link faults', () => {
  it('a connection dropped mid-job is failed, never printed, even though the printer is ready again after', async () => {
    virtual.setFault({ fault: 'disconnect-mid-job', afterBytes: 200 });
    const outcome = await printer.print(ticket);
    expect(outcome).toMatchObject({ outcome: 'failed', status: { state: 'offline', reason: expect.stringContaining('connection lost during the job') } });
    expect(virtual.tickets()).toEqual([]);
    await expect.poll(() => virtual.incompleteJobCount()).toBe(1);
    virtual.setFault('none');
    expect(await printer.status()).toEqual({ state: 'ready' });
  });

  it('status answers a little late (slow printer) still print and confirm', async () => {
    virtual.setFault({ fault: 'slow-status', delayMs: 100 });
    expect(await printer.print(ticket)).toEqual({ outcome: 'printed' });
    expect(virtual.tickets()).toHaveLength(1);
  });

  it('a printer that never answers status gets no ticket and fails within the status timeout', async () => {
    printer = connect({ statusTimeoutMs: 300 });
    virtual.setFault('no-status');
    const started = performance.now();
    const outcome = await printer.print(ticket);
    expect(outcome).toEqual({ outcome: 'failed', status: { state: 'offline', reason: expect.stringContaining('no answer') } });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(virtual.tickets()).toEqual([]);
    // Only status queries went out: the job itself was never sent.
    expect(virtual.receivedBytes().length).toBeLessThan(20);
  });

  it('answers slower than the status timeout count as no answer: failed, nothing sent', async () => {
    printer = connect({ statusTimeoutMs: 200 });
    virtual.setFault({ fault: 'slow-status', delayMs: 1000 });
    expect(await printer.print(ticket)).toMatchObject({ outcome: 'failed', status: { state: 'offline' } });
    expect(virtual.tickets()).toEqual([]);
  });
});

describe.each(['custom-vkp80iii', 'citizen-ppu700', 'nippon-primex-np2511'])('%s against a virtual printer emulating it', (id) => {
  const modelResult = loadPrinterProfile(id);
  if (!modelResult.ok) throw new Error(modelResult.error);
  const model = modelResult.value;
  let emulated: VirtualPrinter;
  let modelPrinter: Printer;

  beforeEach(async () => {
    emulated = await startVirtualPrinter({ port: 0, profile: model });
    modelPrinter = createEscPosPrinter({ transport: createTcpTransport(new URL(emulated.address)), profile: model });
  });
  afterEach(async () => {
    await modelPrinter.close();
    await emulated.close();
  });

  it('prints the Russian ticket in its own code page and confirms it over its own status protocol', async () => {
    expect(await modelPrinter.print(encodeTicket(SAMPLE_TICKET, model))).toEqual({ outcome: 'printed' });
    const paper = await emulated.waitForTicket(1000);
    expect(paper.lines.map((line) => line.trim())).toEqual(expect.arrayContaining(['ТАЛОН НА ПРИЁМ', '09:30 каб. 214', 'Пациент: Иванова Т. А.']));
  });

  it('reads paper out and cover open from its status protocol', async () => {
    emulated.setFault('paper-out');
    expect(await modelPrinter.status()).toEqual({ state: 'paper-out' });
    emulated.setFault('cover-open');
    expect(await modelPrinter.status()).toEqual({ state: 'cover-open' });
    emulated.setFault('paper-near-end');
    expect(await modelPrinter.status()).toEqual({ state: 'paper-near-end' });
  });
});
