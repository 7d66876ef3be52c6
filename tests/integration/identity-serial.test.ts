// A serial / USB-CDC scanner, end to end over a pseudo-terminal pair (socat):
// the test writes what a scanner sends into one end, the bridge reads the
// other end as its configured scanner, and the UI's event stream receives
// the identification.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { eventStreamUrl } from '../bridge-http';
import { parseHexPayload } from '../../device-bridge/domain/oms-barcode';
import { DEMO_PATIENT, REPO_ROOT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

const fixture = parseHexPayload(readFileSync(join(REPO_ROOT, 'tests/fixtures/oms-barcode-type2.hex'), 'utf8'))!;

let socat: ChildProcess;
let scannerEnd: FileHandle;
let kut: KioskUnderTest;
let socket: WebSocket;
let events: any[] = [];

/** Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and returns the two device paths it prints. */
function ptyPair(): Promise<{ process: ChildProcess; a: string; b: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const paths: string[] = [];
    let log = '';
    child.stderr!.on('data', (chunk) => {
      log += chunk;
      for (const match of String(chunk).matchAll(/PTY is (\/dev\/\S+)/g)) paths.push(match[1]!);
      if (paths.length === 2) resolve({ process: child, a: paths[0]!, b: paths[1]! });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`socat exited (${code}): ${log}`)));
  });
}

beforeAll(async () => {
  const pair = await ptyPair();
  socat = pair.process;
  scannerEnd = await open(pair.b, 'r+');
  kut = await startKioskUnderTest({ scanners: [`serial://${pair.a}?baudRate=9600`], cardReader: { enabled: false } });
  socket = new WebSocket(await eventStreamUrl(kut.kiosk.port));
  socket.on('message', (data) => events.push(JSON.parse(String(data))));
  await new Promise((resolve) => socket.once('open', resolve));
  // Scans are written only once the bridge has the port open.
  for (let i = 0; i < 200 && (await readerStatus()).value.scanners[0]?.state !== 'open'; i++) await new Promise((r) => setTimeout(r, 25));
});

beforeEach(() => {
  events = [];
});

afterAll(async () => {
  socket?.close();
  await kut?.kiosk.close();
  await scannerEnd?.close();
  socat?.kill('SIGTERM');
});

const readerStatus = async () => (await (await fetch(new URL('/api/readers/status', kut.kiosk.url))).json()) as any;
const identityEvents = () => events.filter((e) => e.type === 'identified' || e.type === 'identity-error');
const scan = (...parts: (Uint8Array | string)[]) =>
  scannerEnd.write(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))));

describe('serial barcode scanner over a pseudo-terminal', () => {
  test('the scanner port is open, as service mode sees it', async () => {
    const { value } = await readerStatus();
    expect(value.scanners).toEqual([{ url: kut.config.scanners[0], state: 'open' }]);
    expect(value.card).toEqual({ state: 'disabled' });
  });

  test('the paper-policy barcode is read after garbage: decoded, looked up, "not found" for the sample form', async () => {
    await scan(Uint8Array.of(0xff, 0x13, 0x02, 0x99, 0x00, 0x7e), fixture, '\r\n');
    await expect.poll(() => identityEvents().length).toBe(1);
    expect(identityEvents()[0]).toEqual({
      type: 'identity-error',
      channel: 'barcode',
      reason: 'patient-not-found',
      message: 'Полис с таким номером не найден в поликлинике. Обратитесь в регистратуру',
    });
  });

  test('a paper policy of a clinic patient starts a session with the masked name', async () => {
    const payload = Uint8Array.from(fixture);
    new DataView(payload.buffer).setBigUint64(1, BigInt(DEMO_PATIENT.policy));
    await scan(payload, '\r\n');
    await expect.poll(() => identityEvents().length).toBe(1);
    expect(identityEvents()[0]).toMatchObject({
      type: 'identified',
      channel: 'barcode',
      session: { patient: { displayName: 'Иванова Т. А.', birthYear: 1979, policyLast4: '6380' } },
    });
    expect(JSON.stringify(events)).not.toContain(DEMO_PATIENT.policy);
  });

  test('a digital policy QR holding the ЕНП identifies the patient too', async () => {
    await scan('https://oms.example/policy?enp=4556140827015276\r\n');
    await expect.poll(() => identityEvents().length).toBe(1);
    expect(identityEvents()[0]).toMatchObject({ type: 'identified', channel: 'barcode', session: { patient: { displayName: 'Смирнов А. В.' } } });
  });

  test('some other barcode asks the patient to try again', async () => {
    await scan('4601234567890\r\n');
    await expect.poll(() => identityEvents().length).toBe(1);
    expect(identityEvents()[0]).toMatchObject({ type: 'identity-error', channel: 'barcode', reason: 'bad-barcode' });
  });
});
