// Crosses the wire in `Booked.ticket` (shown on screen with its QR when paper fails) and in the journal.
// What one printed ticket (талон) says. Data only: the layout and encoder turn
// it into bytes for a given printer profile. Personal data is reduced before it
// gets here: surname + initials and the last 4 digits of the policy.
export interface TicketData {
  readonly clinicName: string;
  readonly clinicAddress: string;
  readonly clinicPhone: string;
  readonly specialty: string;
  readonly doctor: string;
  readonly room: string;
  /** «3»: the room's floor, when the clinic file has it. */
  readonly floor?: string;
  /** «24.11.2026» */
  readonly date: string;
  /** «понедельник» */
  readonly weekday: string;
  /** «09:30» */
  readonly time: string;
  /**
   * «через 36 минут»: only when the appointment is on the day the ticket is made (booking.minLeadMinutes keeps it
   * at least that far ahead). Absent for later days. The ticket layout may print it beside the time.
   */
  readonly startsIn?: string;
  /** «Иванова Т. А.» */
  readonly patient: string;
  /** «6380» */
  readonly policyLast4: string;
  readonly bookingNumber: string;
  /** «23.11.2026 10:15» */
  readonly printedAt: string;
  readonly kioskId: string;
  /**
   * The ticket's QR: the signed check-in code of the booking number, digits only
   * (device-bridge/check-in/ticket-code.ts). Absent: the ticket carries no QR.
   */
  readonly checkInCode?: string;
  /**
   * A ticket printed for training or a test print: it carries «ОБРАЗЕЦ — НЕ
   * ДЕЙСТВИТЕЛЕН» at the top and the bottom, so nobody can take it for a real one.
   */
  readonly training?: true;
}
