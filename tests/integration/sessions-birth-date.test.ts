// Identification by the policy number and the birth date (what an N3 hub with
// `patientMatch: "policy+birthDate"` needs), tried with the embedded clinic and
// config `identification.askBirthDate`: the kiosk info tells the UI to ask, the
// bridge refuses a number without a birth date, and the scheduler answers
// patient-not-found for a birth date that is not the patient's. Without the
// setting nothing changes: the number alone identifies, a birth date is ignored.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bridgeCaller, type BridgeCall } from '../bridge-http';
import { DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

describe('with identification.askBirthDate', () => {
  let kut: KioskUnderTest;
  let call: BridgeCall;
  beforeAll(async () => {
    kut = await startKioskUnderTest({ identification: { askBirthDate: true } });
    call = bridgeCaller(kut.kiosk.port);
  });
  afterAll(async () => {
    await kut.kiosk.close();
  });

  test('the kiosk info tells the UI to ask for the birth date', async () => {
    const info = await call('GET', '/api/kiosk');
    expect(info.json.value.identification).toEqual({ needsBirthDate: true });
  });

  test('the number with the right birth date identifies the patient, masked', async () => {
    const answer = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy, birthDate: '1979-10-13' } });
    expect(answer.status).toBe(200);
    expect(answer.json.value.patient).toEqual({ displayName: DEMO_PATIENT.display, birthYear: 1979, policyLast4: '6380' });
    await call('DELETE', '/api/sessions/current?reason=home', { session: answer.json.value.sessionId });
  });

  test('another birth date answers patient-not-found, as an unknown number does', async () => {
    const answer = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy, birthDate: '1979-10-14' } });
    expect(answer.status).toBe(404);
    expect(answer.json.error).toEqual({ kind: 'patient-not-found' });
    const old = await call('POST', '/api/sessions', { body: { policyNumber: 'ЯБ 5721436', policyKind: 'old', birthDate: '1951-01-08' } });
    expect(old.json.value.patient).toMatchObject({ displayName: 'Новиков С. П.', birthYear: 1951 });
    await call('DELETE', '/api/sessions/current?reason=home', { session: old.json.value.sessionId });
  });

  test('a number without a birth date, or a date that does not exist, is a field error', async () => {
    const missing = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ kind: 'invalid-request', field: 'birthDate', message: expect.stringMatching(/birth date/) });
    for (const birthDate of ['1979-02-30', '13.10.1979', '']) {
      const wrong = await call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy, birthDate } });
      expect(wrong.status, birthDate).toBe(400);
      expect(wrong.json.error, birthDate).toMatchObject({ kind: 'invalid-request', field: 'birthDate', message: 'a real date YYYY-MM-DD' });
    }
  });

  test('nothing of the birth date reaches the log', async () => {
    const { readFileSync } = await import('node:fs');
    const log = readFileSync(kut.logFile, 'utf8');
    expect(log).toContain('birth-date-missing');
    for (const secret of ['1979-10-13', '1979-10-14', '1979', DEMO_PATIENT.policy, DEMO_PATIENT.surname]) expect(log).not.toContain(secret);
  });
});

describe('without it (the default)', () => {
  let kut: KioskUnderTest;
  let call: BridgeCall;
  beforeAll(async () => {
    kut = await startKioskUnderTest();
    call = bridgeCaller(kut.kiosk.port);
  });
  afterAll(async () => {
    await kut.kiosk.close();
  });

  test('the UI is told not to ask, and the number alone identifies; a stray birth date changes nothing', async () => {
    expect((await call('GET', '/api/kiosk')).json.value.identification).toEqual({ needsBirthDate: false });
    for (const body of [{ policyNumber: DEMO_PATIENT.policy }, { policyNumber: DEMO_PATIENT.policy, birthDate: '2000-01-01' }]) {
      const answer = await call('POST', '/api/sessions', { body });
      expect(answer.status).toBe(200);
      expect(answer.json.value.patient.displayName).toBe(DEMO_PATIENT.display);
      await call('DELETE', '/api/sessions/current?reason=home', { session: answer.json.value.sessionId });
    }
  });
});
