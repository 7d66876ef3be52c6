// The embedded scheduler's patients and bookings: find by policy, hold, confirm
// (idempotent on the client key), two bridges on one file, database trouble.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { IVANOVA, MONDAY_10_00, SMIRNOV, closeAll, freeSlots, patientId, setup, value } from './test-support/embedded-fixture';

afterEach(closeAll);

describe('finding a patient by policy', () => {
  it('finds the patient by ЕНП however it was typed', async () => {
    const { openOne } = setup();
    const s = openOne();
    const found = value(await s.findPatientByPolicy('6449 0208 8600 6380'));
    expect(found).toMatchObject({
      policyNumber: IVANOVA,
      surname: 'Иванова',
      givenName: 'Татьяна',
      patronymic: 'Алексеевна',
      birthDate: '1979-10-13',
      sex: 'female',
      attached: true,
      district: '1',
    });
    expect(typeof found.id).toBe('string');
  });

  it('says patient-not-found for an unknown policy', async () => {
    const { openOne } = setup();
    const s = openOne();
    expect(await s.findPatientByPolicy('4556140827015284')).toEqual({ ok: false, error: { kind: 'patient-not-found' } });
    expect(await s.findPatientByPolicy('')).toEqual({ ok: false, error: { kind: 'patient-not-found' } });
    expect(await s.holdSlot('1', '999999', 300)).toEqual({ ok: false, error: { kind: 'patient-not-found' } });
  });
});

describe('booking: hold, then confirm', () => {
  it('books the slot: it disappears from the offer and the ticket gets a short number', async () => {
    const { openOne } = setup();
    const s = openOne();
    const patient = await patientId(s, IVANOVA);
    const slot = (await freeSlots(s, 'ophthalmologist'))[0]!;

    const hold = value(await s.holdSlot(slot.id, patient, 300));
    expect(hold.slot).toEqual(slot);
    expect(Date.parse(hold.expiresAt)).toBe(MONDAY_10_00 + 300_000);
    // already held: nobody else is offered it
    expect((await freeSlots(s, 'ophthalmologist')).map((x) => x.id)).not.toContain(slot.id);

    const appointment = value(await s.confirmHold(hold.id, 'kiosk-1:session-1'));
    expect(appointment).toMatchObject({ slot, patientId: patient });
    expect(appointment.number).toMatch(/^З-2611-\d{4}$/);
    expect((await freeSlots(s, 'ophthalmologist')).map((x) => x.id)).not.toContain(slot.id);
    expect(s.countAppointments({ slotId: slot.id })).toBe(1);

    const second = value(await s.holdSlot((await freeSlots(s, 'dentist'))[0]!.id, patient, 300));
    const next = value(await s.confirmHold(second.id, 'kiosk-1:session-2'));
    expect(next.number).not.toBe(appointment.number);
    expect(Number(next.number.slice(-4))).toBe(Number(appointment.number.slice(-4)) + 1);
  });

  it('gives the second patient slot-taken when two hold the same slot', async () => {
    const { openOne } = setup();
    const s = openOne();
    const slot = (await freeSlots(s, 'surgeon'))[0]!;
    const first = value(await s.holdSlot(slot.id, await patientId(s, IVANOVA), 300));
    const smirnov = await patientId(s, SMIRNOV);
    expect(await s.holdSlot(slot.id, smirnov, 300)).toEqual({ ok: false, error: { kind: 'slot-taken' } });

    // the first patient changes their mind: the slot is free again
    value(await s.releaseHold(first.id));
    expect((await freeSlots(s, 'surgeon'))[0]?.id).toBe(slot.id);
    expect((await s.holdSlot(slot.id, smirnov, 300)).ok).toBe(true);
  });

  it('lets a patient who picks another time hold only the new slot', async () => {
    const { openOne } = setup();
    const s = openOne();
    const patient = await patientId(s, IVANOVA);
    const [a, b] = await freeSlots(s, 'dentist');
    const holdA = value(await s.holdSlot(a!.id, patient, 300));
    value(await s.holdSlot(b!.id, patient, 300));

    const offered = (await freeSlots(s, 'dentist')).map((x) => x.id);
    expect(offered).toContain(a!.id);
    expect(offered).not.toContain(b!.id);
    expect(await s.confirmHold(holdA.id, 'stale')).toEqual({ ok: false, error: { kind: 'hold-not-found' } });
  });

  it('refuses to confirm an expired hold and puts the slot back on offer', async () => {
    const { clock, openOne } = setup();
    const s = openOne();
    const slot = (await freeSlots(s, 'otolaryngologist'))[0]!;
    const hold = value(await s.holdSlot(slot.id, await patientId(s, IVANOVA), 120));

    clock.ms += 121_000;
    expect(await s.confirmHold(hold.id, 'late')).toEqual({ ok: false, error: { kind: 'hold-expired' } });
    expect(s.countAppointments()).toBe(0);
    expect((await freeSlots(s, 'otolaryngologist'))[0]?.id).toBe(slot.id);
    // and someone else may now take it
    expect((await s.holdSlot(slot.id, await patientId(s, SMIRNOV), 120)).ok).toBe(true);
  });

  it('returns the same appointment when a confirm is retried with the same key', async () => {
    const { openOne } = setup();
    const s = openOne();
    const slot = (await freeSlots(s, 'gp'))[0]!;
    const hold = value(await s.holdSlot(slot.id, await patientId(s, IVANOVA), 300));

    const first = value(await s.confirmHold(hold.id, 'retry-key'));
    const again = value(await s.confirmHold(hold.id, 'retry-key'));
    expect(again).toEqual(first);
    expect(s.countAppointments({ slotId: slot.id })).toBe(1);
    expect(s.countAppointments()).toBe(1);

    // a different key for a hold already turned into an appointment books nothing new
    expect(await s.confirmHold(hold.id, 'other-key')).toEqual({ ok: false, error: { kind: 'hold-not-found' } });
    expect(s.countAppointments()).toBe(1);
  });

  it('answers a key reused for a different hold with client-key-reused, not with that other booking', async () => {
    const { openOne } = setup();
    const s = openOne();
    const patient = await patientId(s, IVANOVA);
    const [a, b] = await freeSlots(s, 'gp');
    value(await s.confirmHold(value(await s.holdSlot(a!.id, patient, 300)).id, 'session-key'));
    const holdB = value(await s.holdSlot(b!.id, patient, 300));
    expect(await s.confirmHold(holdB.id, 'session-key')).toEqual({ ok: false, error: { kind: 'client-key-reused' } });
    expect(s.countAppointments()).toBe(1);
    // The key still finds its own booking, with the hold it confirmed (a replay after a restart).
    const keyed = value(await s.bookingByClientKey('session-key'));
    expect(keyed?.appointment.slot.id).toBe(a!.id);
    expect(value(await s.bookingByClientKey('never-used'))).toBeNull();
  });

  it('says slot-not-found and hold-not-found for ids it never issued', async () => {
    const { openOne } = setup();
    const s = openOne();
    const patient = await patientId(s, IVANOVA);
    expect(await s.holdSlot('99999999', patient, 300)).toEqual({ ok: false, error: { kind: 'slot-not-found' } });
    expect(await s.holdSlot('not-a-slot', patient, 300)).toEqual({ ok: false, error: { kind: 'slot-not-found' } });
    expect(await s.confirmHold('no-such-hold', 'k')).toEqual({ ok: false, error: { kind: 'hold-not-found' } });
    expect(await s.releaseHold('no-such-hold')).toEqual({ ok: true, value: undefined });
  });
});

describe('two bridges on one database file', () => {
  it('never lets the second bridge hold or book a slot the first one holds', async () => {
    const { openOne } = setup();
    const left = openOne();
    const right = openOne();
    const slot = (await freeSlots(left, 'surgeon'))[0]!;

    const hold = value(await left.holdSlot(slot.id, await patientId(left, IVANOVA), 300));
    expect((await freeSlots(right, 'surgeon')).map((x) => x.id)).not.toContain(slot.id);
    expect(await right.holdSlot(slot.id, await patientId(right, SMIRNOV), 300)).toEqual({ ok: false, error: { kind: 'slot-taken' } });

    const [a, b] = await Promise.all([left.confirmHold(hold.id, 'left-1'), right.confirmHold(hold.id, 'right-1')]);
    // whichever ran second found the hold already turned into an appointment
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect(left.countAppointments({ slotId: slot.id })).toBe(1);
    expect(await right.holdSlot(slot.id, await patientId(right, SMIRNOV), 300)).toEqual({ ok: false, error: { kind: 'slot-taken' } });
  });
});

describe('database trouble', () => {
  it('answers unavailable (not a crash) while another process keeps the database locked', async () => {
    const { dbPath, openOne } = setup();
    const s = openOne({ busyTimeoutMs: 50 });
    const patient = await patientId(s, IVANOVA);
    const slot = (await freeSlots(s, 'surgeon'))[0]!;

    const other = new Database(dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      const held = await s.holdSlot(slot.id, patient, 300);
      expect(held.ok).toBe(false);
      if (!held.ok) expect(held.error).toMatchObject({ kind: 'unavailable', cause: expect.stringMatching(/SQLITE_BUSY/) });
      // reading still works in WAL mode: the kiosk can keep showing the schedule
      expect((await freeSlots(s, 'surgeon'))[0]?.id).toBe(slot.id);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await s.holdSlot(slot.id, patient, 300)).ok).toBe(true);
  });

  it('reports ready, and unavailable once closed', async () => {
    const { openOne } = setup();
    const s = openOne();
    expect(await s.status()).toEqual({ state: 'ready', adapter: 'embedded-sqlite' });
    s.close();
    expect(await s.status()).toMatchObject({ state: 'unavailable' });
    expect(await s.findPatientByPolicy(IVANOVA)).toEqual({ ok: false, error: { kind: 'unavailable', cause: 'closed' } });
  });

  it('refuses to open a database it cannot create, saying where', () => {
    const { openOne } = setup();
    expect(() => openOne({ dbPath: join(tmpdir(), 'no-such-dir-for-kiosk', 'x', 'scheduler.db') })).toThrow(/cannot open the embedded scheduler/);
  });
});
