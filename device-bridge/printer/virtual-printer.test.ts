import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrinterStatus } from './printer-port';
import { loadPrinterProfile } from './printer-profile';
import { SAMPLE_TICKET } from './sample-ticket';
import { statusProtocolFor } from './status-protocol';
import { encodeTicket } from './ticket-layout';
import { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterFault } from './virtual-printer';

const profileResult = loadPrinterProfile('generic-escpos-80');
if (!profileResult.ok) throw new Error(profileResult.error);
const ticket = encodeTicket(SAMPLE_TICKET, profileResult.value);

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const start = async (options: Parameters<typeof startVirtualPrinter>[0] = {}): Promise<VirtualPrinter> => {
  const printer = await startVirtualPrinter({ port: 0, ...options });
  cleanup.push(() => printer.close());
  return printer;
};

/** A raw client: send bytes, collect `length` answer bytes. */
const open = async (printer: VirtualPrinter): Promise<{ socket: Socket; ask: (bytes: number[], length: number) => Promise<Uint8Array> }> => {
  const socket = connect(printer.port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  cleanup.push(async () => socket.destroy());
  let inbox = Buffer.alloc(0);
  let want: { length: number; resolve: (b: Uint8Array) => void } | null = null;
  socket.on('data', (chunk) => {
    inbox = Buffer.concat([inbox, chunk]);
    if (want && inbox.length >= want.length) {
      const { length, resolve } = want;
      want = null;
      resolve(new Uint8Array(inbox.subarray(0, length)));
      inbox = inbox.subarray(length);
    }
  });
  const ask = (bytes: number[], length: number) =>
    new Promise<Uint8Array>((resolve) => {
      want = { length, resolve };
      socket.write(Uint8Array.from(bytes));
    });
  return { socket, ask };
};

describe('virtual printer status answers', () => {
  it.each<[VirtualPrinterFault, PrinterStatus['state']]>([
    ['none', 'ready'],
    ['paper-near-end', 'paper-near-end'],
    ['paper-out', 'paper-out'],
    ['cover-open', 'cover-open'],
  ])('with fault %s both protocols read as %s', async (fault, expected) => {
    const printer = await start();
    printer.setFault(fault);
    const { ask } = await open(printer);
    for (const id of ['epson-dle-eot', 'custom-full-status'] as const) {
      const protocol = statusProtocolFor(id);
      const answers: Uint8Array[] = [];
      for (const query of protocol.queries) answers.push(await ask([...query.request], query.answerLength));
      expect(protocol.interpret(answers).state, id).toBe(expected);
    }
  });

  it('answers 0x12 ("all good") to each DLE EOT 1…4 when healthy', async () => {
    const printer = await start();
    const { ask } = await open(printer);
    expect([...(await ask([0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 3, 0x10, 4, 4], 4))]).toEqual([0x12, 0x12, 0x12, 0x12]);
  });
});

describe('virtual printer paper', () => {
  it('prints what it receives, however it is split, and remembers every byte', async () => {
    const printer = await start();
    const { socket } = await open(printer);
    for (let i = 0; i < ticket.length; i += 5) socket.write(ticket.subarray(i, i + 5));
    const paper = await printer.waitForTicket(1000);
    expect(paper.lines.map((line) => line.trim())).toContain('Кабинет: 214');
    expect(printer.receivedBytes()).toEqual(ticket);
  });

  it('drops a job sent while out of paper and never prints it after a refill', async () => {
    const printer = await start();
    printer.setFault('paper-out');
    const { socket, ask } = await open(printer);
    socket.write(ticket);
    // The status answer proves the job bytes before it were processed.
    expect([...(await ask([0x10, 4, 4], 1))]).toEqual([0x7e]);
    expect(printer.tickets()).toEqual([]);
    expect(printer.droppedByteCount()).toBe(ticket.length);
    printer.setFault('none');
    const second = encodeTicket({ ...SAMPLE_TICKET, room: '305' }, profileResult.value);
    socket.write(second);
    const paper = await printer.waitForTicket(1000);
    expect(paper.lines).toContain('Кабинет: 305');
    expect(printer.tickets()).toHaveLength(1);
  });

  it('writes each ticket to tickets.txt with a separator', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'virtual-printer-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const printer = await start({ outputDir: dir });
    const { socket } = await open(printer);
    socket.write(ticket);
    socket.write(ticket);
    await printer.waitForTicket(1000);
    await printer.waitForTicket(1000);
    await printer.close();
    const text = await readFile(join(dir, 'tickets.txt'), 'utf8');
    expect(text.match(/^==== .* ====$/gm)).toHaveLength(2);
    expect(text).toContain('ТАЛОН НА ПРИЁМ');
    expect(text).toContain('Пациент: Иванова Т. А.');
    expect(text).toContain('[QR: A-2026-000123]');
  });

  it('logs the ticket text in one message without the patient name or policy digits', async () => {
    const logs: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const printer = await start({ logger });
    const { socket } = await open(printer);
    socket.write(ticket);
    await printer.waitForTicket(1000);
    const ticketLogs = logs.filter((entry) => entry.msg.includes('ТАЛОН НА ПРИЁМ'));
    expect(ticketLogs).toHaveLength(1);
    expect(ticketLogs[0]!.level).toBe(30);
    expect(ticketLogs[0]!.msg).toContain('Кабинет: 214');
    expect(ticketLogs[0]!.msg).not.toContain('Иванова');
    expect(ticketLogs[0]!.msg).not.toContain('6380');
  });

  it('waitForTicket gives up after its timeout', async () => {
    const printer = await start();
    await expect(printer.waitForTicket(50)).rejects.toThrow('no ticket within 50 ms');
  });
});
