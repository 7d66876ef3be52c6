// POST /api/sessions with each kind of number a patient may type: the bridge
// validates the shape per kind (zod, a field error naming what the kind needs),
// finds the demo patients who have a temporary certificate or an old-style
// policy, and the session then works as with an ЕНП, down to the printed ticket.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bridgeCaller, type BridgeCall } from '../bridge-http';
import { startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;
let call: BridgeCall;

beforeAll(async () => {
  kut = await startKioskUnderTest();
  call = bridgeCaller(kut.kiosk.port);
});

afterAll(async () => {
  await kut.kiosk.close();
});

const identify = (policyNumber: string, policyKind?: string) =>
  call('POST', '/api/sessions', { body: { policyNumber, ...(policyKind ? { policyKind } : {}) } });

describe('the kind of number decides what the bridge accepts', () => {
  test.each([
    ['temporary', '570312840', 'Волкова О. И.', '2840'],
    ['old', 'ЯБ 5721436', 'Новиков С. П.', '1436'],
    ['old', 'ЯБ5721436', 'Новиков С. П.', '1436'],
    ['old', 'яб-5721436', 'Новиков С. П.', '1436'],
    ['enp', '6449020886006380', 'Иванова Т. А.', '6380'],
  ])('%s %s identifies the patient, masked', async (kind, number, displayName, policyLast4) => {
    const answer = await identify(number, kind);
    expect(answer.status).toBe(200);
    expect(answer.json.value.patient).toEqual({ displayName, birthYear: expect.any(Number), policyLast4 });
    await call('DELETE', '/api/sessions/current?reason=home', { session: answer.json.value.sessionId });
  });

  test.each([
    ['temporary', '57031284', /temporary certificate.*9 digits/],
    ['temporary', '5703128401', /temporary certificate.*9 digits/],
    ['temporary', '57031284А', /temporary certificate.*9 digits/],
    ['old', 'ЯБ 12', /old-style policy.*6 to 20/],
    ['old', 'ЯБВГДЕЖ', /at least one digit/],
    ['old', 'ЯБ №5721436', /series and number/],
    ['old', `ЯБ ${'1'.repeat(19)}`, /6 to 20/],
    ['enp', '570312840', /ЕНП: 16 digits/],
    ['enp', 'ЯБ 5721436', /ЕНП: 16 digits/],
  ])('%s %s is refused with a field error that says what the kind needs', async (kind, number, message) => {
    const answer = await identify(number, kind);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ kind: 'invalid-request', field: 'policyNumber', message: expect.stringMatching(message) });
  });

  test('an unknown kind is a field error too; without a kind the number is taken for an ЕНП (card, scanner, older UIs)', async () => {
    expect((await identify('570312840', 'snils')).json.error).toMatchObject({ kind: 'invalid-request', field: 'policyKind' });
    expect((await identify('570312840')).json.error).toMatchObject({ field: 'policyNumber', message: 'ЕНП: 16 digits' });
    const enp = await identify('6449020886006380');
    expect(enp.status).toBe(200);
    await call('DELETE', '/api/sessions/current?reason=home', { session: enp.json.value.sessionId });
  });

  test('a well-formed number that is not in the registry is "patient not found", whatever its kind', async () => {
    expect((await identify('570312841', 'temporary')).json.error).toEqual({ kind: 'patient-not-found' });
    expect((await identify('ЯБ 5721437', 'old')).json.error).toEqual({ kind: 'patient-not-found' });
  });
});

test('a session opened with a temporary certificate books and prints like any other', async () => {
  const expectOk = (what: string, answer: { status: number; json: any; text: string }) => {
    if (answer.status !== 200) throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
    return answer.json.value;
  };
  const { sessionId } = expectOk('identify', await identify('570312840', 'temporary'));
  const session = sessionId as string;
  // Волкова lives in district 2: her district therapist is Соловьёв.
  const slots = expectOk('slots', await call('GET', '/api/specialties/therapist-district/slots', { session })) as Array<{ id: string; doctor: { fullName: string } }>;
  expect(slots[0]?.doctor.fullName).toMatch(/^Соловьёв/);
  const hold = expectOk('hold', await call('POST', '/api/holds', { session, body: { slotId: slots[0]!.id } }));
  const booked = expectOk('book', await call('POST', '/api/bookings', { session, body: { holdId: hold.holdId, clientKey: randomUUID() } }));
  expect(expectOk('print', await call('POST', `/api/bookings/${encodeURIComponent(booked.appointmentId)}/print`, { session }))).toEqual({ outcome: 'printed' });
  expect(booked.ticket).toMatchObject({ patient: 'Волкова О. И.', policyLast4: '2840' });
  await call('DELETE', '/api/sessions/current?reason=done', { session });
});
