// Check-in on arrival («Отметиться о приходе»): what crosses the wire. Browser-safe, zod-free.
//
// The ticket's QR holds a check-in code: digits only, because a keyboard-wedge scanner "types" it and
// letters come out differently under the Russian and the Latin layout (kiosk-ui/identity/wedge-scan-detector.ts),
// while digits do not. The code carries the booking number and a signature, nothing about the patient
// (device-bridge/check-in/ticket-code.ts makes and checks it).

/** `73` + clinic tag (4) + booking number (2 digits a character) + signature (12). */
export const TICKET_CODE_PATTERN = /^73\d{4}(?:\d{2})+\d{12}$/;

/** A scanned text that is a kiosk ticket's check-in code (not yet verified). */
export function isTicketCode(text: string): boolean {
  return TICKET_CODE_PATTERN.test(text) && text.length >= 20;
}

/** How the patient was identified for the check-in (counted in /metrics). */
export type CheckInChannel = 'keypad' | 'card' | 'barcode' | 'ticket-qr';

/** Who is checking in: the identified patient's session (keypad, card, barcode) or a ticket's QR alone. */
export type CheckInBody = { readonly via: 'session' } | { readonly via: 'ticket'; readonly code: string };

/** What the patient sees of the appointment: no name, no policy. */
export interface CheckInAppointment {
  readonly appointmentId: string;
  readonly bookingNumber: string;
  readonly specialty: string;
  readonly doctor: string;
  readonly room: string;
  readonly floor: string | null;
  /** `YYYY-MM-DDTHH:mm`, clinic wall clock. */
  readonly start: string;
}

/**
 * The answer of a check-in. `arrived`: recorded now (or `already` before); `too-early`: come back from `opensAt`;
 * `too-late`: more than `lateMinutes` past the start, go to the registry desk.
 */
export type CheckInOutcome =
  | { readonly outcome: 'arrived'; readonly already: boolean; readonly appointment: CheckInAppointment; readonly slip: 'printed' | 'failed' }
  | { readonly outcome: 'too-early'; readonly appointment: CheckInAppointment; readonly opensAt: string }
  | { readonly outcome: 'too-late'; readonly appointment: CheckInAppointment; readonly lateMinutes: number }
  | { readonly outcome: 'no-appointment-today' };

/** A scanned ticket that is not this clinic's, or not genuine. */
export type CheckInError =
  | { readonly kind: 'ticket-other-clinic' }
  | { readonly kind: 'ticket-forged' };
