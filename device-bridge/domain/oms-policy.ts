// OMS policy numbers (domain/oms-policy.md §1). Pure code with no Node imports:
// the kiosk UI imports it too (keypad validation, masking), so keep it that way.

export type PolicyNumber =
  /** ЕНП, единый номер полиса: 16 digits, the last one a check digit. */
  | { readonly kind: 'enp'; readonly digits: string }
  /** Временное свидетельство: 9 digits. */
  | { readonly kind: 'temporary'; readonly digits: string }
  /** Old-style policy (серия + номер, regional formats): free text, trimmed. */
  | { readonly kind: 'old'; readonly text: string };

export type Sex = 'male' | 'female';

const SEPARATORS = /[\s-]+/g;
const ALL_DIGITS = /^\d+$/;

/**
 * Classifies what a patient typed or a scanner read, the way public code does:
 * 16 digits → ЕНП, 9 → temporary certificate, anything else → old-style.
 * Spaces and hyphens between digit groups are ignored («6449 0208 8600 6380»).
 */
export function classifyPolicyNumber(raw: string): PolicyNumber {
  const compact = raw.replace(SEPARATORS, '');
  if (ALL_DIGITS.test(compact)) {
    if (compact.length === 16) return { kind: 'enp', digits: compact };
    if (compact.length === 9) return { kind: 'temporary', digits: compact };
  }
  return { kind: 'old', text: raw.trim().replace(/\s+/g, ' ') };
}

/**
 * The form a policy number is stored and looked up by: digits for ЕНП and
 * temporary certificates; for old-style policies, upper case without spaces
 * or hyphens («аб 12-34» and «АБ1234» are the same policy).
 */
export function normalizePolicyNumber(raw: string): string {
  const policy = classifyPolicyNumber(raw);
  return policy.kind === 'old' ? policy.text.replace(SEPARATORS, '').toUpperCase() : policy.digits;
}

/**
 * HL7 v2 "Mod10" (arithmetically Luhn) check digit over a digit string:
 * counting from the right end of the body, every digit in an odd position
 * (the rightmost is position 1) is doubled, 9 subtracted from results over 9,
 * everything summed; check = (10 − sum mod 10) mod 10.
 * Named for the 15-digit ЕНП body but works for a body of any length.
 */
export function enpCheckDigit(body15: string): number {
  if (!ALL_DIGITS.test(body15)) {
    throw new RangeError(`enpCheckDigit: the body must be digits only (got ${body15.length} characters)`);
  }
  let sum = 0;
  for (let i = 0; i < body15.length; i++) {
    const position = i + 1; // from the right, rightmost = 1
    let d = body15.charCodeAt(body15.length - 1 - i) - 48;
    if (position % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for exactly 16 digits whose last digit is the check digit of the first 15. */
export function isValidEnp(s: string): boolean {
  if (s.length !== 16 || !ALL_DIGITS.test(s)) return false;
  return enpCheckDigit(s.slice(0, 15)) === s.charCodeAt(15) - 48;
}

/**
 * The last 4 characters of a policy number for the ticket and the screen
 * («6380»): spaces and punctuation are dropped first. Never show more.
 */
export function policyLast4(s: string): string {
  return s.replace(/[^\p{L}\p{N}]/gu, '').slice(-4);
}

export interface EnpBirthInfo {
  /** `YYYY-MM-DD` */
  readonly birthDate: string;
  readonly sex: Sex;
}

const invert = (twoDigits: string): string =>
  Array.from(twoDigits, (c) => String(9 - (c.charCodeAt(0) - 48))).join('');

/**
 * Birth date and sex as encoded in positions 3–10 of an ЕНП (§1, "what the ЕНП
 * encodes"). For a consistency warning to staff only, never a refusal: records
 * get corrected after issue. Returns null when the digits do not decode to a
 * real calendar date. The check digit is not looked at.
 */
export function decodeEnpBirthInfo(enp: string): EnpBirthInfo | null {
  if (enp.length !== 16 || !ALL_DIGITS.test(enp)) return null;
  const monthCode = Number(invert(enp.slice(2, 4)));
  const year = Number(invert(enp.slice(4, 8)).split('').reverse().join(''));
  const dayCode = Number(invert(enp.slice(8, 10)));

  let month: number;
  if (monthCode > 40) month = monthCode - 40;
  else if (monthCode > 20) month = monthCode - 20;
  else month = monthCode;
  const sex: Sex = dayCode > 50 ? 'male' : 'female';
  const day = sex === 'male' ? dayCode - 50 : dayCode;

  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
    return null;
  }
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return { birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`, sex };
}
