// The scheduler port's contract, as one test suite every adapter must pass
// (tests/integration/scheduler-contract.test.ts runs it against the embedded
// SQLite scheduler and against the FHIR adapter talking to a real FHIR server
// on loopback). It speaks only the port: ids are whatever the backend issues.
//
// The clinic is the demo clinic (config/demo-clinic.json) plus one patient
// attached elsewhere; the clock stands at Monday 23.11.2026, 10:00 in Moscow.
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../contract/result';
import type { ClinicDefinition } from '../embedded/clinic-definition';
import type { Doctor, Scheduler, Slot } from '../scheduler-port';

export const CONTRACT_NOW = Date.parse('2026-11-23T07:00:00Z');
export const IVANOVA = '6449020886006380';
export const SMIRNOV = '4556140827015276';
/** The demo clinic's temporary certificate (Волкова) and old-style policy (Новиков), as the registry writes them. */
export const TEMPORARY_CERTIFICATE = '570312840';
export const OLD_STYLE = 'ЯБ 5721436';
/** Valid ЕНП, in the registry but attached to another clinic. */
export const ELSEWHERE = '1234567890123452';
const TWO_WEEKS = { from: '2026-11-23T00:00', to: '2026-12-07T00:00' };

/** The demo clinic plus a patient attached to another clinic. */
export function contractClinic(demo: ClinicDefinition): ClinicDefinition {
  return {
    ...demo,
    patients: [
      ...demo.patients,
      { policyNumber: ELSEWHERE, surname: 'Орлов', givenName: 'Пётр', patronymic: 'Ильич', birthDate: '1980-01-01', sex: 'male', attached: false },
    ],
  };
}

export interface ContractBackend {
  readonly scheduler: Scheduler;
  /** The instant every scheduler of this backend reads as "now"; tests move it. */
  readonly clock: { ms: number };
  /** Another kiosk on the same backend. */
  another(): Scheduler;
  /** Booked appointments of a slot, read from the backend itself, not through the adapter. */
  countBooked(slotId: string): Promise<number>;
  /** The backend keeps patients' phones (embedded, FHIR); an N3 hub gives none for a policy search. */
  readonly readsPhones: boolean;
  close(): Promise<void>;
}

function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

export function schedulerContract(name: string, open: () => Promise<ContractBackend>): void {
  describe(`scheduler contract: ${name}`, () => {
    const opened: ContractBackend[] = [];
    afterEach(async () => {
      for (const b of opened.splice(0)) await b.close();
    });
    async function backend(): Promise<ContractBackend> {
      const b = await open();
      opened.push(b);
      return b;
    }
    const patientId = async (s: Scheduler, policy: string) => value(await s.findPatientByPolicy(policy)).id;
    const doctorNamed = async (s: Scheduler, fullName: string): Promise<Doctor> => {
      const d = value(await s.listDirectory()).doctors.find((x) => x.fullName === fullName);
      if (!d) throw new Error(`no doctor ${fullName}`);
      return d;
    };
    const slotsOf = async (s: Scheduler, specialtyCode: string, window = TWO_WEEKS): Promise<Slot[]> =>
      value(await s.listFreeSlots({ specialtyCode, ...window }));

    it('finds a patient by ЕНП with attachment and district, and says when there is none', async () => {
      const { scheduler } = await backend();
      expect(value(await scheduler.findPatientByPolicy('6449 0208 8600 6380'))).toMatchObject({
        policyNumber: IVANOVA,
        surname: 'Иванова',
        givenName: 'Татьяна',
        patronymic: 'Алексеевна',
        birthDate: '1979-10-13',
        sex: 'female',
        attached: true,
        district: '1',
      });
      expect(value(await scheduler.findPatientByPolicy(ELSEWHERE))).toMatchObject({ surname: 'Орлов', attached: false, district: null });
      expect(await scheduler.findPatientByPolicy('4556140827015284')).toEqual({ ok: false, error: { kind: 'patient-not-found' } });
    });

    it('reads the phone the registry calls back on (+7 and 10 digits), null for a record without one, absent where the backend gives none', async () => {
      const b = await backend();
      const ivanova = value(await b.scheduler.findPatientByPolicy(IVANOVA));
      const volkova = value(await b.scheduler.findPatientByPolicy(TEMPORARY_CERTIFICATE));
      if (b.readsPhones) {
        expect(ivanova.phone).toBe('+79161234567');
        expect(volkova.phone).toBeNull();
      } else {
        expect([ivanova.phone, volkova.phone]).toEqual([undefined, undefined]);
      }
    });

    it('finds a patient by a temporary certificate, and by an old-style series and number however it is spaced', async () => {
      const { scheduler } = await backend();
      expect(value(await scheduler.findPatientByPolicy(TEMPORARY_CERTIFICATE))).toMatchObject({ surname: 'Волкова', attached: true, district: '2' });
      // The registry has «ЯБ 5721436»; a patient may type it without the space, or in lower case.
      for (const typed of [OLD_STYLE, 'ЯБ5721436', 'яб 5721436']) {
        expect(value(await scheduler.findPatientByPolicy(typed)), typed).toMatchObject({ surname: 'Новиков', district: '3' });
      }
      expect(await scheduler.findPatientByPolicy('570312841')).toEqual({ ok: false, error: { kind: 'patient-not-found' } });
      expect(await scheduler.findPatientByPolicy('ЯБ 5721437')).toEqual({ ok: false, error: { kind: 'patient-not-found' } });
    });

    it('checks a birth date when one is given: another date answers patient-not-found, like an unknown number', async () => {
      const { scheduler } = await backend();
      expect(value(await scheduler.findPatientByPolicy(IVANOVA, '1979-10-13'))).toMatchObject({ surname: 'Иванова', birthDate: '1979-10-13' });
      expect(await scheduler.findPatientByPolicy(IVANOVA, '1979-10-14')).toEqual({ ok: false, error: { kind: 'patient-not-found' } });
      expect(value(await scheduler.findPatientByPolicy(OLD_STYLE, '1951-01-08'))).toMatchObject({ surname: 'Новиков' });
    });

    it('lists the specialties that have doctors, and the doctors with rooms and districts', async () => {
      const { scheduler } = await backend();
      const dir = value(await scheduler.listDirectory());
      expect(dir.specialties.map((s) => s.code).sort()).toEqual(
        ['dentist', 'gp', 'obstetrician-gynecologist', 'ophthalmologist', 'otolaryngologist', 'pediatric-dentist', 'pediatric-surgeon',
          'pediatrician-district', 'phthisiatrician', 'surgeon', 'therapist-district'],
      );
      expect(dir.specialties.find((s) => s.code === 'surgeon')?.name).toBe('Хирург');
      expect(dir.doctors).toHaveLength(17);
      expect(dir.doctors.find((d) => d.fullName === 'Петрова Анна Сергеевна')).toMatchObject({ specialtyCode: 'therapist-district', room: '214', district: '1' });
      expect(dir.doctors.find((d) => d.fullName === 'Гусев Павел Александрович')).toMatchObject({ specialtyCode: 'surgeon', room: '302', district: null });
    });

    it('offers only future free times, earliest first, by specialty or by doctor', async () => {
      const { scheduler } = await backend();
      const therapists = await slotsOf(scheduler, 'therapist-district');
      // Морозова and Петрова both start at 08:00: at 10:00 the next free time is 10:15 with each, in name order
      expect(therapists.slice(0, 2)).toMatchObject([
        { start: '2026-11-23T10:15', durationMinutes: 15, doctor: { fullName: 'Морозова Елена Викторовна', room: '216' } },
        {
          start: '2026-11-23T10:15',
          durationMinutes: 15,
          doctor: { fullName: 'Петрова Анна Сергеевна', room: '214' },
          specialty: { code: 'therapist-district', name: 'Терапевт участковый' },
        },
      ]);
      expect(therapists.every((s) => s.start > '2026-11-23T10:00')).toBe(true);
      expect(therapists.map((s) => s.start)).toEqual([...therapists.map((s) => s.start)].sort());

      const petrova = await doctorNamed(scheduler, 'Петрова Анна Сергеевна');
      const hers = value(await scheduler.listFreeSlots({ doctorIds: [petrova.id], ...TWO_WEEKS }));
      expect(hers.length).toBeGreaterThan(0);
      expect(hers.every((s) => s.doctor.id === petrova.id)).toBe(true);
      expect(hers).toEqual(therapists.filter((s) => s.doctor.id === petrova.id));
      expect(value(await scheduler.listFreeSlots({ doctorIds: [], ...TWO_WEEKS }))).toEqual([]);
    });

    it('counts free times per doctor and day as the listing shows them, and names the nearest', async () => {
      const { scheduler } = await backend();
      const surgeons = await slotsOf(scheduler, 'surgeon');
      const counts = value(await scheduler.countFreeSlots({ specialtyCode: 'surgeon', ...TWO_WEEKS }));
      expect(counts.reduce((n, c) => n + c.count, 0)).toBe(surgeons.length);
      const monday = counts.filter((c) => c.date === '2026-11-23');
      expect(monday.reduce((n, c) => n + c.count, 0)).toBe(surgeons.filter((s) => s.start.startsWith('2026-11-23')).length);
      for (const c of counts) expect(c.first).toBe(surgeons.find((s) => s.doctor.id === c.doctorId && s.start.startsWith(c.date))?.start);

      expect(value(await scheduler.firstFreeSlot({ specialtyCode: 'surgeon', ...TWO_WEEKS }))).toBe(surgeons[0]?.start);
      // the phthisiatrician sees patients on Tuesdays and Thursdays only
      expect(value(await scheduler.firstFreeSlot({ specialtyCode: 'phthisiatrician', ...TWO_WEEKS }))).toBe('2026-11-24T09:00');
      expect(value(await scheduler.firstFreeSlot({ specialtyCode: 'phthisiatrician', from: '2026-11-23T00:00', to: '2026-11-24T00:00' }))).toBeNull();
    });

    it('offers the kiosk only its share of a doctor\'s times', async () => {
      const { scheduler } = await backend();
      // Егоров, dentist, opens half of his Tuesday to the kiosk
      const tuesday = (await slotsOf(scheduler, 'dentist', { from: '2026-11-24T00:00', to: '2026-11-25T00:00' })).filter(
        (s) => s.doctor.fullName === 'Егоров Сергей Владимирович',
      );
      expect(tuesday.map((s) => s.start)).toEqual(['2026-11-24T08:30', '2026-11-24T09:30', '2026-11-24T10:30', '2026-11-24T11:30', '2026-11-24T12:30', '2026-11-24T13:30']);
    });

    it('holds a slot for one patient: nobody else is offered it or can hold it, until it is released', async () => {
      const b = await backend();
      const other = b.another();
      const slot = (await slotsOf(b.scheduler, 'surgeon'))[0]!;
      const hold = value(await b.scheduler.holdSlot(slot.id, await patientId(b.scheduler, IVANOVA), 300));
      expect(hold.slot).toEqual(slot);
      expect(Date.parse(hold.expiresAt)).toBe(b.clock.ms + 300_000);
      expect((await slotsOf(b.scheduler, 'surgeon')).map((s) => s.id)).not.toContain(slot.id);
      expect((await slotsOf(other, 'surgeon')).map((s) => s.id)).not.toContain(slot.id);
      expect(await other.holdSlot(slot.id, await patientId(other, SMIRNOV), 300)).toEqual({ ok: false, error: { kind: 'slot-taken' } });

      value(await b.scheduler.releaseHold(hold.id));
      expect((await slotsOf(other, 'surgeon'))[0]?.id).toBe(slot.id);
      expect((await other.holdSlot(slot.id, await patientId(other, SMIRNOV), 300)).ok).toBe(true);
      // releasing twice is fine
      expect(await b.scheduler.releaseHold(hold.id)).toEqual({ ok: true, value: undefined });
    });

    it('books a held slot once: the retry with the same key returns the same appointment', async () => {
      const b = await backend();
      const patient = await patientId(b.scheduler, IVANOVA);
      const slot = (await slotsOf(b.scheduler, 'ophthalmologist'))[0]!;
      const hold = value(await b.scheduler.holdSlot(slot.id, patient, 300));
      const booked = value(await b.scheduler.confirmHold(hold.id, 'kiosk-1:review-1'));
      expect(booked).toMatchObject({ slot, patientId: patient, status: 'booked' });
      // a Cyrillic prefix: the registry types it on a Russian keyboard
      expect(booked.number).toMatch(/^[А-ЯЁ]-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

      const again = value(await b.scheduler.confirmHold(hold.id, 'kiosk-1:review-1'));
      expect(again).toEqual(booked);
      expect(await b.countBooked(slot.id)).toBe(1);
      expect((await slotsOf(b.scheduler, 'ophthalmologist')).map((s) => s.id)).not.toContain(slot.id);
      expect(await b.another().holdSlot(slot.id, await patientId(b.scheduler, SMIRNOV), 300)).toEqual({ ok: false, error: { kind: 'slot-taken' } });
      // a different key for the same, already booked hold books nothing new
      expect(await b.scheduler.confirmHold(hold.id, 'kiosk-1:review-2')).toEqual({ ok: false, error: { kind: 'hold-not-found' } });
      expect(await b.countBooked(slot.id)).toBe(1);
    });

    it('answers a key reused for a different hold with client-key-reused, not with that other booking', async () => {
      const b = await backend();
      const patient = await patientId(b.scheduler, IVANOVA);
      const [x, y] = await slotsOf(b.scheduler, 'gp');
      const holdX = value(await b.scheduler.holdSlot(x!.id, patient, 300));
      const booked = value(await b.scheduler.confirmHold(holdX.id, 'session-key'));
      const holdY = value(await b.scheduler.holdSlot(y!.id, patient, 300));
      expect(await b.scheduler.confirmHold(holdY.id, 'session-key')).toEqual({ ok: false, error: { kind: 'client-key-reused' } });
      expect(await b.countBooked(y!.id)).toBe(0);
      // The key finds its booking and the hold it confirmed (a replay after a restart), on any backend.
      expect(value(await b.scheduler.bookingByClientKey('session-key'))).toEqual({ appointment: booked, holdId: holdX.id });
      expect(value(await b.scheduler.bookingByClientKey('never-used'))).toBeNull();
    });

    it('refuses an expired hold and puts its slot back on offer', async () => {
      const b = await backend();
      const slot = (await slotsOf(b.scheduler, 'otolaryngologist'))[0]!;
      const hold = value(await b.scheduler.holdSlot(slot.id, await patientId(b.scheduler, IVANOVA), 120));
      b.clock.ms += 121_000;
      expect(await b.scheduler.confirmHold(hold.id, 'late-key')).toEqual({ ok: false, error: { kind: 'hold-expired' } });
      expect(await b.countBooked(slot.id)).toBe(0);
      expect((await slotsOf(b.scheduler, 'otolaryngologist'))[0]?.id).toBe(slot.id);
      const other = b.another();
      const taken = value(await other.holdSlot(slot.id, await patientId(other, SMIRNOV), 120));
      expect(value(await other.confirmHold(taken.id, 'smirnov-key')).status).toBe('booked');
      // the first patient's late confirm still books nothing
      expect((await b.scheduler.confirmHold(hold.id, 'late-key')).ok).toBe(false);
      expect(await b.countBooked(slot.id)).toBe(1);
    });

    it('says slot-not-found and hold-not-found for ids it never issued', async () => {
      const { scheduler } = await backend();
      const patient = await patientId(scheduler, IVANOVA);
      expect(await scheduler.holdSlot('99999999', patient, 300)).toEqual({ ok: false, error: { kind: 'slot-not-found' } });
      expect(await scheduler.holdSlot('not a slot', patient, 300)).toEqual({ ok: false, error: { kind: 'slot-not-found' } });
      expect(await scheduler.confirmHold('99999999', 'k-1')).toEqual({ ok: false, error: { kind: 'hold-not-found' } });
      expect(await scheduler.cancelAppointment('99999999', patient)).toEqual({ ok: false, error: { kind: 'appointment-not-found' } });
    });

    it("lists the patient's upcoming appointments and cancels one, which frees its slot", async () => {
      const b = await backend();
      const ivanova = await patientId(b.scheduler, IVANOVA);
      const smirnov = await patientId(b.scheduler, SMIRNOV);
      const [eye] = await slotsOf(b.scheduler, 'ophthalmologist');
      const [tooth] = await slotsOf(b.scheduler, 'dentist');
      const first = value(await b.scheduler.confirmHold(value(await b.scheduler.holdSlot(tooth!.id, ivanova, 300)).id, 'k-tooth'));
      const second = value(await b.scheduler.confirmHold(value(await b.scheduler.holdSlot(eye!.id, ivanova, 300)).id, 'k-eye'));
      const mine = value(await b.scheduler.listAppointments(ivanova, { from: '2026-11-23T10:00' }));
      expect(mine.map((a) => a.id).sort()).toEqual([first.id, second.id].sort());
      expect(mine.map((a) => a.slot.start)).toEqual([...mine.map((a) => a.slot.start)].sort());
      expect(mine.find((a) => a.id === second.id)).toEqual(second);
      expect(value(await b.scheduler.listAppointments(smirnov, { from: '2026-11-23T10:00' }))).toEqual([]);

      // somebody else's appointment cannot be cancelled
      expect(await b.scheduler.cancelAppointment(second.id, smirnov)).toEqual({ ok: false, error: { kind: 'appointment-not-found' } });
      const cancelled = value(await b.scheduler.cancelAppointment(second.id, ivanova));
      expect(cancelled).toMatchObject({ id: second.id, number: second.number, status: 'cancelled' });
      expect(value(await b.scheduler.cancelAppointment(second.id, ivanova)).status).toBe('cancelled');
      expect(value(await b.scheduler.listAppointments(ivanova, { from: '2026-11-23T10:00' })).map((a) => a.id)).toEqual([first.id]);
      expect(await b.countBooked(eye!.id)).toBe(0);
      expect((await slotsOf(b.scheduler, 'ophthalmologist'))[0]?.id).toBe(eye!.id);
      // and the slot can be booked again
      const rebooked = value(await b.scheduler.confirmHold(value(await b.scheduler.holdSlot(eye!.id, smirnov, 300)).id, 'k-again'));
      expect(rebooked.status).toBe('booked');
    });

    it('checks a patient in on arrival, once, and finds the booking by its number', async () => {
      const b = await backend();
      const ivanova = await patientId(b.scheduler, IVANOVA);
      const smirnov = await patientId(b.scheduler, SMIRNOV);
      const [eye] = await slotsOf(b.scheduler, 'ophthalmologist');
      const booked = value(await b.scheduler.confirmHold(value(await b.scheduler.holdSlot(eye!.id, ivanova, 300)).id, 'k-arrive'));
      // the ticket's QR carries only the number: it finds the appointment, with whose it is
      expect(value(await b.scheduler.findAppointmentByNumber(booked.number))).toEqual(booked);
      expect(value(await b.scheduler.findAppointmentByNumber('З-0000-0000'))).toBeNull();
      // somebody else's appointment cannot be checked in
      expect(await b.scheduler.checkIn(booked.id, smirnov)).toEqual({ ok: false, error: { kind: 'appointment-not-found' } });
      expect(await b.scheduler.checkIn('99999999', ivanova)).toEqual({ ok: false, error: { kind: 'appointment-not-found' } });
      const arrived = value(await b.scheduler.checkIn(booked.id, ivanova));
      expect(arrived).toEqual({ ...booked, status: 'arrived' });
      // twice is fine, also from another kiosk
      expect(value(await b.another().checkIn(booked.id, ivanova)).status).toBe('arrived');
      expect(value(await b.scheduler.listAppointments(ivanova, { from: '2026-11-23T10:00' }))).toEqual([arrived]);
      expect(value(await b.scheduler.findAppointmentByNumber(booked.number))?.status).toBe('arrived');
      // the slot stays taken
      expect((await slotsOf(b.scheduler, 'ophthalmologist')).map((s) => s.id)).not.toContain(eye!.id);
      // and an arrived appointment is no longer the kiosk's to cancel
      expect(await b.scheduler.cancelAppointment(booked.id, ivanova)).toEqual({ ok: false, error: { kind: 'appointment-not-found' } });
      // a cancelled appointment cannot be checked in
      const [tooth] = await slotsOf(b.scheduler, 'dentist');
      const other = value(await b.scheduler.confirmHold(value(await b.scheduler.holdSlot(tooth!.id, ivanova, 300)).id, 'k-cancel'));
      value(await b.scheduler.cancelAppointment(other.id, ivanova));
      expect(await b.scheduler.checkIn(other.id, ivanova)).toEqual({ ok: false, error: { kind: 'appointment-not-found' } });
      expect(value(await b.scheduler.findAppointmentByNumber(other.number))?.status).toBe('cancelled');
    });

    it('puts a patient on the waiting list once per specialty and doctor', async () => {
      const { scheduler } = await backend();
      const patient = await patientId(scheduler, IVANOVA);
      const entry = value(await scheduler.joinWaitingList({ patientId: patient, specialtyCode: 'phthisiatrician', doctorId: null, claim: 'no-slots' }));
      expect(entry).toMatchObject({ specialtyCode: 'phthisiatrician', doctorId: null, claim: 'no-slots' });
      expect(Date.parse(entry.createdAt)).not.toBeNaN();
      const again = value(await scheduler.joinWaitingList({ patientId: patient, specialtyCode: 'phthisiatrician', doctorId: null, claim: 'no-slots' }));
      expect(again.id).toBe(entry.id);
      const doctor = await doctorNamed(scheduler, 'Крылов Виктор Степанович');
      const withDoctor = value(await scheduler.joinWaitingList({ patientId: patient, specialtyCode: 'phthisiatrician', doctorId: doctor.id, claim: 'no-convenient-time' }));
      expect(withDoctor.id).not.toBe(entry.id);
      expect(withDoctor).toMatchObject({ doctorId: doctor.id, claim: 'no-convenient-time' });
      // a specialty the clinic does not have at all
      expect((await scheduler.joinWaitingList({ patientId: patient, specialtyCode: 'psychiatrist-narcologist', doctorId: null, claim: 'no-such-specialist' })).ok).toBe(true);
    });

    it('dedupes a waiting-list request on its client key, from any kiosk', async () => {
      const b = await backend();
      const patient = await patientId(b.scheduler, SMIRNOV);
      const request = { patientId: patient, specialtyCode: 'ophthalmologist', doctorId: null, claim: 'no-slots' as const, clientKey: 'outbox-k1' };
      const first = value(await b.scheduler.joinWaitingList(request));
      // a redelivery after a restart, possibly from another bridge on the same backend
      const again = value(await b.another().joinWaitingList(request));
      expect(again.id).toBe(first.id);
      // another request of the same patient for the same specialty lands on the same open entry
      const other = value(await b.scheduler.joinWaitingList({ ...request, clientKey: 'outbox-k2', claim: 'no-convenient-time' }));
      expect(other.id).toBe(first.id);
      expect(value(await b.scheduler.joinWaitingList(request)).id).toBe(first.id);
    });

    it('reports itself ready', async () => {
      const { scheduler } = await backend();
      expect(await scheduler.status()).toMatchObject({ state: 'ready' });
    });
  });
}
