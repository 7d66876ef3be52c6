// A serial kiosk printer over a real pseudo-terminal pair (socat): the bridge's
// serial transport on one end, the virtual printer's protocol logic on the other.
import { spawn, type ChildProcess } from 'node:child_process';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEscPosPrinter } from '../../device-bridge/printer/driver/escpos-printer';
import type { Printer } from '../../device-bridge/printer/printer-port';
import { loadPrinterProfile } from '../../device-bridge/printer/driver/printer-profile';
import { SAMPLE_TICKET } from '../../device-bridge/printer/layout/sample-ticket';
import { encodeTicket } from '../../device-bridge/printer/layout/ticket-layout';
import { createTransport } from '../../device-bridge/printer/transport/transport-factory';
import { startVirtualPrinter, type VirtualPrinter } from '../../device-bridge/printer/emulator/virtual-printer';

const profile = (() => {
  const result = loadPrinterProfile('citizen-ppu700');
  if (!result.ok) throw new Error(result.error);
  return result.value;
})();

let socat: ChildProcess;
let printerEnd: SerialPort;
let virtual: VirtualPrinter;
let printer: Printer;
let bridgeEnd: string;

/** Starts socat and resolves with the two pty paths once it is forwarding. */
function startPtyPair(): Promise<[string, string]> {
  return new Promise((resolve, reject) => {
    socat = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const ptys: string[] = [];
    let text = '';
    socat.once('error', reject);
    socat.stderr!.setEncoding('utf8');
    socat.stderr!.on('data', (chunk: string) => {
      text += chunk;
      for (const match of text.matchAll(/PTY is (\S+)/g)) if (!ptys.includes(match[1]!)) ptys.push(match[1]!);
      if (ptys.length === 2 && text.includes('starting data transfer loop')) resolve([ptys[0]!, ptys[1]!]);
    });
    socat.once('exit', (code) => reject(new Error(`socat exited with ${code}: ${text}`)));
  });
}

beforeAll(async () => {
  const [a, b] = await startPtyPair();
  bridgeEnd = a;
  virtual = await startVirtualPrinter({ port: 0, profile });
  printerEnd = new SerialPort({ path: b, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => printerEnd.open((error) => (error ? reject(error) : resolve())));
  virtual.attach(printerEnd);
  const transport = createTransport(`serial://${bridgeEnd}?baudRate=9600`);
  if (!transport.ok) throw new Error(transport.error);
  printer = createEscPosPrinter({ transport: transport.value, profile });
}, 20_000);

afterAll(async () => {
  await printer?.close();
  await virtual?.close();
  if (socat && socat.exitCode === null) {
    const exited = new Promise((resolve) => socat.once('exit', resolve));
    socat.kill('SIGTERM');
    await exited;
  }
});

describe('serial printer (serial:///dev/pts/N?baudRate=9600)', () => {
  it('prints a Russian ticket and confirms it after the cut', async () => {
    expect(await printer.print(encodeTicket(SAMPLE_TICKET, profile))).toEqual({ outcome: 'printed' });
    const paper = await virtual.waitForTicket(5000);
    expect(paper.lines.map((line) => line.trim())).toEqual(expect.arrayContaining(['ТАЛОН НА ПРИЁМ', '09:30 каб. 214']));
    expect(paper.qrCodes).toEqual([SAMPLE_TICKET.checkInCode]);
  });

  it('reads paper out over the line and sends nothing to print', async () => {
    virtual.setFault('paper-out');
    try {
      const before = virtual.tickets().length;
      expect(await printer.print(encodeTicket(SAMPLE_TICKET, profile))).toEqual({ outcome: 'failed', status: { state: 'paper-out' } });
      expect(virtual.tickets()).toHaveLength(before);
      expect(virtual.droppedByteCount()).toBe(0);
    } finally {
      virtual.setFault('none');
    }
  });

  it('a printer that stays silent on the line is offline within the status timeout', async () => {
    virtual.setFault('no-status');
    try {
      const status = await printer.status();
      expect(status).toMatchObject({ state: 'offline', reason: expect.stringContaining('no answer') });
    } finally {
      virtual.setFault('none');
    }
    expect(await printer.status()).toEqual({ state: 'ready' });
  });
});
