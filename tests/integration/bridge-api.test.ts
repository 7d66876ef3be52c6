// The bridge's HTTP API on a real loopback socket, with the embedded scheduler
// on disk and the virtual printer on a real TCP port.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { bridgeCaller, eventStreamUrl, kioskTokenOf, type CallOptions } from '../bridge-http';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;

beforeAll(async () => {
  kut = await startKioskUnderTest();
});

afterAll(async () => {
  await kut.kiosk.close();
});

const call = (method: string, path: string, options: CallOptions = {}) => bridgeCaller(kut.kiosk.port)(method, path, options);

/** How the bridge answered a WebSocket upgrade: 101 when it opened, else the HTTP status of the refusal. */
function upgradeStatus(socket: WebSocket): Promise<number> {
  return new Promise<number>((resolve) => {
    socket.on('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    socket.on('error', () => resolve(-1));
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
  });
}

describe('device bridge API', () => {
  test('GET /healthz reports the scheduler and the printer', async () => {
    const { status, json } = await call('GET', '/healthz');
    expect(status).toBe(200);
    expect(json.status).toBe('ok');
    expect(json.components.scheduler).toMatchObject({ state: 'ok', adapter: 'embedded-sqlite' });
    expect(json.components.printer).toMatchObject({ state: 'ok', printerState: 'ready' });
    expect(json.components.printer.address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(Date.now() - Date.parse(json.checkedAt)).toBeLessThan(60_000);
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

  test('an unknown route answers the bridge\'s own envelope with 404, the query left out', async () => {
    for (const [method, path] of [['GET', '/api/no-such-route?policy=6449020886006380'], ['GET', '/no-such-file.js'], ['DELETE', '/api/no-such-route']] as const) {
      const answer = await call(method, path);
      expect(answer.status, path).toBe(404);
      expect(answer.json, path).toEqual({ ok: false, error: { kind: 'not-found', method, path: path.split('?')[0] } });
    }
  });

  test('requests from a foreign Host or Origin are refused', async () => {
    expect((await call('GET', '/api/kiosk', { headers: { host: 'evil.example:7070' } })).status).toBe(403);
    expect((await call('GET', '/api/kiosk', { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await call('GET', '/api/kiosk', { headers: { origin: `http://127.0.0.1:${kut.kiosk.port}` } })).status).toBe(200);
    expect((await call('GET', '/api/kiosk', { headers: { host: `localhost:${kut.kiosk.port}` } })).status).toBe(200);
  });

  test('mutating calls without the per-boot kiosk token, or with a wrong one, are refused and change nothing', async () => {
    const bare = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy }, kioskToken: false });
    expect(bare.status).toBe(401);
    expect(bare.json).toEqual({ ok: false, error: { kind: 'kiosk-token-required' } });
    expect(bare.text).not.toContain('Иванова');
    const wrong = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy }, headers: { 'x-kiosk-token': 'x'.repeat(43) } });
    expect(wrong.status).toBe(401);
    for (const [method, path] of [['DELETE', '/api/appointments/1'], ['POST', '/api/holds'], ['POST', '/api/bookings'], ['POST', '/api/waiting-list']] as const) {
      expect((await call(method, path, { body: {}, kioskToken: false })).status).toBe(401);
    }
    // Read-only calls stay open: the attract screen and health checks need no token.
    expect((await call('GET', '/api/kiosk', { kioskToken: false })).status).toBe(200);
    // The same call with the token goes through.
    const withToken = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } });
    expect(withToken.status).toBe(200);
    await call('DELETE', '/api/sessions/current', { session: withToken.json.value.sessionId });
  });

  test('only the served page gets the kiosk token: not a foreign page, not a plain client, not a navigation', async () => {
    const token = await call('GET', '/api/kiosk/token', { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' } });
    expect(token.status).toBe(200);
    expect(token.json.value.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token.headers['cache-control']).toBe('no-store');
    expect((await call('GET', '/api/kiosk/token')).status).toBe(403);
    expect((await call('GET', '/api/kiosk/token', { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' } })).status).toBe(403);
    expect((await call('GET', '/api/kiosk/token', { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' } })).status).toBe(403);
    expect((await call('GET', '/api/kiosk/token', { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', origin: 'http://evil.example' } })).status).toBe(403);
    // Another bridge (a restart) has another token.
    const other = await startKioskUnderTest();
    try {
      expect(await kioskTokenOf(other.kiosk.port)).not.toBe(await kioskTokenOf(kut.kiosk.port));
    } finally {
      await other.kiosk.close();
    }
  });

  test('the event stream needs the kiosk token', async () => {
    expect(await upgradeStatus(new WebSocket(`ws://127.0.0.1:${kut.kiosk.port}/api/events`))).toBe(401);
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
    const socket = new WebSocket(await eventStreamUrl(kut.kiosk.port));
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
    expect(await upgradeStatus(new WebSocket(await eventStreamUrl(kut.kiosk.port), { origin: 'http://evil.example' }))).toBe(403);
  });
});
