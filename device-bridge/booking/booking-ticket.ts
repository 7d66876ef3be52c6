// What a booked appointment's ticket says (TicketData, printer/layout/ticket-data.ts),
// and the masked name a ticket and a screen may show. Privacy: surname +
// initials and the policy's last 4 digits, nothing more (DESIGN.md).
import { formatLocalDate, toLocalDateTime, weekdayNameRu } from '../domain/clinic-clock';
import { pluralRu, policyLast4 } from '../domain/oms-policy';
import type { TicketData } from '../contract/ticket';
import type { Patient, Slot } from '../scheduler/scheduler-port';

export interface TicketHeader {
  readonly clinic: { readonly name: string; readonly address: string; readonly phone: string; readonly timeZone: string };
  readonly kioskId: string;
  /** The signed check-in code of a booking number (check-in/ticket-code.ts), printed as the ticket's QR. */
  readonly ticketCode?: (bookingNumber: string) => string | null;
}

/** The ticket of `patient`'s appointment at `slot`, printed (dated) at `at`. */
export function ticketFor(header: TicketHeader, patient: Patient, slot: Slot, bookingNumber: string, at: Date): TicketData {
  const date = slot.start.slice(0, 10);
  const printedAt = toLocalDateTime(at, header.clinic.timeZone);
  const startsIn = startsInRu(printedAt, slot.start);
  return {
    clinicName: header.clinic.name,
    clinicAddress: header.clinic.address,
    clinicPhone: header.clinic.phone,
    specialty: slot.specialty.name,
    doctor: slot.doctor.fullName,
    room: slot.doctor.room,
    ...(slot.doctor.floor ? { floor: slot.doctor.floor } : {}),
    date: formatLocalDate(date),
    weekday: weekdayNameRu(date),
    time: slot.start.slice(11, 16),
    ...(startsIn ? { startsIn } : {}),
    patient: shortName(patient),
    policyLast4: policyLast4(patient.policyNumber),
    bookingNumber,
    printedAt: `${formatLocalDate(printedAt.slice(0, 10))} ${printedAt.slice(11, 16)}`,
    kioskId: header.kioskId,
    ...checkInCodeOf(header, bookingNumber),
  };
}

/** «Иванова Т. А.»: what a ticket and a screen may show of a name. */
export function shortName(patient: Pick<Patient, 'surname' | 'givenName' | 'patronymic'>): string {
  const initials = [patient.givenName, patient.patronymic]
    .filter((part) => part.length > 0)
    .map((part) => `${part[0]}.`)
    .join(' ');
  return initials ? `${patient.surname} ${initials}` : patient.surname;
}

function checkInCodeOf(header: TicketHeader, bookingNumber: string): { checkInCode?: string } {
  const code = header.ticketCode?.(bookingNumber) ?? null;
  return code === null ? {} : { checkInCode: code };
}

/** «+7 9•• •••-••-67»: the country code, the first digit and the last two, enough to recognise one's own number. */
export function maskedPhone(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 10) return null;
  const national = digits.slice(-10);
  return `+7 ${national[0]}•• •••-••-${national.slice(-2)}`;
}

/** «через 36 минут», «через 2 часа 15 минут» when `start` is on the day of `now`; null for another day. */
export function startsInRu(now: string, start: string): string | null {
  if (now.slice(0, 10) !== start.slice(0, 10)) return null;
  const minutes = Math.round((Date.parse(`${start}:00Z`) - Date.parse(`${now}:00Z`)) / 60_000);
  if (minutes < 0) return null;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [
    hours > 0 ? `${hours} ${pluralRu(hours, ['час', 'часа', 'часов'])}` : '',
    rest > 0 || hours === 0 ? `${rest} ${pluralRu(rest, ['минуту', 'минуты', 'минут'])}` : '',
  ].filter(Boolean);
  return `через ${parts.join(' ')}`;
}
