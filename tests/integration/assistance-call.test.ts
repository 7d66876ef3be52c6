// POST /api/assistance/call: «Позвать волонтёра» reaches the bridge with the
// screen's name and nothing else; it is logged, counted in /metrics per
// screen, published on the event stream for other listeners, never replayed,
// and the patient's session goes on untouched.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { bridgeCaller, eventStreamUrl, type BridgeCall } from '../bridge-http';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;
let call: BridgeCall;

beforeAll(async () => {
  kut = await startKioskUnderTest({ kioskId: 'assist-01' });
  call = bridgeCaller(kut.kiosk.port);
});

afterAll(async () => {
  await kut.kiosk.close();
});

async function callsCounted(screen: string): Promise<number> {
  const { text } = await call('GET', '/metrics');
  const line = text.split('\n').find((l) => l.startsWith('kiosk_assistance_calls_total{') && l.includes(`screen="${screen}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Opens the event stream the way the UI does and collects what arrives. */
async function listen(): Promise<{ events: Array<Record<string, unknown>>; close(): void }> {
  const socket = new WebSocket(await eventStreamUrl(kut.kiosk.port), { headers: { origin: `http://127.0.0.1:${kut.kiosk.port}` } });
  const events: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => events.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { events, close: () => socket.close() };
}

describe('a volunteer call', () => {
  test('is counted per screen in /metrics, logged with the screen only, and published to listeners', async () => {
    const listener = await listen();
    expect(await callsCounted('failed')).toBe(0);
    const answer = await call('POST', '/api/assistance/call', { body: { screen: 'failed' } });
    expect(answer.status).toBe(200);
    expect(answer.json.value).toEqual({ screen: 'failed', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    await call('POST', '/api/assistance/call', { body: { screen: 'failed' } });
    await call('POST', '/api/assistance/call', { body: { screen: 'noSlots' } });

    expect(await callsCounted('failed')).toBe(2);
    expect(await callsCounted('noSlots')).toBe(1);
    const { text } = await call('GET', '/metrics');
    expect(text).toContain('kiosk_assistance_calls_total{screen="failed",kiosk="assist-01"} 2');

    await expect.poll(() => listener.events.filter((e) => e.type === 'assistance-call').length).toBe(3);
    expect(listener.events.find((e) => e.type === 'assistance-call')).toEqual({ type: 'assistance-call', screen: 'failed', at: expect.any(String) });
    listener.close();

    const logged = readFileSync(kut.logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const calls = logged.filter((line) => line.event === 'assistance-call');
    expect(calls.map((line) => line.screen)).toEqual(['failed', 'failed', 'noSlots']);
    // The screen, and nothing about the patient: the line has pino's own fields, the component, the event and the screen.
    expect(Object.keys(calls[0]!).sort()).toEqual(['component', 'event', 'level', 'msg', 'screen', 'service', 'time']);

    // A listener that connects later does not get old calls: nobody is sent to a patient long gone.
    // Asserted after a new call reached it: had old calls been replayed, they would have come first.
    const later = await listen();
    expect((await call('POST', '/api/assistance/call', { body: { screen: 'review' } })).status).toBe(200);
    await expect.poll(() => later.events.filter((e) => e.type === 'assistance-call').length).toBeGreaterThan(0);
    expect(later.events.filter((e) => e.type === 'assistance-call')).toEqual([{ type: 'assistance-call', screen: 'review', at: expect.any(String) }]);
    later.close();
  });

  test('carries a screen name and nothing else: a number, a name or any other field is refused with a field error', async () => {
    const refused = [
      [{ screen: DEMO_PATIENT.policy }, 'screen'],
      [{ screen: 'Иванова' }, 'screen'],
      [{ screen: 'failed', policyNumber: DEMO_PATIENT.policy }, ''],
      [{}, 'screen'],
    ] as const;
    for (const [body, field] of refused) {
      const answer = await call('POST', '/api/assistance/call', { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error).toMatchObject({ kind: 'invalid-request', field });
    }
    expect(readFileSync(kut.logFile, 'utf8')).not.toContain(DEMO_PATIENT.policy);
  });

  test('needs the kiosk token like every other call that changes something', async () => {
    expect((await call('POST', '/api/assistance/call', { body: { screen: 'failed' }, kioskToken: false })).status).toBe(401);
  });

  test("leaves the patient's session as it was", async () => {
    const started = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } });
    const session = started.json.value.sessionId as string;
    expect((await call('POST', '/api/assistance/call', { body: { screen: 'specialty' }, session })).status).toBe(200);
    expect((await call('GET', '/api/appointments', { session })).status).toBe(200);
    await call('DELETE', '/api/sessions/current?reason=home', { session });
  });
});
