import { describe, expect, it } from 'vitest';
import type { Appointment, ClinicDirectory, Doctor, Patient } from '../scheduler/scheduler-port';
import { createBookingPolicy, DEFAULT_BOOKING_POLICY, SELF_BOOKABLE_SPECIALTIES } from './booking-policy';

const adult: Patient = { id: 'p1', policyNumber: '6449020886006380', surname: 'Иванова', givenName: 'Татьяна', patronymic: 'Алексеевна', birthDate: '1979-10-13', sex: 'female', attached: true, district: '1' };
/** Turns 18 on 24.11.2026. */
const teen: Patient = { ...adult, id: 'p2', birthDate: '2008-11-24', district: 'П-1' };
const petrova: Doctor = { id: 'd1', fullName: 'Петрова Анна Сергеевна', specialtyCode: 'therapist-district', room: '214', district: '1' };
const solovyov: Doctor = { id: 'd2', fullName: 'Соловьёв Игорь Павлович', specialtyCode: 'therapist-district', room: '215', district: '2' };
const nikitina: Doctor = { id: 'd3', fullName: 'Никитина Ольга Игоревна', specialtyCode: 'pediatrician-district', room: '105', district: 'П-1' };
const gusev: Doctor = { id: 'd4', fullName: 'Гусев Павел Александрович', specialtyCode: 'surgeon', room: '302', district: null };
const cardiologist: Doctor = { id: 'd5', fullName: 'Кузьмин Олег Петрович', specialtyCode: 'cardiologist', room: '220' };
const directory: ClinicDirectory = {
  specialties: [
    { code: 'therapist-district', name: 'Терапевт участковый' },
    { code: 'pediatrician-district', name: 'Педиатр участковый' },
    { code: 'surgeon', name: 'Хирург' },
    { code: 'cardiologist', name: 'Кардиолог' },
  ],
  doctors: [petrova, solovyov, nikitina, gusev, cardiologist],
};
const TODAY = '2026-11-23';
const booking = (doctor: Doctor, start: string): Appointment => ({
  id: `a-${start}`,
  number: 'A-2611-0001',
  patientId: adult.id,
  status: 'booked',
  slot: { id: 's', start, durationMinutes: 20, doctor, specialty: { code: doctor.specialtyCode, name: '' } },
});
const check = (patient: Patient, doctor: Doctor, start: string, extra: { appointments?: Appointment[]; bookedInSession?: number } = {}) =>
  createBookingPolicy().checkSlot({ patient, doctor, start, today: TODAY, appointments: extra.appointments ?? [], bookedInSession: extra.bookedInSession ?? 0 });

describe('the booking policy', () => {
  it('knows the 14 specialties patients book without a referral', () => {
    expect(SELF_BOOKABLE_SPECIALTIES).toHaveLength(14);
    expect(check(adult, cardiologist, '2026-11-24T10:00')).toEqual({ kind: 'rejected-by-rule', rule: 'specialty-not-self-bookable' });
    expect(check(adult, gusev, '2026-11-24T10:00')).toBeNull();
  });

  it("books district doctors only for their own district's patients", () => {
    expect(check(adult, petrova, '2026-11-24T10:00')).toBeNull();
    expect(check(adult, solovyov, '2026-11-24T10:00')).toEqual({ kind: 'rejected-by-rule', rule: 'other-district', district: '1' });
    expect(check({ ...adult, district: null }, petrova, '2026-11-24T10:00')).toEqual({ kind: 'rejected-by-rule', rule: 'no-district' });
    // a specialist has no district
    expect(check({ ...adult, district: null }, gusev, '2026-11-24T10:00')).toBeNull();
  });

  it('judges age on the day of the visit: a 17-year-old turning 18 tomorrow sees the therapist from tomorrow', () => {
    const policy = createBookingPolicy();
    expect(check(teen, { ...nikitina }, '2026-11-23T11:00')).toBeNull();
    expect(check(teen, { ...nikitina }, '2026-11-24T11:00')).toEqual({ kind: 'rejected-by-rule', rule: 'children-only', adultAge: 18 });
    const teenTherapist = { ...petrova, district: 'П-1' };
    expect(check(teen, teenTherapist, '2026-11-23T11:00')).toEqual({ kind: 'rejected-by-rule', rule: 'adults-only', adultAge: 18 });
    expect(check(teen, teenTherapist, '2026-11-24T11:00')).toBeNull();
    expect(policy.isListed(teen, 'therapist-district', TODAY)).toBe(false);
    expect(policy.isListed(teen, 'pediatrician-district', TODAY)).toBe(true);
  });

  it('allows one active booking per specialty, naming the one that is there', () => {
    const existing = booking(gusev, '2026-11-30T09:00');
    expect(check(adult, gusev, '2026-11-24T10:00', { appointments: [existing] })).toEqual({
      kind: 'rejected-by-rule', rule: 'active-booking-exists', limit: 1, existingStart: '2026-11-30T09:00',
    });
    expect(check(adult, gusev, '2026-11-24T10:00', { appointments: [{ ...existing, status: 'cancelled' }] })).toBeNull();
    const two = createBookingPolicy({ ...DEFAULT_BOOKING_POLICY, maxActivePerSpecialty: 2 });
    expect(two.checkSlot({ patient: adult, doctor: gusev, start: '2026-11-24T10:00', today: TODAY, appointments: [existing], bookedInSession: 0 })).toBeNull();
    const off = createBookingPolicy({ ...DEFAULT_BOOKING_POLICY, maxActivePerSpecialty: 0 });
    expect(off.activeBookingRule('surgeon', [existing, existing, existing])).toBeNull();
  });

  it('keeps to the horizon and the per-visit cap', () => {
    expect(check(adult, gusev, '2026-12-06T19:40')).toBeNull();
    expect(check(adult, gusev, '2026-12-07T08:00')).toEqual({ kind: 'rejected-by-rule', rule: 'beyond-horizon', horizonDays: 14 });
    expect(check(adult, gusev, '2026-11-24T10:00', { bookedInSession: 3 })).toEqual({ kind: 'rejected-by-rule', rule: 'session-cap', limit: 3 });
    expect(check(adult, gusev, '2026-11-24T10:00', { bookedInSession: 2 })).toBeNull();
  });

  it('books nothing for a patient attached to another clinic', () => {
    expect(check({ ...adult, attached: false }, gusev, '2026-11-24T10:00')).toEqual({ kind: 'not-attached' });
    expect(createBookingPolicy().specialtyBlock({ ...adult, attached: false }, directory, 'surgeon', { today: TODAY, appointments: [], bookedInSession: 0 })).toEqual({ kind: 'not-attached' });
  });

  it('blocks a district specialty whose doctors all serve other districts, and lists the bookable doctors', () => {
    const policy = createBookingPolicy();
    const smirnovLike = { ...adult, district: '2' };
    expect(policy.bookableDoctors(smirnovLike, directory, 'therapist-district')).toEqual([solovyov]);
    expect(policy.bookableDoctors(null, directory, 'therapist-district')).toEqual([petrova, solovyov]);
    expect(policy.specialtyBlock({ ...adult, district: '9' }, directory, 'therapist-district', { today: TODAY, appointments: [], bookedInSession: 0 })).toEqual({
      kind: 'rejected-by-rule', rule: 'other-district', district: '9',
    });
  });

  it('books nothing sooner than booking.minLeadMinutes from now (30 by default): no 11:15 at 11:09', () => {
    const policy = createBookingPolicy();
    // 11:09 in Moscow (UTC+3) is 08:09 UTC.
    const earliest = policy.earliestStart(new Date('2026-11-23T08:09:00Z'), 'Europe/Moscow');
    expect(earliest).toBe('2026-11-23T11:39');
    const at = (start: string) => policy.checkSlot({ patient: adult, doctor: gusev, start, today: TODAY, appointments: [], bookedInSession: 0, earliest });
    expect(at('2026-11-23T11:15')).toEqual({ kind: 'rejected-by-rule', rule: 'too-soon', minLeadMinutes: 30 });
    expect(at('2026-11-23T11:39')).toBeNull();
    expect(at('2026-11-23T11:45')).toBeNull();
    const off = createBookingPolicy({ ...DEFAULT_BOOKING_POLICY, minLeadMinutes: 0 });
    expect(off.checkSlot({ patient: adult, doctor: gusev, start: '2026-11-23T11:15', today: TODAY, appointments: [], bookedInSession: 0, earliest: off.earliestStart(new Date('2026-11-23T08:09:00Z'), 'Europe/Moscow') })).toBeNull();
  });

  it('takes the list of specialties and age groups from the config', () => {
    const region = createBookingPolicy({ ...DEFAULT_BOOKING_POLICY, selfBookableSpecialties: [...SELF_BOOKABLE_SPECIALTIES, 'cardiologist'], adultAge: 18 });
    expect(region.checkSlot({ patient: adult, doctor: cardiologist, start: '2026-11-24T10:00', today: TODAY, appointments: [], bookedInSession: 0 })).toBeNull();
  });
});
