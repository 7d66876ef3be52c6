// Issue 18, item 2: the print journal is written with the booking, before the
// confirm is answered, so a crash right after "booked" still leaves the ticket
// on record; at the next start an entry the previous boot left `pending` says
// "not known whether it printed" (`unknown`), for service mode to reprint.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bridgeCaller, valueOf as value, serviceHeaders, type BridgeCall } from '../bridge-http';
import { DEMO_PATIENT, REPO_ROOT, startKioskUnderTest, TEST_SERVICE_PIN, type KioskUnderTest } from '../kiosk-harness';

const SMIRNOV = '4556140827015276';
const running: KioskUnderTest[] = [];

afterAll(async () => {
  for (const k of running) await k.kiosk.close();
});

/** Identify, hold the first free therapist time, confirm: no print. */
async function bookOnly(call: BridgeCall, policyNumber: string): Promise<{ session: string; appointmentId: string }> {
  const session = value('identify', await call('POST', '/api/sessions', { body: { policyNumber } })).sessionId as string;
  const slots = value('slots', await call('GET', '/api/specialties/therapist-district/slots', { session })) as Array<{ id: string }>;
  const hold = value('hold', await call('POST', '/api/holds', { session, body: { slotId: slots[0]!.id } }));
  const booked = value('book', await call('POST', '/api/bookings', { session, body: { holdId: hold.holdId, clientKey: randomUUID() } }));
  return { session, appointmentId: booked.appointmentId as string };
}

describe('print journal written with the booking', () => {
  it('records the ticket before the confirm is answered; a restart marks what stayed pending as unknown', async () => {
    const before = await startKioskUnderTest();
    running.push(before);
    const call = bridgeCaller(before.kiosk.port);

    const printedLater = await bookOnly(call, DEMO_PATIENT.policy);
    // On record as soon as "booked" was answered, not yet claimed as printed.
    expect(before.kiosk.journal.findByAppointment(printedLater.appointmentId)).toMatchObject({ outcome: 'pending', attempts: [] });
    const print = value('print', await call('POST', `/api/bookings/${encodeURIComponent(printedLater.appointmentId)}/print`, { session: printedLater.session }));
    expect(print).toEqual({ outcome: 'printed' });
    // The first print is a print, not a reprint, although the entry was there before it.
    expect(before.kiosk.journal.findByAppointment(printedLater.appointmentId)).toMatchObject({ outcome: 'printed', attempts: [{ kind: 'print', outcome: 'printed' }] });

    // The bridge goes down right after answering this confirm, before any print.
    const crashed = await bookOnly(call, SMIRNOV);
    expect(before.kiosk.journal.findByAppointment(crashed.appointmentId)?.outcome).toBe('pending');
    await before.kiosk.close();
    running.splice(running.indexOf(before), 1);

    const after = await startKioskUnderTest({
      scheduler: { adapter: 'embedded', database: before.dbPath, clinicFile: join(REPO_ROOT, 'config/demo-clinic.json') },
    });
    running.push(after);
    expect(after.kiosk.journal.findByAppointment(crashed.appointmentId)).toMatchObject({ outcome: 'unknown', attempts: [] });
    expect(after.kiosk.journal.findByAppointment(printedLater.appointmentId)?.outcome).toBe('printed');

    // Service mode lists it, and can reprint it.
    const afterCall = bridgeCaller(after.kiosk.port);
    const headers = await serviceHeaders(afterCall, TEST_SERVICE_PIN);
    const journal = value('journal', await afterCall('GET', '/api/service/journal', { headers })) as Array<{ id: number; appointmentId: string; outcome: string }>;
    const entry = journal.find((e) => e.appointmentId === crashed.appointmentId);
    expect(entry?.outcome).toBe('unknown');
    const reprint = value('reprint', await afterCall('POST', `/api/service/journal/${entry!.id}/reprint`, { headers }));
    expect(reprint.entry.outcome).toBe('printed');
  });
});
