import { describe, expect, it } from 'vitest';
import type { Patient, Slot } from '../scheduler/scheduler-port';
import { maskedPhone, startsInRu, ticketFor } from './booking-ticket';

const patient: Patient = { id: 'p1', policyNumber: '6449020886006380', surname: 'Иванова', givenName: 'Татьяна', patronymic: 'Алексеевна', birthDate: '1979-10-13', sex: 'female' };
const slot = (start: string): Slot => ({
  id: 's1',
  start,
  durationMinutes: 15,
  doctor: { id: 'd1', fullName: 'Гусев Павел Александрович', specialtyCode: 'surgeon', room: '310' },
  specialty: { code: 'surgeon', name: 'Хирург' },
});
const header = { clinic: { name: 'Поликлиника', address: 'ул. Садовая, 1', phone: '+7 000', timeZone: 'Europe/Moscow' }, kioskId: 'k1' };

describe('the ticket of a booking', () => {
  it('says how soon an appointment of today starts, in Russian with its plural', () => {
    expect(startsInRu('2026-11-23T11:09', '2026-11-23T11:45')).toBe('через 36 минут');
    expect(startsInRu('2026-11-23T11:09', '2026-11-23T11:10')).toBe('через 1 минуту');
    expect(startsInRu('2026-11-23T11:09', '2026-11-23T11:31')).toBe('через 22 минуты');
    expect(startsInRu('2026-11-23T06:00', '2026-11-23T08:00')).toBe('через 2 часа');
    expect(startsInRu('2026-11-23T06:00', '2026-11-23T11:15')).toBe('через 5 часов 15 минут');
    expect(startsInRu('2026-11-23T11:09', '2026-11-24T11:45')).toBeNull();
  });

  it('carries it only for an appointment on the day the ticket is made', () => {
    // 11:09 in Moscow.
    const at = new Date('2026-11-23T08:09:00Z');
    expect(ticketFor(header, patient, slot('2026-11-23T11:45'), 'Т-2311-0001', at).startsIn).toBe('через 36 минут');
    expect(ticketFor(header, patient, slot('2026-11-24T11:45'), 'Т-2411-0001', at)).not.toHaveProperty('startsIn');
  });
});

describe('the phone the waiting list will call', () => {
  it('is shown masked: the first digit and the last two', () => {
    expect(maskedPhone('+7 (916) 123-45-67')).toBe('+7 9•• •••-••-67');
    expect(maskedPhone('89161234567')).toBe('+7 9•• •••-••-67');
    expect(maskedPhone('12-34')).toBeNull();
  });
});
