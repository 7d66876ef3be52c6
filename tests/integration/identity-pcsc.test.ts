// Identification by chip card on the real PC/SC stack: pcscd + vsmartcard's
// vpcd + the virtual OMS card → the bridge reads the card and the UI's event
// stream receives the masked patient. The one Vitest file that uses PC/SC:
// it keeps to reader "Virtual PCD 00 00" (card port 35963); Playwright uses 00 01.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { bridgeCaller, eventStreamUrl, serviceHeaders } from '../bridge-http';
import { DEMO_PATIENT, REPO_ROOT, startKioskUnderTest, TEST_SERVICE_PIN, type KioskUnderTest } from '../kiosk-harness';
import { acquirePcscd, lockVirtualReader, type PcscdLease } from '../pcsc/pcscd';
import { cardReaderFor, insertTestCard, VITEST_READER } from '../pcsc/virtual-card';
import type { InsertedVirtualCard } from '../../device-bridge/readers/virtual-oms-card';

let pcscd: PcscdLease;
let readerLock: { release(): void };
let kut: KioskUnderTest;
let socket: WebSocket;
let events: any[] = [];
let card: InsertedVirtualCard | null = null;

beforeAll(async () => {
  // Another run of this suite on the same machine takes its turn: one kiosk per virtual reader.
  readerLock = await lockVirtualReader(VITEST_READER.port);
  pcscd = await acquirePcscd();
  kut = await startKioskUnderTest({ cardReader: cardReaderFor(VITEST_READER) });
  socket = new WebSocket(await eventStreamUrl(kut.kiosk.port));
  socket.on('message', (data) => events.push(JSON.parse(String(data))));
  await new Promise((resolve) => socket.once('open', resolve));
  await readerIs('ready');
}, 150_000);

afterEach(async () => {
  await card?.remove();
  card = null;
  await readerIs('ready');
  events = [];
});

afterAll(async () => {
  socket?.close();
  await kut?.kiosk.close();
  await pcscd?.release();
  readerLock?.release();
});


const call = (method: string, path: string, body?: unknown) => bridgeCaller(kut.kiosk.port)(method, path, { body });

/** Waits until the bridge reports the card reader in `state` (hooks cannot use expect.poll). */
async function readerIs(state: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    last = (await call('GET', '/api/readers/status')).json.value.card.state;
    if (last === state) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the card reader stayed "${last}", expected "${state}"`);
}

const identityEvents = () => events.filter((e) => e.type === 'identified' || e.type === 'identity-error');
async function nextIdentityEvent(): Promise<any> {
  await expect.poll(() => identityEvents().length, { timeout: 10_000 }).toBeGreaterThan(0);
  return identityEvents()[0];
}

describe('chip card over PC/SC', () => {
  test('the reader is reported to service mode by name', async () => {
    const { json } = await call('GET', '/api/readers/status');
    expect(json.value.card).toEqual({ state: 'ready', reader: 'Virtual PCD 00 00' });
    expect(json.value.scanners).toEqual([]);
  });

  test('inserting the policy card starts a session: the UI receives the masked patient, not the number', async () => {
    card = await insertTestCard(DEMO_PATIENT.policy);
    const event = await nextIdentityEvent();
    expect(event).toMatchObject({
      type: 'identified',
      channel: 'card',
      session: { patient: { displayName: 'Иванова Т. А.', birthYear: 1979, policyLast4: '6380' } },
    });
    expect(JSON.stringify(events)).not.toContain(DEMO_PATIENT.policy);
    // The session is a real one: the bridge holds the patient for the next calls.
    expect(typeof event.session.sessionId).toBe('string');
    await readerIs('card-present');
  });

  test('pulling the card out mid-read gives the plain message, and no session', async () => {
    card = await insertTestCard(DEMO_PATIENT.policy, { behaviour: 'remove-mid-read' });
    const event = await nextIdentityEvent();
    expect(event).toEqual({
      type: 'identity-error',
      channel: 'card',
      reason: 'card-removed',
      message: 'Полис вынут слишком рано. Вставьте его снова и не вынимайте, пока не появится ваше имя',
    });
    expect(card.apduCount()).toBeGreaterThanOrEqual(3); // it was mid-read: SELECT, SELECT, READ BINARY
  });

  test('a card that is not an OMS policy asks for the number instead', async () => {
    card = await insertTestCard(DEMO_PATIENT.policy, { behaviour: 'not-oms' });
    expect(await nextIdentityEvent()).toEqual({
      type: 'identity-error',
      channel: 'card',
      reason: 'unknown-card',
      message: 'Карта не распознана — введите номер полиса',
    });
  });

  test('a policy the clinic does not know is "not found", read from the card', async () => {
    card = await insertTestCard('1234567890123452');
    expect(await nextIdentityEvent()).toMatchObject({ type: 'identity-error', channel: 'card', reason: 'patient-not-found' });
  });

  test('service mode inserts and removes a test card through the bridge', async () => {
    const service = await serviceHeaders(bridgeCaller(kut.kiosk.port), TEST_SERVICE_PIN);
    const inserted = await bridgeCaller(kut.kiosk.port)('POST', '/api/service/virtual-card/insert', { body: { policyNumber: '4556140827015276' }, headers: service });
    expect(inserted.status).toBe(200);
    expect(inserted.json.value).toEqual({ inserted: true, reader: 'Virtual PCD 00 00', patientKnown: true });
    expect(await nextIdentityEvent()).toMatchObject({ type: 'identified', channel: 'card', session: { patient: { displayName: 'Смирнов А. В.' } } });
    const removed = await bridgeCaller(kut.kiosk.port)('POST', '/api/service/virtual-card/remove', { headers: service });
    expect(removed.json.value.inserted).toBe(false);
    await readerIs('ready');
  });

  test('`kiosk card insert` keeps a card in the reader until Ctrl-C', async () => {
    const cli: ChildProcess = spawn(process.execPath, ['bin/kiosk.mjs', 'card', 'insert', '--patient', DEMO_PATIENT.policy, '--port', String(VITEST_READER.port)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    cli.stdout!.on('data', (chunk) => (out += chunk));
    cli.stderr!.on('data', (chunk) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => out, { timeout: 10_000 }).toContain('is in the reader');
      expect(out).toContain('Card of Иванова Т. А. (…6380)');
      expect(await nextIdentityEvent()).toMatchObject({ type: 'identified', session: { patient: { displayName: 'Иванова Т. А.' } } });
      cli.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toContain('Card removed.');
    } finally {
      cli.kill('SIGKILL');
    }
  }, 20_000);
});
