// The logs hold no policy number, name or birth date: first a whole scripted
// session through the real bridge (identify with the demo ЕНП, list, hold,
// book, print, end) into a temp log file, grepped; the same through an N3
// HubService (the emulator), log and metrics; then the privacy layer on its
// own, fed personal data in every place a careless call site could put it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../../device-bridge/logger';
import { recentLogOf } from '../../device-bridge/service/log-privacy';
import { bookThroughApi, bridgeCaller, type BridgeCall } from '../bridge-http';
import { clinicMorning, DEMO_PATIENT, REPO_ROOT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';
import { DEMO_CLINIC_PATH, loadClinicDefinition } from '../../device-bridge/scheduler/embedded/clinic-definition';
import { startHubEmulator } from '../../device-bridge/scheduler/n3/emulator/hub-emulator';
import { emulatorSpecialtyCodes } from '../../device-bridge/scheduler/n3/emulator/hub-operations';

function demoClinic() {
  const demo = loadClinicDefinition(DEMO_CLINIC_PATH);
  if (!demo.ok) throw new Error('the demo clinic does not load');
  return demo.value;
}

/** Иванова Татьяна Алексеевна, 13.10.1979 (README, demo patients). */
const PERSONAL = [DEMO_PATIENT.policy, '6449 0208 8600 6380', 'Иванова', 'Татьяна', 'Алексеевна', '1979-10-13', '13.10.1979'];

let kut: KioskUnderTest;
let call: BridgeCall;

beforeAll(async () => {
  kut = await startKioskUnderTest();
  call = bridgeCaller(kut.kiosk.port);
});

afterAll(async () => {
  await kut.kiosk.close();
});

describe('a full session through the bridge leaves no personal data in the log', () => {
  test('identify, list, hold, book, print, list appointments, end: the log has the events and none of the patient', async () => {
    // A number that is not in the registry, and a malformed one, on the way.
    expect((await call('POST', '/api/sessions', { body: { policyNumber: '1234567890123452' } })).status).toBe(404);
    expect((await call('POST', '/api/sessions', { body: { policyNumber: '6449-0208' } })).status).toBe(400);

    const booking = await bookThroughApi(call, DEMO_PATIENT.policy);
    expect(booking.print).toEqual({ outcome: 'printed' });
    const headers = { 'x-kiosk-session': booking.sessionId };
    expect((await call('GET', '/api/appointments', { headers })).status).toBe(200);
    await kut.kiosk.virtualPrinter!.flushOutput();
    await call('DELETE', '/api/sessions/current?reason=done', { headers });

    const log = readFileSync(kut.logFile, 'utf8');
    for (const event of ['identify-failed', 'session-started', 'booked', 'ticket-print', 'session-ended']) expect(log).toContain(`"event":"${event}"`);
    expect(log).toContain(booking.bookingNumber);
    for (const value of PERSONAL) expect({ value, found: log.includes(value) }).toEqual({ value, found: false });
    expect(log).not.toMatch(/\d{16}/);
    for (const line of log.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('the other kinds of number leave no trace either', () => {
  test('a temporary certificate and an old-style series + number, typed right and wrong: the log has the events and none of the numbers', async () => {
    const sessions: string[] = [];
    for (const [policyKind, policyNumber] of [['temporary', '570312840'], ['old', 'ЯБ 5721436'], ['old', 'яб5721436']] as const) {
      const answer = await call('POST', '/api/sessions', { body: { policyNumber, policyKind } });
      expect(answer.status, `${policyKind} ${policyNumber}`).toBe(200);
      sessions.push(answer.json.value.sessionId as string);
    }
    // Not in the registry, and malformed for its kind (a field error): neither is echoed into the log.
    expect((await call('POST', '/api/sessions', { body: { policyNumber: '570312841', policyKind: 'temporary' } })).status).toBe(404);
    expect((await call('POST', '/api/sessions', { body: { policyNumber: 'ЯБ 9999999', policyKind: 'old' } })).status).toBe(404);
    expect((await call('POST', '/api/sessions', { body: { policyNumber: '57031284', policyKind: 'temporary' } })).status).toBe(400);
    for (const sessionId of sessions) await call('DELETE', '/api/sessions/current?reason=home', { headers: { 'x-kiosk-session': sessionId } });

    const log = readFileSync(kut.logFile, 'utf8');
    for (const value of ['570312840', '570312841', '57031284', 'ЯБ 5721436', 'ЯБ5721436', 'яб5721436', '5721436', '9999999', 'Волкова', 'Новиков', '1985-09-14', '1951-01-08']) {
      expect({ value, found: log.includes(value) }).toEqual({ value, found: false });
    }
  });
});

describe('the privacy layer catches personal data wherever a call site puts it', () => {
  test('keys at any depth, digit runs, names in text, JSON bodies in strings, errors, child bindings', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kiosk-log-')), 'bridge.log');
    const logger = createLogger('info', pino.destination({ dest: file, sync: true }));
    const child = logger.child({ component: 'fhir', policyNumber: DEMO_PATIENT.policy });

    child.info({ event: 'lookup', request: { query: { identifier: `https://fhir.ru/ig/core/systems/oms|${DEMO_PATIENT.policy}` } } }, 'patient lookup');
    child.info({ event: 'typed', note: `typed 6449 0208 8600 6380 for Иванова Т. А.` }, `number ${DEMO_PATIENT.policy}`);
    child.info({ event: 'found', person: { surname: 'Иванова', givenName: 'Татьяна', patronymic: 'Алексеевна', dob: '1979-10-13', birthYear: 1979 } }, 'found');
    child.warn(
      { event: 'fhir-answer', response: '{"resourceType":"Patient","name":[{"family":"Иванова","given":["Татьяна","Алексеевна"]}],"birthDate":"1979-10-13"}' },
      'unexpected FHIR answer',
    );
    child.info({ event: 'card', owner: 'Иванова Татьяна Алексеевна', snils: '112-233-445 95', numeric: 6449020886006380 }, 'card read');
    child.info({ event: 'typed-other', note: 'certificate 570312840, old policy ЯБ 5721436 (ЯБ5721436, АБ-123456, ЯБ 572 1436)', numeric: 570312840 }, 'other kinds');
    child.error({ event: 'boom', err: new TypeError(`no patient ${DEMO_PATIENT.policy}`, { cause: new Error('Иванова Т. А. not found') }) }, 'lookup failed');
    child.info('interpolated %s and %o', DEMO_PATIENT.policy, { birthDate: '1979-10-13' });
    // What must stay readable for IT: event names, booking numbers, specialty codes, slot times.
    child.info({ event: 'booked', bookingNumber: 'A-2611-10000', specialty: 'therapist-district', start: '2026-11-24T09:30' }, 'appointment booked');

    const log = readFileSync(file, 'utf8');
    for (const value of [...PERSONAL, '112-233-445 95', '570312840', '5721436', '123456', '572 1436']) expect({ value, found: log.includes(value) }).toEqual({ value, found: false });
    expect(log).not.toMatch(/\d{9,}/);
    expect(log).toContain('"bookingNumber":"A-2611-10000"');
    expect(log).toContain('"specialty":"therapist-district"');
    expect(log).toContain('"start":"2026-11-24T09:30"');
    expect(log).toContain('"type":"TypeError"');
    for (const line of log.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();

    // The service screen's recent errors come from the same scrubbed lines.
    const recent = recentLogOf(logger)!.entries();
    expect(recent.map((e) => e.event)).toEqual(['boom', 'fhir-answer']);
    expect(JSON.stringify(recent)).not.toContain('Иванова');
    expect(recent[0]).toMatchObject({ level: 'error', component: 'fhir', message: 'lookup failed', detail: 'no patient [скрыто]: [скрыто] not found' });
  });
});

describe('a booking through an N3 HubService leaves no personal data in the log or the metrics', () => {
  // The SOAP bodies carry the policy, and the hub's answers the name and birth date: none may leak.
  test('identify (and a refused and a faulted identify), book, print, list, cancel: log and /metrics have none of the patient, nor the guid', async () => {
    const guid = 'n3-privacy-guid-5f1c';
    const hub = await startHubEmulator({ clinic: demoClinic(), guid, now: () => clinicMorning() });
    const dir = mkdtempSync(join(tmpdir(), 'n3-privacy-'));
    writeFileSync(join(dir, 'hub.guid'), `${guid}\n`);
    const n3 = await startKioskUnderTest({
      scheduler: {
        adapter: 'n3',
        baseUrl: hub.url,
        lpuId: 1234,
        auth: { guidFile: join(dir, 'hub.guid') },
        specialtyCodes: emulatorSpecialtyCodes(demoClinic()),
        patientMatch: 'policy',
        database: join(dir, 'scheduler.sqlite'),
        clinicFile: join(REPO_ROOT, 'config/demo-clinic.json'),
      },
    });
    try {
      const n3call = bridgeCaller(n3.kiosk.port);
      hub.setFault('refuse');
      expect((await n3call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } })).json.error.kind).toBe('rejected-by-rule');
      hub.setFault('fault');
      expect((await n3call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } })).json.error.kind).toBe('unavailable');
      hub.setFault('none');
      const booking = await bookThroughApi(n3call, DEMO_PATIENT.policy, 'ophthalmologist');
      expect(booking.print).toEqual({ outcome: 'printed' });
      const headers = { 'x-kiosk-session': booking.sessionId };
      expect((await n3call('GET', '/api/appointments', { headers })).json.value).toHaveLength(1);
      expect((await n3call('DELETE', `/api/appointments/${booking.appointmentId}`, { headers })).json.value.status).toBe('cancelled');
      await n3.kiosk.virtualPrinter!.flushOutput();
      await n3call('DELETE', '/api/sessions/current?reason=done', { headers });
      const metrics = (await n3call('GET', '/metrics')).text;

      const log = readFileSync(n3.logFile, 'utf8');
      for (const event of ['session-started', 'booked', 'scheduler-call-failed']) expect(log).toContain(`"event":"${event}"`);
      for (const [where, text] of [['log', log], ['metrics', metrics]] as const) {
        for (const value of [...PERSONAL, guid]) expect({ where, value, found: text.includes(value) }).toEqual({ where, value, found: false });
      }
      // (metrics carry 16-digit sample values; the log has no policy-like digit run at all)
      expect(log).not.toMatch(/\d{16}/);
    } finally {
      await n3.kiosk.close();
      await hub.close();
    }
  });
});
