// The bridge's HTTP API on a real loopback socket, with the embedded scheduler
// on disk and the virtual printer on a real TCP port.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { bridgeCaller } from '../bridge-http';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;

beforeAll(async () => {
  kut = await startKioskUnderTest();
});

afterAll(async () => {
  await kut.kiosk.close();
});

const call = (method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}) =>
  bridgeCaller(kut.kiosk.port)(method, path, options);

describe('device bridge API', () => {
  test('GET /healthz reports the scheduler and the printer', async () => {
    const { status, json } = await call('GET', '/healthz');
    expect(status).toBe(200);
    expect(json.status).toBe('ok');
    expect(json.components.scheduler).toMatchObject({ state: 'ok', adapter: 'embedded-sqlite' });
    expect(json.components.printer).toMatchObject({ state: 'ok', printerState: 'ready' });
    expect(json.components.printer.address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
  });

  test('/healthz turns degraded when the printer runs out of paper', async () => {
    kut.kiosk.virtualPrinter!.setFault('paper-out');
    try {
      const { status, json } = await call('GET', '/healthz');
      expect(status).toBe(200);
      expect(json.status).toBe('degraded');
      expect(json.components.printer).toMatchObject({ state: 'down', printerState: 'paper-out' });
    } finally {
      kut.kiosk.virtualPrinter!.setFault('none');
    }
  });

  test('requests from a foreign Host or Origin are refused', async () => {
    expect((await call('GET', '/api/kiosk', { headers: { host: 'evil.example:7070' } })).status).toBe(403);
    expect((await call('GET', '/api/kiosk', { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await call('GET', '/api/kiosk', { headers: { origin: `http://127.0.0.1:${kut.kiosk.port}` } })).status).toBe(200);
    expect((await call('GET', '/api/kiosk', { headers: { host: `localhost:${kut.kiosk.port}` } })).status).toBe(200);
  });

  test('a malformed policy number is an invalid request naming the field, and nothing is looked up', async () => {
    const { status, json } = await call('POST', '/api/sessions', { body: { policyNumber: '12345' } });
    expect(status).toBe(400);
    expect(json).toMatchObject({ ok: false, error: { kind: 'invalid-request', field: 'policyNumber' } });
    const broken = await call('POST', '/api/sessions', { body: '{"policyNumber": ' as unknown, headers: {} });
    expect(broken.status).toBe(400);
  });

  test('calls that need a session say so when it is missing', async () => {
    const { status, json } = await call('POST', '/api/holds', { body: { slotId: '1' } });
    expect(status).toBe(401);
    expect(json.error.kind).toBe('session-expired');
  });

  test('identification returns masked data only', async () => {
    const { status, json } = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } });
    expect(status).toBe(200);
    expect(json.value.patient).toEqual({ displayName: 'Иванова Т. А.', birthYear: 1979, policyLast4: '6380' });
    expect(JSON.stringify(json)).not.toContain(DEMO_PATIENT.policy);
    await call('DELETE', '/api/sessions/current', { headers: { 'x-kiosk-session': json.value.sessionId } });
  });

  test('the event stream pushes the printer status on connect and on change', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${kut.kiosk.port}/api/events`);
    const messages: any[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    await expect.poll(() => messages.length).toBeGreaterThan(0);
    expect(messages[0]).toMatchObject({ type: 'printer-status' });
    kut.kiosk.virtualPrinter!.setFault('cover-open');
    await call('GET', '/api/printer/status');
    await expect.poll(() => messages.at(-1)?.status?.state).toBe('cover-open');
    kut.kiosk.virtualPrinter!.setFault('none');
    await call('GET', '/api/printer/status');
    await expect.poll(() => messages.at(-1)?.status?.state).toBe('ready');
    socket.close();
  });

  test('a foreign page cannot open the event stream', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${kut.kiosk.port}/api/events`, { origin: 'http://evil.example' });
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (req, res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      socket.on('error', () => resolve(-1));
      socket.on('open', () => resolve(101));
    });
    expect(status).toBe(403);
  });
});
