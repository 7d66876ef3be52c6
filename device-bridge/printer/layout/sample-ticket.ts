// A ticket with made-up data: for the service mode's test print and for tests.
// Names and numbers are fictional; the policy is reduced as on a real ticket.
import type { TicketData } from '../../contract/ticket';

export const SAMPLE_TICKET: TicketData = {
  clinicName: 'ГБУЗ «Городская поликлиника № 5»',
  clinicAddress: 'г. Москва, ул. Ленина, д. 10',
  clinicPhone: '+7 (495) 123-45-67',
  specialty: 'Врач-терапевт участковый',
  doctor: 'Петрова Анна Сергеевна',
  room: '214',
  date: '24.11.2026',
  weekday: 'понедельник',
  time: '09:30',
  patient: 'Иванова Т. А.',
  policyLast4: '6380',
  bookingNumber: 'A-2026-000123',
  printedAt: '23.11.2026 10:15',
  kioskId: 'K-01',
};
