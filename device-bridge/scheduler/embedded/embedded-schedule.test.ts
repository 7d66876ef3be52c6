// The embedded scheduler's schedule: seeding from the clinic file, the rolling
// window, and what it offers (only future, free, kiosk-share slots).
import { afterEach, describe, expect, it } from 'vitest';
import type { ClinicDefinition } from './clinic-definition';
import { DAY, IVANOVA, MINUTE, TWO_WEEKS, clinic, closeAll, freeSlots, patientId, raw, setup, value } from './test-support/embedded-fixture';

afterEach(closeAll);

describe('seeding the schedule', () => {
  it("lays out 14 days of every doctor's weekly hours on first start", () => {
    const { dbPath, openOne } = setup();
    const s = openOne();

    const days = raw<{ day: string }>(dbPath, `SELECT DISTINCT substr(start, 1, 10) AS day FROM slots ORDER BY day`).map((r) => r.day);
    // 23.11 (Mon) … 06.12 (Sun); nobody works on Sundays
    expect(days).toEqual([
      '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28',
      '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05',
    ]);

    // Петрова, therapist, Mon 08:00–14:00 by 15 minutes
    const petrovaMonday = raw<{ start: string; duration_minutes: number }>(
      dbPath,
      `SELECT start, duration_minutes FROM slots WHERE doctor_id = 'doc-01' AND start LIKE '2026-11-23T%' ORDER BY start`,
    );
    expect(petrovaMonday).toHaveLength(24);
    expect(petrovaMonday[0]).toEqual({ start: '2026-11-23T08:00', duration_minutes: 15 });
    expect(petrovaMonday.at(-1)?.start).toBe('2026-11-23T13:45');

    // Морозова works a short Saturday 09:00–13:00; the gynaecologist Белова a 30-minute grid on Saturday
    expect(raw(dbPath, `SELECT 1 FROM slots WHERE doctor_id = 'doc-03' AND start LIKE '2026-11-28T%'`)).toHaveLength(16);
    expect(raw(dbPath, `SELECT 1 FROM slots WHERE doctor_id = 'doc-12' AND start LIKE '2026-11-28T%'`)).toHaveLength(10);

    const total = raw<{ n: number }>(dbPath, 'SELECT count(*) AS n FROM slots')[0]?.n;
    expect(s.lastSeed).toMatchObject({ slotsAdded: total, from: '2026-11-23', through: '2026-12-06' });
  });

  it('does not duplicate slots on restart and keeps a rolling 14-day window', async () => {
    const { dbPath, clock, openOne } = setup();
    const first = openOne();
    const slot = (await freeSlots(first, 'surgeon'))[0]!;
    const hold = value(await first.holdSlot(slot.id, await patientId(first, IVANOVA), 300));
    value(await first.confirmHold(hold.id, 'key-1'));
    first.close();
    const before = raw<{ n: number }>(dbPath, 'SELECT count(*) AS n FROM slots')[0]!.n;

    const sameDay = openOne();
    expect(sameDay.lastSeed.slotsAdded).toBe(0);
    expect(raw<{ n: number }>(dbPath, 'SELECT count(*) AS n FROM slots')[0]!.n).toBe(before);
    sameDay.close();

    clock.ms += DAY; // Tuesday: the window now reaches Monday 07.12
    const nextDay = openOne();
    const added = raw<{ n: number }>(dbPath, `SELECT count(*) AS n FROM slots WHERE start LIKE '2026-12-07T%'`)[0]!.n;
    expect(added).toBeGreaterThan(0);
    expect(nextDay.lastSeed.slotsAdded).toBe(added);
    expect(raw<{ n: number }>(dbPath, 'SELECT count(*) AS n FROM slots')[0]!.n).toBe(before + added);
    // the booking made before the restart still stands and its slot is still not on offer
    expect(nextDay.countAppointments()).toBe(1);
    expect((await freeSlots(nextDay, 'surgeon', { from: slot.start, to: '2026-12-08T00:00' })).map((s) => s.id)).not.toContain(slot.id);
  });

  it('rolls the window forward while running across midnight', async () => {
    const { clock, openOne } = setup();
    const s = openOne();
    const monday7 = { from: '2026-12-07T00:00', to: '2026-12-08T00:00' };
    expect(await freeSlots(s, 'therapist-district', monday7)).toEqual([]);
    clock.ms += DAY;
    const slots = await freeSlots(s, 'therapist-district', monday7);
    expect(slots[0]?.start).toBe('2026-12-07T08:00');
  });
});


describe('what is on offer', () => {
  it('never offers a slot that has already started', async () => {
    const { clock, openOne } = setup();
    const s = openOne();
    const today = { from: '2026-11-23T00:00', to: '2026-11-24T00:00' };
    const slots = await freeSlots(s, 'therapist-district', today);
    expect(slots.every((x) => x.start > '2026-11-23T10:00')).toBe(true);
    expect(slots[0]?.start).toBe('2026-11-23T10:15');
    expect(slots.map((x) => x.start)).not.toContain('2026-11-23T10:00');

    clock.ms += 3 * 60 * MINUTE + 50 * MINUTE; // 13:50: the morning shift is over for patients
    const afternoon = await freeSlots(s, 'therapist-district', today);
    expect(afternoon[0]).toMatchObject({
      start: '2026-11-23T14:00',
      doctor: { fullName: 'Соловьёв Игорь Павлович', room: '215' },
      specialty: { code: 'therapist-district', name: 'Терапевт участковый' },
    });

    const past = await freeSlots(s, 'therapist-district', { from: '2026-11-23T08:00', to: '2026-11-23T09:00' });
    expect(past).toEqual([]);
    const pastSlotId = raw<{ id: number }>(s.dbPath, `SELECT id FROM slots WHERE doctor_id = 'doc-01' AND start = '2026-11-23T08:00'`)[0]!.id;
    expect(await s.holdSlot(String(pastSlotId), await patientId(s, IVANOVA), 300)).toEqual({ ok: false, error: { kind: 'slot-taken' } });
  });

  it('lists every specialty that has doctors, and its doctors with room and district', async () => {
    const { openOne } = setup();
    const s = openOne();
    const dir = value(await s.listDirectory());
    expect(dir.specialties.map((x) => x.code)).toEqual([
      'therapist-district', 'gp', 'pediatrician-district', 'pediatric-surgeon', 'surgeon', 'ophthalmologist',
      'otolaryngologist', 'phthisiatrician', 'obstetrician-gynecologist', 'dentist', 'pediatric-dentist',
    ]);
    expect(dir.doctors.find((d) => d.id === 'doc-01')).toEqual({
      id: 'doc-01', fullName: 'Петрова Анна Сергеевна', specialtyCode: 'therapist-district', room: '214', district: '1',
    });
    expect(dir.doctors.find((d) => d.id === 'doc-06')).toMatchObject({ specialtyCode: 'surgeon', district: null });
  });

  it('finds the nearest free time and counts free times per doctor and day', async () => {
    const { openOne } = setup();
    const s = openOne();
    expect(value(await s.firstFreeSlot({ specialtyCode: 'therapist-district', ...TWO_WEEKS }))).toBe('2026-11-23T10:15');
    // the phthisiatrician sees patients on Tuesdays and Thursdays only
    expect(value(await s.firstFreeSlot({ specialtyCode: 'phthisiatrician', ...TWO_WEEKS }))).toBe('2026-11-24T09:00');
    expect(value(await s.firstFreeSlot({ specialtyCode: 'phthisiatrician', from: '2026-11-23T00:00', to: '2026-11-24T00:00' }))).toBeNull();
    // only Петрова (district 1): Monday from 10:15 to 13:45 is 15 slots
    const counts = value(await s.countFreeSlots({ doctorIds: ['doc-01'], ...TWO_WEEKS }));
    expect(counts[0]).toEqual({ doctorId: 'doc-01', date: '2026-11-23', count: 15, first: '2026-11-23T10:15' });
    expect(counts.every((c) => c.doctorId === 'doc-01')).toBe(true);
    const total = counts.reduce((n, c) => n + c.count, 0);
    expect(total).toBe((await freeSlots(s, 'therapist-district')).filter((x) => x.doctor.id === 'doc-01').length);
    expect(value(await s.countFreeSlots({ doctorIds: [], ...TWO_WEEKS }))).toEqual([]);
  });
});

describe('the schedule from the clinic file', () => {
  it('offers the kiosk only its share of a doctor\'s slots, spread over the day', async () => {
    const { dbPath, openOne } = setup();
    const s = openOne();
    // Егоров, dentist, kioskShare 0.5: every second slot of his Tuesday 08:00–14:00 by 30 minutes
    const all = raw<{ start: string; kiosk: number }>(dbPath, `SELECT start, kiosk FROM slots WHERE doctor_id = 'doc-13' AND start LIKE '2026-11-24T%' ORDER BY start`);
    expect(all).toHaveLength(12);
    const offered = (await freeSlots(s, 'dentist', { from: '2026-11-24T00:00', to: '2026-11-25T00:00' })).filter((x) => x.doctor.id === 'doc-13');
    expect(offered.map((x) => x.start)).toEqual(all.filter((r) => r.kiosk === 1).map((r) => r.start));
    expect(offered.map((x) => x.start)).toEqual(['2026-11-24T08:30', '2026-11-24T09:30', '2026-11-24T10:30', '2026-11-24T11:30', '2026-11-24T12:30', '2026-11-24T13:30']);
    // a slot kept for the registry desk cannot be held from the kiosk either
    const desk = raw<{ id: number }>(dbPath, `SELECT id FROM slots WHERE doctor_id = 'doc-13' AND start = '2026-11-24T08:00'`)[0]!;
    expect(await s.holdSlot(String(desk.id), await patientId(s, IVANOVA), 300)).toEqual({ ok: false, error: { kind: 'slot-not-found' } });
  });

  it('keeps days off, vacations and changed hours out of the offer', async () => {
    const { clock, openOne } = setup(Date.parse('2026-12-10T07:00:00Z'));
    const s = openOne();
    // Зайцев (ophthalmologist) is on leave 14.12–27.12
    const zaitsev = (await freeSlots(s, 'ophthalmologist', { from: '2026-12-10T00:00', to: '2026-12-24T00:00' })).filter((x) => x.doctor.id === 'doc-09');
    expect(zaitsev.length).toBeGreaterThan(0);
    expect(zaitsev.every((x) => x.start < '2026-12-14')).toBe(true);
    clock.ms = Date.parse('2026-11-30T07:00:00Z');
    // Ковалёва (surgeon) works 08:00–11:00 instead of 08:00–14:00 on Friday 04.12
    const friday = (await freeSlots(s, 'surgeon', { from: '2026-12-04T00:00', to: '2026-12-05T00:00' })).filter((x) => x.doctor.id === 'doc-07');
    expect(friday.map((x) => x.start)).toEqual(['2026-12-04T08:00', '2026-12-04T08:20', '2026-12-04T08:40', '2026-12-04T09:00', '2026-12-04T09:20', '2026-12-04T09:40', '2026-12-04T10:00', '2026-12-04T10:20', '2026-12-04T10:40']);
  });

  it('closes the whole clinic on its closed days', async () => {
    const { dbPath, openOne } = setup(Date.parse('2026-12-28T07:00:00Z'));
    openOne();
    const days = raw<{ day: string }>(dbPath, `SELECT DISTINCT substr(start, 1, 10) AS day FROM slots ORDER BY day`).map((r) => r.day);
    expect(days).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2027-01-09']);
  });

  it('withdraws slots a changed schedule no longer has, but never a booked one', async () => {
    const { dbPath, openOne } = setup();
    const first = openOne();
    const booked = (await freeSlots(first, 'surgeon', { from: '2026-11-25T00:00', to: '2026-11-26T00:00' })).find((x) => x.doctor.id === 'doc-06')!;
    value(await first.confirmHold(value(await first.holdSlot(booked.id, await patientId(first, IVANOVA), 300)).id, 'k-1'));
    first.close();

    // Гусев takes Wednesday 25.11 off after the slots were laid out
    const changed: ClinicDefinition = {
      ...clinic,
      doctors: clinic.doctors.map((d) => (d.id === 'doc-06' ? { ...d, exceptions: [{ from: '2026-11-25', hours: [] }] } : d)),
    };
    const reopened = openOne({ clinic: changed });
    expect(reopened.lastSeed.slotsWithdrawn).toBe(18);
    const left = raw<{ id: number; kiosk: number }>(dbPath, `SELECT id, kiosk FROM slots WHERE doctor_id = 'doc-06' AND start LIKE '2026-11-25T%'`);
    expect(left).toEqual([{ id: Number(booked.id), kiosk: 0 }]);
    expect(reopened.countAppointments({ slotId: booked.id })).toBe(1);
    // cancelled, the withdrawn slot is not offered again
    const ivanova = await patientId(reopened, IVANOVA);
    const appointment = value(await reopened.listAppointments(ivanova, { from: '2026-11-23T10:00' }))[0]!;
    value(await reopened.cancelAppointment(appointment.id, ivanova));
    expect((await freeSlots(reopened, 'surgeon', { from: '2026-11-25T00:00', to: '2026-11-26T00:00' })).some((x) => x.doctor.id === 'doc-06')).toBe(false);
  });
});
