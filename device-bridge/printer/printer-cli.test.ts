// `kiosk printer test|status|fault` as clinic IT runs them: exit codes, one
// plain line on failure, never a stack trace.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printerCommand, type CliIo } from './printer-cli';
import { startVirtualPrinterControl } from './emulator/virtual-printer-control';
import { startVirtualPrinter, type VirtualPrinter } from './emulator/virtual-printer';

let virtual: VirtualPrinter;
let out: string[];
let errors: string[];
const io: CliIo = { out: (line) => out.push(line), err: (line) => errors.push(line), logger: pino({ level: 'silent' }) };

beforeEach(async () => {
  out = [];
  errors = [];
  virtual = await startVirtualPrinter({ port: 0 });
});
afterEach(async () => {
  await virtual.close();
});

describe('kiosk printer status', () => {
  it('prints the status union as JSON and exits 0 when ready', async () => {
    expect(await printerCommand(['status', '--printer', virtual.address], io)).toBe(0);
    expect(out).toEqual(['{"state":"ready"}']);
    expect(errors).toEqual([]);
  });

  it('exits 1 with one plain line when the printer needs attention', async () => {
    virtual.setFault('cover-open');
    expect(await printerCommand(['status', '--printer', virtual.address], io)).toBe(1);
    expect(out).toEqual(['{"state":"cover-open"}']);
    expect(errors).toEqual([`${virtual.address}: the printer cover is open`]);
  });

  it('speaks the model\'s own status protocol (--model)', async () => {
    virtual.setFault('paper-near-end');
    expect(await printerCommand(['status', '--printer', virtual.address, '--model', 'nippon-primex-np2511'], io)).toBe(1);
    expect(out).toEqual(['{"state":"paper-near-end"}']);
  });

  it.each([
    [['status'], /^--printer URL is required/],
    [['status', '--printer', 'lpt://1'], /^--printer: expected usb:\/\/VID:PID/],
    [['status', '--printer', 'tcp://127.0.0.1:9100', '--model', 'hp-laserjet'], /^--model: unknown printer model "hp-laserjet"/],
    [['status', '--prnter', 'x'], /Unknown option '--prnter'/],
  ])('%j is wrong usage: exit 2, one line', async (args, line) => {
    expect(await printerCommand(args, io)).toBe(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(line);
  });
});

describe('kiosk printer test', () => {
  it('prints a ticket marked as a sample and reports the status', async () => {
    expect(await printerCommand(['test', '--printer', virtual.address], io)).toBe(0);
    const paper = await virtual.waitForTicket(1000);
    expect(paper.lines.filter((line) => line.trim() === 'ОБРАЗЕЦ - НЕ ДЕЙСТВИТЕЛЕН')).toHaveLength(2);
    expect(out[0]).toBe(`Test ticket printed on ${virtual.address} (generic-escpos-80); status: {"state":"ready"}`);
  });

  it('out of paper: exit 1, "NOT printed" and why, nothing sent', async () => {
    virtual.setFault('paper-out');
    expect(await printerCommand(['test', '--printer', virtual.address], io)).toBe(1);
    expect(errors).toEqual([`Test ticket NOT printed on ${virtual.address} (generic-escpos-80): the printer is out of paper`]);
    expect(virtual.droppedByteCount()).toBe(0);
  });

  it('virtual:// prints on a throwaway emulator and shows what came out', async () => {
    expect(await printerCommand(['test', '--printer', 'virtual://', '--model', 'custom-vkp80iii'], io)).toBe(0);
    expect(out.join('\n')).toContain('ТАЛОН НА ПРИЁМ');
  });
});

describe('kiosk printer fault', () => {
  it('switches a running emulator through its control port', async () => {
    const control = await startVirtualPrinterControl(virtual, { port: 0 });
    try {
      expect(await printerCommand(['fault', 'disconnect-mid-job', '--after-bytes', '40', '--control-port', String(control.port)], io)).toBe(0);
      expect(virtual.fault()).toEqual({ fault: 'disconnect-mid-job', afterBytes: 40 });
      expect(await printerCommand(['fault', 'sideways', '--control-port', String(control.port)], io)).toBe(2);
    } finally {
      await control.close();
    }
  });
});

describe('the kiosk command itself', () => {
  it('an unreachable printer: exit 1, one plain line on stderr, no stack trace', async () => {
    const bin = fileURLToPath(new URL('../../bin/kiosk.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, 'printer', 'status', '--printer', 'tcp://127.0.0.1:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ state: 'offline' });
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^the printer is offline: tcp:\/\/127\.0\.0\.1:1: connect ECONNREFUSED/)]);
  });
});
