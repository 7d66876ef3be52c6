// The check-in code in a ticket's QR: the booking number and a signature,
// digits only (contract/check-in.ts says why). Layout:
//
//   73 | clinic tag (4) | booking number, 2 digits a character | HMAC-SHA256 (12 digits)
//
// The clinic tag tells another clinic's ticket from a forged one: a different
// tag is "another clinic", the right tag with a wrong signature is "forged".
// The signature key is the clinic's (or this kiosk's, see check-in-secret.ts):
// nobody without it can make a code that checks in somebody's appointment.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../contract/result';
import { isTicketCode, type CheckInError } from '../contract/check-in';

const MARKER = '73';
const MAC_DIGITS = 12;
// Index + 10 is a character's two digits: booking numbers use these (З-2611-0042, Ф-7K2M-9QXD, A-…).
const ALPHABET = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';

export interface TicketCodeKey {
  /** The clinic's name as configured: four digits of its hash tell clinics apart. */
  readonly clinic: string;
  readonly secret: string;
}

export function clinicTag(clinic: string): string {
  const n = createHash('sha256').update(clinic.trim()).digest().readUInt32BE(0) % 10_000;
  return String(n).padStart(4, '0');
}

function encodeNumber(number: string): string | null {
  let out = '';
  for (const char of number.toUpperCase()) {
    const i = ALPHABET.indexOf(char);
    if (i < 0) return null;
    out += String(i + 10);
  }
  return out;
}

function decodeNumber(digits: string): string | null {
  let out = '';
  for (let i = 0; i < digits.length; i += 2) {
    const char = ALPHABET[Number(digits.slice(i, i + 2)) - 10];
    if (char === undefined) return null;
    out += char;
  }
  return out;
}

function signature(key: TicketCodeKey, tag: string, number: string): string {
  const mac = createHmac('sha256', key.secret).update(`${MARKER}:${tag}:${number}`).digest();
  return (mac.readBigUInt64BE(0) % 10n ** BigInt(MAC_DIGITS)).toString().padStart(MAC_DIGITS, '0');
}

/** The QR's code for a booking number, or null when the number has a character no scanner can carry here. */
export function ticketCode(key: TicketCodeKey, number: string): string | null {
  const digits = encodeNumber(number);
  if (digits === null || digits.length === 0) return null;
  const tag = clinicTag(key.clinic);
  return `${MARKER}${tag}${digits}${signature(key, tag, number)}`;
}

/** The booking number a scanned code stands for, once its clinic and signature check out. */
export function readTicketCode(key: TicketCodeKey, code: string): Result<string, CheckInError> {
  if (!isTicketCode(code)) return err({ kind: 'ticket-forged' });
  const tag = code.slice(2, 6);
  if (tag !== clinicTag(key.clinic)) return err({ kind: 'ticket-other-clinic' });
  const number = decodeNumber(code.slice(6, -MAC_DIGITS));
  if (number === null) return err({ kind: 'ticket-forged' });
  const expected = Buffer.from(signature(key, tag, number));
  const given = Buffer.from(code.slice(-MAC_DIGITS));
  return timingSafeEqual(expected, given) ? ok(number) : err({ kind: 'ticket-forged' });
}
