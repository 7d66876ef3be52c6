import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { PNG } from 'pngjs';
import { encode as encodeQr } from 'uqr';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrinterStatus } from '../../contract/printer';
import { loadPrinterProfile } from '../driver/printer-profile';
import { SAMPLE_TICKET } from '../layout/sample-ticket';
import { statusProtocolFor } from '../driver/status-protocol';
import { encodeTicket } from '../layout/ticket-layout';
import { startVirtualPrinter, type VirtualPrinter, type VirtualPrinterFault } from './virtual-printer';
import { startVirtualPrinterControl } from './virtual-printer-control';

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
  ])('with fault %s every status protocol reads as %s', async (fault, expected) => {
    const printer = await start();
    printer.setFault(fault);
    const { ask } = await open(printer);
    for (const id of ['epson-dle-eot', 'custom-full-status', 'primex-esc-v'] as const) {
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
    expect(paper.lines.map((line) => line.trim())).toContain('09:30 каб. 214');
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
    expect(paper.lines.map((line) => line.trim())).toContain('09:30 каб. 305');
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
    expect(text).toContain('[QR: 7369685510131712121011121314630663376424]');
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
    expect(ticketLogs[0]!.msg).toContain('09:30 каб. 214');
    expect(ticketLogs[0]!.msg).not.toContain('Иванова');
    expect(ticketLogs[0]!.msg).not.toContain('6380');
  });

  it('waitForTicket gives up after its timeout', async () => {
    const printer = await start();
    await expect(printer.waitForTicket(50)).rejects.toThrow('no ticket within 50 ms');
  });
});

describe('virtual printer link faults', () => {
  it('disconnect-mid-job closes the connection after N bytes of a job; the part received never prints', async () => {
    const printer = await start();
    printer.setFault({ fault: 'disconnect-mid-job', afterBytes: 50 });
    const { socket, ask } = await open(printer);
    expect([...(await ask([0x10, 4, 1], 1))]).toEqual([0x12]); // status queries do not count as job bytes
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(ticket);
    await closed;
    await expect.poll(() => printer.incompleteJobCount()).toBe(1);
    expect(printer.tickets()).toEqual([]);
    expect(printer.receivedBytes().length).toBeLessThan(ticket.length);
  });

  it('slow-status answers late but answers, in order', async () => {
    const printer = await start();
    printer.setFault({ fault: 'slow-status', delayMs: 150 });
    const { ask } = await open(printer);
    const started = performance.now();
    expect([...(await ask([0x10, 4, 1, 0x10, 4, 4], 2))]).toEqual([0x12, 0x12]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('no-status never answers a status query but still prints', async () => {
    const printer = await start();
    printer.setFault('no-status');
    const { socket } = await open(printer);
    let answered = false;
    socket.on('data', () => (answered = true));
    socket.write(Uint8Array.from([0x10, 4, 1, ...ticket, 0x10, 4, 4]));
    await printer.waitForTicket(1000);
    expect(answered).toBe(false);
  });

  it('reports the active fault with its defaults, and "none" clears it', async () => {
    const printer = await start();
    printer.setFault({ fault: 'disconnect-mid-job' });
    expect(printer.fault()).toEqual({ fault: 'disconnect-mid-job', afterBytes: 100 });
    printer.setFault('slow-status');
    expect(printer.fault()).toEqual({ fault: 'slow-status', delayMs: 2000 });
    printer.setFault('none');
    expect(printer.fault()).toEqual({ fault: 'none' });
  });
});

describe('virtual printer emulating a model', () => {
  it('reads Cyrillic with the model\'s own ESC t table (Nippon Primex: ESC t 4 = Windows-1251)', async () => {
    const primex = loadPrinterProfile('nippon-primex-np2511');
    if (!primex.ok) throw new Error(primex.error);
    const printer = await start({ profile: primex.value });
    const { socket } = await open(printer);
    socket.write(encodeTicket(SAMPLE_TICKET, primex.value));
    const paper = await printer.waitForTicket(1000);
    expect(paper.lines.map((line) => line.trim())).toContain('ТАЛОН НА ПРИЁМ');
  });
});

describe('virtual printer paper preview', () => {
  it('draws each ticket to a PNG next to tickets.txt: paper-wide, black text, a real QR code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'virtual-printer-png-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const printer = await start({ outputDir: dir });
    const { socket } = await open(printer);
    socket.write(ticket);
    await printer.waitForTicket(1000);
    await printer.flushOutput();
    const [file] = printer.previewFiles();
    expect(file).toMatch(new RegExp(`^${dir}/ticket-.*-1\\.png$`));
    const png = PNG.sync.read(await readFile(file!));
    expect(png.width).toBe(576); // 80 mm at 8 dots/mm
    expect(png.height).toBeGreaterThan(800);
    const dark = (x: number, y: number) => png.data[(y * png.width + x) * 4] === 0;
    // The QR code is centred: find its top-left finder pattern and compare the whole matrix with the payload's.
    const qr = encodeQr(SAMPLE_TICKET.checkInCode!, { ecc: 'M', border: 0 });
    const size = qr.size * 6;
    const left = Math.floor((576 - size) / 2);
    let top = -1;
    // The finder pattern's left edge: a dark column 7 modules tall (text and rules are far shorter).
    const finderEdge = (y: number) => Array.from({ length: 7 * 6 }, (_, k) => dark(left, y + k) && dark(left + size - 1, y + k)).every(Boolean);
    for (let y = 0; y < png.height - 42 && top < 0; y++) if (finderEdge(y)) top = y;
    expect(top).toBeGreaterThan(0);
    let mismatches = 0;
    for (let my = 0; my < qr.size; my++) {
      for (let mx = 0; mx < qr.size; mx++) if (dark(left + mx * 6 + 3, top + my * 6 + 3) !== qr.data[my]![mx]) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('virtual printer control endpoint (kiosk printer emulate --control-port)', () => {
  const post = (port: number, body: string, host = `127.0.0.1:${port}`) =>
    new Promise<{ status: number; json: any }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/fault', headers: { 'content-type': 'application/json', host } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('switches the fault at runtime and refuses bad bodies and foreign hosts', async () => {
    const printer = await start();
    const control = await startVirtualPrinterControl(printer, { port: 0 });
    cleanup.push(() => control.close());
    expect(await post(control.port, '{"fault":"paper-out"}')).toEqual({ status: 200, json: { ok: true, value: { fault: 'paper-out' } } });
    const { ask } = await open(printer);
    expect([...(await ask([0x10, 4, 4], 1))]).toEqual([0x7e]);
    expect((await post(control.port, '{"fault":"on-fire"}')).status).toBe(400);
    expect((await post(control.port, '{"fault":"none"}', 'evil.example')).status).toBe(403);
    expect(printer.fault()).toEqual({ fault: 'paper-out' });
  });
});
