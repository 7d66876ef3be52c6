// GET /metrics after a scripted booking through the real bridge: the booking
// is counted under its specialty and channel, the ticket under its outcome,
// the session as completed; abandoned sessions, idle resets, cancellations,
// waiting-list entries, the paper gauge and scheduler latency are there too.
// Also the read-only listener of `metrics.listen` and /healthz's readers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bookThroughApi, bridgeCaller, metricSample, type BridgeCall } from '../bridge-http';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;
let call: BridgeCall;

beforeAll(async () => {
  kut = await startKioskUnderTest({ kioskId: 'metrics-01', metrics: { listen: { host: '127.0.0.1', port: 0 } } });
  call = bridgeCaller(kut.kiosk.port);
});

afterAll(async () => {
  await kut.kiosk.close();
});

/** The value of one sample, e.g. sample(text, 'kiosk_bookings_total', { specialty: 'surgeon' }); 0 when absent. */
const sample = metricSample;

async function scrape(): Promise<string> {
  const { status, headers, text } = await call('GET', '/metrics');
  expect(status).toBe(200);
  expect(headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return text;
}

describe('/metrics', () => {
  test('a booking made on the keypad is counted under its specialty and channel, with its printed ticket and a completed session', async () => {
    const before = await scrape();
    const booking = await bookThroughApi(call, DEMO_PATIENT.policy, 'therapist-district');
    expect(booking.print).toEqual({ outcome: 'printed' });
    await call('DELETE', '/api/sessions/current?reason=done', { headers: { 'x-kiosk-session': booking.sessionId } });
    const after = await scrape();

    const diff = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(diff('kiosk_bookings_total', { specialty: 'therapist-district', channel: 'keypad', mode: 'patient', kiosk: 'metrics-01' })).toBe(1);
    expect(diff('kiosk_bookings_total', { channel: 'card' })).toBe(0);
    expect(diff('kiosk_sessions_started_total', { channel: 'keypad' })).toBe(1);
    expect(diff('kiosk_sessions_completed_total')).toBe(1);
    expect(diff('kiosk_ticket_prints_total', { kind: 'ticket', outcome: 'printed' })).toBe(1);
    // Scheduler latency: every call of the booking is in the histogram, labelled by operation.
    expect(diff('kiosk_scheduler_call_duration_seconds_count', { operation: 'findPatientByPolicy', outcome: 'ok' })).toBe(1);
    expect(diff('kiosk_scheduler_call_duration_seconds_count', { operation: 'confirmHold', outcome: 'ok' })).toBe(1);
    expect(diff('kiosk_scheduler_call_duration_seconds_count', { operation: 'holdSlot' })).toBe(1);
    // Nothing personal in any label or value.
    expect(after).not.toContain(DEMO_PATIENT.policy);
    expect(after).not.toContain(DEMO_PATIENT.surname);
    expect(after).not.toContain(booking.bookingNumber);
  });

  test('cancellations, waiting-list entries, abandoned sessions and idle resets are counted', async () => {
    const before = await scrape();
    const booking = await bookThroughApi(call, '4556140827015276', 'surgeon');
    const headers = { 'x-kiosk-session': booking.sessionId };
    expect((await call('DELETE', `/api/appointments/${encodeURIComponent(booking.appointmentId)}`, { headers })).status).toBe(200);
    const joined = await call('POST', '/api/waiting-list', { headers, body: { specialtyCode: 'ophthalmologist', doctorId: null, claim: 'no-convenient-time' } });
    expect(joined.status).toBe(200);
    await call('DELETE', '/api/sessions/current?reason=home', { headers });

    const idle = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } });
    await call('DELETE', '/api/sessions/current?reason=idle', { headers: { 'x-kiosk-session': idle.json.value.sessionId } });
    // An idle reset on the keypad screen, before anybody identified: no session header.
    await call('DELETE', '/api/sessions/current?reason=idle');
    // An old UI that gives no reason still ends the session.
    const silent = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } });
    await call('DELETE', '/api/sessions/current', { headers: { 'x-kiosk-session': silent.json.value.sessionId } });
    expect((await call('GET', '/api/appointments', { headers: { 'x-kiosk-session': silent.json.value.sessionId } })).status).toBe(401);

    const after = await scrape();
    const diff = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(diff('kiosk_bookings_total', { specialty: 'surgeon', channel: 'keypad' })).toBe(1);
    expect(diff('kiosk_cancellations_total', { specialty: 'surgeon' })).toBe(1);
    expect(diff('kiosk_waiting_list_entries_total', { specialty: 'ophthalmologist', claim: 'no-convenient-time' })).toBe(1);
    expect(diff('kiosk_sessions_abandoned_total', { reason: 'home' })).toBe(1);
    expect(diff('kiosk_sessions_abandoned_total', { reason: 'idle' })).toBe(1);
    expect(diff('kiosk_sessions_abandoned_total', { reason: 'unspecified' })).toBe(1);
    expect(diff('kiosk_sessions_completed_total')).toBe(0);
    expect(diff('kiosk_idle_resets_total', { with_session: 'true' })).toBe(1);
    expect(diff('kiosk_idle_resets_total', { with_session: 'false' })).toBe(1);
  });

  test('the paper gauge follows the printer: out of paper, then back', async () => {
    kut.kiosk.virtualPrinter!.setFault('paper-out');
    try {
      await call('GET', '/api/printer/status');
      const out = await scrape();
      expect(sample(out, 'kiosk_printer_paper', { state: 'out' })).toBe(1);
      expect(sample(out, 'kiosk_printer_paper', { state: 'ok' })).toBe(0);
      expect(sample(out, 'kiosk_printer_state', { state: 'paper-out' })).toBe(1);
    } finally {
      kut.kiosk.virtualPrinter!.setFault('none');
    }
    await call('GET', '/api/printer/status');
    const back = await scrape();
    expect(sample(back, 'kiosk_printer_paper', { state: 'ok' })).toBe(1);
    expect(sample(back, 'kiosk_printer_paper', { state: 'out' })).toBe(0);
  });

  test('a failed print is counted with the printer state that stopped it', async () => {
    const before = await scrape();
    const session = await call('POST', '/api/sessions', { body: { policyNumber: '4593899794204131' } });
    const headers = { 'x-kiosk-session': session.json.value.sessionId };
    const slots = await call('GET', '/api/specialties/therapist-district/slots', { headers });
    const hold = await call('POST', '/api/holds', { headers, body: { slotId: slots.json.value[0].id } });
    const booked = await call('POST', '/api/bookings', { headers, body: { holdId: hold.json.value.holdId, clientKey: 'metrics-failed-print' } });
    kut.kiosk.virtualPrinter!.setFault('cover-open');
    try {
      const print = await call('POST', `/api/bookings/${encodeURIComponent(booked.json.value.appointmentId)}/print`, { headers });
      expect(print.json.value).toEqual({ outcome: 'failed', status: { state: 'cover-open' } });
    } finally {
      kut.kiosk.virtualPrinter!.setFault('none');
    }
    await call('DELETE', '/api/sessions/current?reason=done', { headers });
    const after = await scrape();
    expect(sample(after, 'kiosk_ticket_prints_total', { kind: 'ticket', outcome: 'failed', printer_state: 'cover-open' }) - sample(before, 'kiosk_ticket_prints_total', { kind: 'ticket', outcome: 'failed', printer_state: 'cover-open' })).toBe(1);
  });

  test('the read-only listener serves /metrics and /healthz to any host, and nothing else', async () => {
    const url = kut.kiosk.metricsUrl!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const listener = bridgeCaller(Number(new URL(url).port));
    const metrics = await listener('GET', '/metrics', { headers: { host: 'kiosk-07.clinic.local:9464' } });
    expect(metrics.status).toBe(200);
    expect(sample(metrics.text, 'kiosk_info', { kiosk: 'metrics-01' })).toBe(1);
    const health = await listener('GET', '/healthz', { headers: { host: 'kiosk-07.clinic.local:9464' } });
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ kioskId: 'metrics-01', components: { printer: { printerState: 'ready' } } });
    expect((await listener('GET', '/api/kiosk')).status).toBe(404);
    expect((await listener('POST', '/metrics')).status).toBe(405);
    // The bridge itself still refuses foreign hosts, /metrics included.
    expect((await call('GET', '/metrics', { headers: { host: 'kiosk-07.clinic.local:7070' } })).status).toBe(403);
  });
});

describe('/healthz', () => {
  test('reports the card reader and the scanners next to the scheduler and the printer, without letting them degrade the kiosk', async () => {
    const { status, json } = await call('GET', '/healthz');
    expect(status).toBe(200);
    expect(json.status).toBe('ok');
    expect(json.components.cardReader).toEqual(expect.objectContaining({ state: expect.stringMatching(/^(ok|degraded|down)$/), readerState: expect.any(String) }));
    expect(json.components.scanners).toEqual({ state: 'ok', detail: 'none configured', open: 0, configured: 0 });
  });
});
