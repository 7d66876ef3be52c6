// A regional hub that identifies by policy and birth date, through the whole
// bridge as a clinic runs it: the HTTP API, reading ahead (on by default for
// n3), the booking service and the n3 adapter, against the HubService emulator
// on loopback. The birth date typed on the kiosk must reach the hub, and the
// patient then books as anywhere else.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeCaller } from '../bridge-http';
import { startKioskOnHub, type KioskOnHub } from '../n3-kiosk';

const IVANOVA = '6449020886006380';

let onHub: KioskOnHub;
const call = (method: string, path: string, body?: unknown, session?: string) =>
  bridgeCaller(onHub.kiosk.port)(method, path, { ...(body === undefined ? {} : { body }), ...(session === undefined ? {} : { session }) });

beforeAll(async () => {
  onHub = await startKioskOnHub({ guid: 'n3-birth-date-bridge-guid', patientMatch: 'policy+birthDate', hub: { requireBirthDate: true } });
});

afterAll(async () => {
  await onHub?.close();
});

describe('a hub that identifies by policy and birth date, through the bridge', () => {
  it('tells the UI to ask for the birth date, takes the right one, refuses a wrong one, and books', async () => {
    const info = await call('GET', '/api/kiosk');
    expect(info.json.value.identification).toMatchObject({ needsBirthDate: true });

    expect((await call('POST', '/api/sessions', { policyNumber: IVANOVA })).json).toMatchObject({ ok: false, error: { kind: 'invalid-request', field: 'birthDate' } });
    expect((await call('POST', '/api/sessions', { policyNumber: IVANOVA, birthDate: '1979-10-14' })).json).toMatchObject({ ok: false, error: { kind: 'patient-not-found' } });
    const started = await call('POST', '/api/sessions', { policyNumber: IVANOVA, birthDate: '1979-10-13' });
    expect(started.status).toBe(200);
    const sid = started.json.value.sessionId as string;

    const slots = (await call('GET', '/api/specialties/ophthalmologist/slots', undefined, sid)).json.value;
    const hold = await call('POST', '/api/holds', { slotId: slots[0].id }, sid);
    const booked = await call('POST', '/api/bookings', { holdId: hold.json.value.holdId, clientKey: randomUUID() }, sid);
    expect(booked.status).toBe(200);
    expect(booked.json.value.bookingNumber).toMatch(/^Н-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });
});
