// Issue 18, item 1: a retried confirm is idempotent across everything. The
// same clientKey from another patient or for another hold is a typed 409
// (`client-key-reused`), not a 500; and after the bridge restarts, the same
// patient replaying a confirm answered just before gets the original booking.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bridgeCaller, valueOf as value, type BridgeCall } from '../bridge-http';
import { appointmentsInDatabase, DEMO_PATIENT, REPO_ROOT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

const SMIRNOV = '4556140827015276';
const running: KioskUnderTest[] = [];

afterAll(async () => {
  for (const k of running) await k.kiosk.close();
});

async function start(dbPath?: string): Promise<{ kut: KioskUnderTest; call: BridgeCall }> {
  const kut = await startKioskUnderTest(
    dbPath ? { scheduler: { adapter: 'embedded', database: dbPath, clinicFile: join(REPO_ROOT, 'config/demo-clinic.json') } } : {},
  );
  running.push(kut);
  return { kut, call: bridgeCaller(kut.kiosk.port) };
}

async function holdFirst(call: BridgeCall, policyNumber: string, specialty = 'therapist-district'): Promise<{ session: string; holdId: string }> {
  const session = value('identify', await call('POST', '/api/sessions', { body: { policyNumber } })).sessionId as string;
  const slots = value('slots', await call('GET', `/api/specialties/${specialty}/slots`, { session })) as Array<{ id: string }>;
  const hold = value('hold', await call('POST', '/api/holds', { session, body: { slotId: slots[0]!.id } }));
  return { session, holdId: hold.holdId as string };
}

describe('idempotent confirm', () => {
  it('answers a clientKey reused by another patient or for another hold with 409 client-key-reused', async () => {
    const { call } = await start();
    const key = randomUUID();
    const first = await holdFirst(call, DEMO_PATIENT.policy);
    value('book', await call('POST', '/api/bookings', { session: first.session, body: { holdId: first.holdId, clientKey: key } }));

    const other = await holdFirst(call, SMIRNOV);
    const reused = await call('POST', '/api/bookings', { session: other.session, body: { holdId: other.holdId, clientKey: key } });
    expect(reused.status).toBe(409);
    expect(reused.json).toEqual({ ok: false, error: { kind: 'client-key-reused' } });

    const again = await holdFirst(call, DEMO_PATIENT.policy, 'ophthalmologist');
    const sameKeyOtherHold = await call('POST', '/api/bookings', { session: again.session, body: { holdId: again.holdId, clientKey: key } });
    expect(sameKeyOtherHold.status).toBe(409);
    expect(sameKeyOtherHold.json.error.kind).toBe('client-key-reused');
  });

  it('gives the same patient the original booking when a confirm is replayed after a restart', async () => {
    const before = await start();
    const key = randomUUID();
    const held = await holdFirst(before.call, DEMO_PATIENT.policy);
    const booked = value('book', await before.call('POST', '/api/bookings', { session: held.session, body: { holdId: held.holdId, clientKey: key } }));
    await before.kut.kiosk.close();
    running.splice(running.indexOf(before.kut), 1);

    const after = await start(before.kut.dbPath);
    // The old session died with the bridge: that is what the UI hears first, and it identifies again.
    const stale = await after.call('POST', '/api/bookings', { session: held.session, body: { holdId: held.holdId, clientKey: key } });
    expect(stale.status).toBe(401);
    expect(stale.json.error.kind).toBe('session-expired');

    const session = value('identify', await after.call('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } })).sessionId as string;
    const replay = await after.call('POST', '/api/bookings', { session, body: { holdId: held.holdId, clientKey: key } });
    expect(replay.status).toBe(200);
    expect(replay.json.value).toMatchObject({ appointmentId: booked.appointmentId, bookingNumber: booked.bookingNumber, slot: booked.slot });
    expect(appointmentsInDatabase(before.kut.dbPath)).toBe(1);
    // The replayed booking's ticket can be printed in the new session.
    const printed = await after.call('POST', `/api/bookings/${encodeURIComponent(booked.appointmentId)}/print`, { session });
    expect(printed.status).toBe(200);

    // Another patient with that key still hears 409, and a key never used is not a booking.
    const smirnov = value('identify', await after.call('POST', '/api/sessions', { body: { policyNumber: SMIRNOV } })).sessionId as string;
    expect((await after.call('POST', '/api/bookings', { session: smirnov, body: { holdId: held.holdId, clientKey: key } })).status).toBe(409);
    const unknown = await after.call('POST', '/api/bookings', { session, body: { holdId: held.holdId, clientKey: randomUUID() } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.kind).toBe('hold-not-found');
  });
});
