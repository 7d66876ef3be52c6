// What a booked appointment's ticket says (TicketData, printer/layout/ticket-data.ts),
// and the masked name a ticket and a screen may show. Privacy: surname +
// initials and the policy's last 4 digits, nothing more (DESIGN.md).
import { formatLocalDate, toLocalDateTime, weekdayNameRu } from '../domain/clinic-clock';
import { policyLast4 } from '../domain/oms-policy';
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
