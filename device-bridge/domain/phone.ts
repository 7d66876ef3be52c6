// A Russian mobile number as the kiosk's keypad takes it: «+7» is printed, the
// patient types the 10 digits after it, and the first must be 9 (mobile codes
// 9xx; the registry calls back on a mobile). One rule for the keypad's live
// feedback (kiosk-ui/journey/request-machine.ts) and the bridge's check of the
// request (device-bridge/contract/outbox-requests.ts). Browser-safe, zod-free.

/** Digits after «+7». */
export const PHONE_DIGITS = 10;

export type PhoneState =
  | { readonly state: 'empty' }
  /** Fine so far, `missing` digits to go. */
  | { readonly state: 'typing'; readonly missing: number }
  /** The first digit after +7 is not 9: not a mobile number. */
  | { readonly state: 'not-mobile' }
  | { readonly state: 'not-digits' }
  | { readonly state: 'too-long' }
  | { readonly state: 'complete' };

export function phoneState(digits: string): PhoneState {
  if (digits.length === 0) return { state: 'empty' };
  if (!/^\d+$/.test(digits)) return { state: 'not-digits' };
  if (digits[0] !== '9') return { state: 'not-mobile' };
  if (digits.length > PHONE_DIGITS) return { state: 'too-long' };
  if (digits.length < PHONE_DIGITS) return { state: 'typing', missing: PHONE_DIGITS - digits.length };
  return { state: 'complete' };
}

/** «+7 912 345-67-89» from the 10 digits; partial input is grouped as far as it goes. */
export function formatPhone(digits: string): string {
  const d = digits.slice(0, PHONE_DIGITS);
  const groups = [d.slice(0, 3), d.slice(3, 6), d.slice(6, 8), d.slice(8, 10)].filter(Boolean);
  return groups.reduce((out, group, i) => `${out}${i < 2 ? ' ' : '-'}${group}`, '+7');
}

/** «+7 ••• •••-••-89»: enough for the registry to tell two requests apart, not enough to call. */
export function maskedPhone(digits: string): string {
  return `+7 ••• •••-••-${digits.slice(-2)}`;
}

/**
 * The 10 national digits of a Russian number as registries write it («+7 (912) 345-67-89», «8 912 345 67 89»,
 * «9123456789»), or null for anything else (a foreign or short number): the clinic file, a patient import and a
 * FHIR Patient.telecom all go through it, so the kiosk stores and masks one form.
 */
export function nationalDigits(text: string): string | null {
  if (!/^[\d\s()+.-]+$/.test(text.trim())) return null;
  const digits = text.replace(/\D/g, '');
  if (digits.length === PHONE_DIGITS) return digits;
  if (digits.length === PHONE_DIGITS + 1 && (digits[0] === '7' || digits[0] === '8')) return digits.slice(1);
  return null;
}
