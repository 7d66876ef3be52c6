import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../contract/result';
import type { Slot } from '../scheduler-port';
import { DEMO_CLINIC_PATH, loadClinicDefinition, type ClinicDefinition } from './clinic-definition';
import { openEmbeddedScheduler, type EmbeddedScheduler, type EmbeddedSchedulerOptions } from './embedded-scheduler';

const loaded = loadClinicDefinition(DEMO_CLINIC_PATH);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
const clinic: ClinicDefinition = loaded.value;

/** Monday 23.11.2026, 10:00 in Moscow. */
const MONDAY_10_00 = Date.parse('2026-11-23T07:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const TWO_WEEKS = { from: '2026-11-23T00:00', to: '2026-12-07T00:00' };

const IVANOVA = '6449020886006380';
const SMIRNOV = '4556140827015276';

const dirs: string[] = [];
const open: EmbeddedScheduler[] = [];

afterEach(() => {
  for (const s of open.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A database file in a fresh temp dir and a clock the test can move. */
function setup(start = MONDAY_10_00) {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-scheduler-'));
  dirs.push(dir);
  const clock = { ms: start };
  const dbPath = join(dir, 'scheduler.db');
  const openOne = (extra: Partial<EmbeddedSchedulerOptions> = {}): EmbeddedScheduler => {
    const s = openEmbeddedScheduler({ dbPath, clinic, now: () => new Date(clock.ms), ...extra });
    open.push(s);
    return s;
  };
  return { dbPath, clock, openOne };
}

function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

async function patientId(s: EmbeddedScheduler, policy: string): Promise<string> {
  return value(await s.findPatientByPolicy(policy)).id;
}

async function freeSlots(s: EmbeddedScheduler, specialtyCode: string, window = TWO_WEEKS): Promise<Slot[]> {
  return value(await s.listFreeSlots({ specialtyCode, ...window }));
}

function raw<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

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
    expect(appointment.number).toMatch(/^A-2611-\d{4}$/);
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

  it('treats a key reused for a different hold as a bug, not as that other booking', async () => {
    const { openOne } = setup();
    const s = openOne();
    const patient = await patientId(s, IVANOVA);
    const [a, b] = await freeSlots(s, 'gp');
    value(await s.confirmHold(value(await s.holdSlot(a!.id, patient, 300)).id, 'session-key'));
    const holdB = value(await s.holdSlot(b!.id, patient, 300));
    await expect(s.confirmHold(holdB.id, 'session-key')).rejects.toThrow(/different hold/);
    expect(s.countAppointments()).toBe(1);
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
