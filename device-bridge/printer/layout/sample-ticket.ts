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
  floor: '2',
  date: '24.11.2026',
  weekday: 'понедельник',
  time: '09:30',
  patient: 'Иванова Т. А.',
  policyLast4: '6380',
  bookingNumber: 'З-2611-0123',
  printedAt: '23.11.2026 10:15',
  kioskId: 'K-01',
  // The shape of a real check-in code (signed with a key no kiosk has: scanning a test print is refused as not genuine).
  checkInCode: '7369685510131712121011121314630663376424',
};
