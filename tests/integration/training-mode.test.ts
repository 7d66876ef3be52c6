// Training mode through the real bridge: the volunteer PIN switches it on; a
// booking then goes to the sandbox (never the clinic's SQLite), its ticket is
// marked «ОБРАЗЕЦ — НЕ ДЕЙСТВИТЕЛЕН» top and bottom, /metrics counts it as
// training only; the on-screen demo card identifies like a card read; the end
// of a session in it, the PIN again, or inactivity ends it and the sandbox's bookings are gone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { TRAINING_MARK } from '../../device-bridge/printer/layout/ticket-layout';
import { bookThroughApi, bridgeCaller, eventStreamUrl, metricSample, type BridgeCall } from '../bridge-http';
import { appointmentsInDatabase, DEMO_PATIENT, startKioskUnderTest, TEST_SERVICE_PIN, TEST_VOLUNTEER_PIN, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;
let call: BridgeCall;

beforeAll(async () => {
  kut = await startKioskUnderTest({ kioskId: 'training-01' });
  call = bridgeCaller(kut.kiosk.port);
});

afterAll(async () => {
  await kut.kiosk.close();
});

const realAppointments = () => appointmentsInDatabase(kut.dbPath);
const kioskInfo = async () => (await call('GET', '/api/kiosk')).json.value;
const volunteerPin = async () => call('POST', '/api/service/login', { body: { pin: TEST_VOLUNTEER_PIN } });
const metrics = async () => (await call('GET', '/metrics')).text;

describe('training mode', () => {
  test('the volunteer PIN starts it: a booking goes to the sandbox, prints ОБРАЗЕЦ, and counts as training only', async () => {
    expect((await kioskInfo()).training).toEqual({ active: false, demoPatients: [] });
    const appointmentsBefore = realAppointments();
    const metricsBefore = await metrics();

    const started = await volunteerPin();
    expect(started.status).toBe(200);
    expect(started.json.value).toEqual({ role: 'volunteer', training: 'started' });
    // No service token for a volunteer: service mode stays shut.
    expect(JSON.stringify(started.json)).not.toContain('token');
    const info = await kioskInfo();
    expect(info.training.active).toBe(true);
    expect(info.training.demoPatients[0]).toEqual({ displayName: DEMO_PATIENT.display, kind: 'adult' });
    // One demo card per kind of patient a volunteer shows.
    expect(info.training.demoPatients.map((p: { kind: string }) => p.kind)).toEqual(['adult', 'child', 'temporary', 'old-style']);
    expect(JSON.stringify(info)).not.toContain(DEMO_PATIENT.policy);

    const ticketsBefore = kut.kiosk.virtualPrinter!.tickets().length;
    const booking = await bookThroughApi(call, DEMO_PATIENT.policy, 'ophthalmologist');
    expect(booking.print).toEqual({ outcome: 'printed' });
    expect(metricSample(await metrics(), 'kiosk_training_active')).toBe(1);
    await call('DELETE', '/api/sessions/current?reason=done', { session: booking.sessionId });
    // The demonstrated visit is over: training with it, so the next person at the kiosk meets the real one.
    expect((await kioskInfo()).training.active).toBe(false);

    const ticket = kut.kiosk.virtualPrinter!.tickets()[ticketsBefore]!;
    const lines = ticket.lines.map((l) => l.trim());
    // The printer's code page has no «—» or «»: the mark comes out with "-", the name with '"'.
    const onPaper = (text: string) => text.replace('—', '-').replace(/[«»]/g, '"');
    const mark = onPaper(TRAINING_MARK);
    expect(lines.filter((l) => l === mark)).toHaveLength(2);
    expect(lines.indexOf(mark)).toBeLessThan(lines.indexOf('ТАЛОН НА ПРИЁМ'));
    expect(lines.lastIndexOf(mark)).toBeGreaterThan(lines.findIndex((l) => l.startsWith('Напечатано:')));
    expect(lines).toContain(onPaper(kut.config.clinic.name));
    const paper = ticket.lines.join('\n');
    expect(paper).not.toContain(kut.config.clinic.address);
    expect(paper).not.toContain(kut.config.clinic.phone);

    // The clinic's own scheduler never saw it.
    expect(realAppointments()).toBe(appointmentsBefore);

    const after = await metrics();
    const diff = (name: string, labels: Record<string, string>) => metricSample(after, name, labels) - metricSample(metricsBefore, name, labels);
    expect(diff('kiosk_bookings_total', { mode: 'training' })).toBe(1);
    expect(diff('kiosk_bookings_total', { mode: 'patient' })).toBe(0);
    expect(diff('kiosk_sessions_started_total', { mode: 'training' })).toBe(1);
    expect(diff('kiosk_sessions_started_total', { mode: 'patient' })).toBe(0);
    expect(diff('kiosk_ticket_prints_total', { kind: 'training', outcome: 'printed' })).toBe(1);
    expect(diff('kiosk_ticket_prints_total', { kind: 'ticket' })).toBe(0);
    expect(metricSample(after, 'kiosk_training_active')).toBe(0);
    expect(diff('kiosk_training_periods_total', { event: 'session' })).toBe(1);
  });

  test('the on-screen demo card identifies a demo patient the way a card read does', async () => {
    await volunteerPin();
    expect((await kioskInfo()).training.active).toBe(true);
    const socket = new WebSocket(await eventStreamUrl(kut.kiosk.port));
    const events: any[] = [];
    socket.on('message', (data) => events.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    try {
      const inserted = await call('POST', '/api/training/demo-card', { body: { patient: 1 } });
      expect(inserted.status).toBe(200);
      expect(inserted.json.value.patient.displayName).toBe('Соколов Д. А.');
      await expect.poll(() => events.find((e) => e.type === 'identified')).toMatchObject({ channel: 'card', session: { patient: { displayName: 'Соколов Д. А.' } } });
      expect((await call('POST', '/api/training/demo-card', { body: { patient: 42 } })).status).toBe(404);
      expect((await call('POST', '/api/training/demo-card', { body: { patient: 'Иванова' } })).status).toBe(400);
      expect((await call('POST', '/api/training/demo-card', { body: { patient: 0 }, kioskToken: false })).status).toBe(401);
      await call('DELETE', '/api/sessions/current?reason=home', { session: inserted.json.value.sessionId });
      expect((await kioskInfo()).training.active).toBe(false);
    } finally {
      socket.close();
    }
  });

  test('the volunteer PIN again ends it: the sandbox and its bookings are gone, the real scheduler is back', async () => {
    expect((await volunteerPin()).json.value.training).toBe('started');
    const sandboxSession = (await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } })).json.value.sessionId;
    const stopped = await volunteerPin();
    expect(stopped.json.value).toEqual({ role: 'volunteer', training: 'stopped' });
    expect((await kioskInfo()).training).toEqual({ active: false, demoPatients: [] });
    expect(metricSample(await metrics(), 'kiosk_training_active')).toBe(0);
    // A session of the sandbox means nothing to the real kiosk.
    expect((await call('GET', '/api/appointments', { session: sandboxSession })).status).toBe(401);
    expect((await call('POST', '/api/training/demo-card', { body: { patient: 0 } })).json.error.kind).toBe('training-off');

    // Training again: a fresh sandbox, where the booking of the first period no longer exists.
    await volunteerPin();
    const session = (await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } })).json.value.sessionId;
    expect((await call('GET', '/api/appointments', { session })).json.value).toEqual([]);
    await volunteerPin();

    // And the real kiosk books into the real database again.
    const before = realAppointments();
    const real = await bookThroughApi(call, '4593899794204131', 'ophthalmologist');
    await call('DELETE', '/api/sessions/current?reason=done', { session: real.sessionId });
    expect(realAppointments()).toBe(before + 1);
  });

  test('the IT PIN still opens service mode, not training; the status screen says whether training is on', async () => {
    const it = await call('POST', '/api/service/login', { body: { pin: TEST_SERVICE_PIN } });
    expect(it.json.value).toMatchObject({ role: 'it', token: expect.any(String) });
    expect((await kioskInfo()).training.active).toBe(false);
    const service = { 'x-service-token': it.json.value.token };
    expect((await call('GET', '/api/service/status', { headers: service })).json.value.training).toEqual({ active: false, since: null });
    await volunteerPin();
    expect((await call('GET', '/api/service/status', { headers: service })).json.value.training).toEqual({ active: true, since: expect.any(String) });
    await volunteerPin();
    await call('POST', '/api/service/logout', { headers: service });
  });
});

describe('training mode left alone', () => {
  test('ends by itself after training.idleSeconds without a touch, and tells the UI', async () => {
    const idle = await startKioskUnderTest({ training: { idleSeconds: 5 } });
    try {
      const idleCall = bridgeCaller(idle.kiosk.port);
      const socket = new WebSocket(await eventStreamUrl(idle.kiosk.port));
      const events: any[] = [];
      socket.on('message', (data) => events.push(JSON.parse(String(data))));
      await new Promise((resolve) => socket.once('open', resolve));
      expect((await idleCall('POST', '/api/service/login', { body: { pin: TEST_VOLUNTEER_PIN } })).json.value.training).toBe('started');
      await expect.poll(() => events.filter((e) => e.type === 'kiosk-info').at(-1)?.kiosk.training.active, { timeout: 3000 }).toBe(true);
      await expect.poll(() => events.filter((e) => e.type === 'kiosk-info').at(-1)?.kiosk.training.active, { timeout: 9000, interval: 250 }).toBe(false);
      expect((await idleCall('GET', '/api/kiosk')).json.value.training.active).toBe(false);
      expect(metricSample((await idleCall('GET', '/metrics')).text, 'kiosk_training_periods_total', { event: 'idle' })).toBe(1);
      socket.close();
    } finally {
      await idle.kiosk.close();
    }
  }, 20_000);
});
