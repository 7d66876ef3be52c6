// OMS policy numbers (docs/domain/oms-policy.md §1). Pure code with no Node imports:
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
  return policy.kind === 'old' ? foldLatinLookalikes(policy.text.replace(SEPARATORS, '').toUpperCase()) : policy.digits;
}

/** Latin capitals that look like Cyrillic ones: registries typed series both ways («AB» and «АВ» look the same on paper). */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
};

/** The kiosk's letter keypad is Cyrillic: a Latin lookalike in a stored series is read as the Cyrillic letter. */
function foldLatinLookalikes(text: string): string {
  return text.replace(/[ABCEHKMOPTXY]/g, (letter) => LATIN_LOOKALIKES[letter]!);
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

// ---------------------------------------------------------------------------
// Checking and explaining what a patient typed or a reader delivered.

/** The expected length of an ЕНП. */
export const ENP_DIGITS = 16;

/** Sex as printed on the policy and on the ticket: «М» / «Ж». */
export const sexLetter = (sex: Sex): 'М' | 'Ж' => (sex === 'male' ? 'М' : 'Ж');

/**
 * Russian plural form for a count: `pluralRu(n, ['цифра', 'цифры', 'цифр'])`
 * gives 1 цифра, 2 цифры, 5 цифр, 11 цифр, 21 цифра.
 */
export function pluralRu(n: number, forms: readonly [one: string, few: string, many: string]): string {
  const abs = Math.abs(Math.trunc(n));
  const mod10 = abs % 10;
  const mod100 = abs % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/** Why a typed ЕНП is not a valid one, with the likely mistake spelled out in plain Russian. */
export type EnpInputProblem =
  | { readonly kind: 'empty'; readonly message: string }
  | { readonly kind: 'not-digits'; readonly message: string }
  | { readonly kind: 'too-short'; readonly digits: number; readonly missing: number; readonly message: string }
  | { readonly kind: 'too-long'; readonly digits: number; readonly extra: number; readonly message: string }
  | { readonly kind: 'checksum'; readonly message: string };

const digitsAccusative = (n: number) => `${n} ${pluralRu(n, ['цифру', 'цифры', 'цифр'])}`;

/**
 * Explains why what was typed is not a valid ЕНП, pointing at the likely
 * mistake: how many digits are missing or extra, a number that is not the
 * policy's (9 digits: temporary certificate; 11: the form number), or a
 * mistyped digit (the check digit does not hold: «проверьте цифры»).
 * Returns null for a valid ЕНП. Spaces and hyphens between groups are ignored.
 */
export function explainEnpInput(typed: string): EnpInputProblem | null {
  const compact = typed.replace(SEPARATORS, '');
  if (compact.length === 0) {
    return { kind: 'empty', message: `Введите номер полиса: ${ENP_DIGITS} цифр.` };
  }
  if (!ALL_DIGITS.test(compact)) {
    return { kind: 'not-digits', message: `В номере полиса только цифры — ${ENP_DIGITS} цифр, без букв и знаков.` };
  }
  const count = compact.length;
  if (count < ENP_DIGITS) {
    const missing = ENP_DIGITS - count;
    const hint =
      count === 9
        ? ' 9 цифр — это номер временного свидетельства, а нужен номер полиса.'
        : count === 11
          ? ' 11 цифр — это номер бланка, а нужен номер полиса (ЕНП).'
          : ' Проверьте, не пропущена ли цифра.';
    return {
      kind: 'too-short',
      digits: count,
      missing,
      message: `Вы ввели ${digitsAccusative(count)}, а в номере полиса ${ENP_DIGITS}: не хватает ${missing}.${hint}`,
    };
  }
  if (count > ENP_DIGITS) {
    const extra = count - ENP_DIGITS;
    return {
      kind: 'too-long',
      digits: count,
      extra,
      message: `Вы ввели ${digitsAccusative(count)}, а в номере полиса ${ENP_DIGITS}: на ${extra} больше. Проверьте, не нажата ли цифра дважды.`,
    };
  }
  if (!isValidEnp(compact)) {
    return {
      kind: 'checksum',
      message: 'В номере полиса ошибка — проверьте цифры: возможно, одна набрана неверно или две соседние переставлены.',
    };
  }
  return null;
}

/** What `kiosk policy check` and the bridge know about a policy number without asking the registry. */
export type PolicyCheck =
  | {
      readonly kind: 'enp';
      readonly valid: true;
      readonly digits: string;
      /** Birth date and sex the number encodes; null when positions 3–10 are not a date. */
      readonly encoded: EnpBirthInfo | null;
    }
  | { readonly kind: 'enp'; readonly valid: false; readonly digits: string; readonly problem: EnpInputProblem }
  | { readonly kind: 'temporary'; readonly valid: true; readonly digits: string }
  | { readonly kind: 'old'; readonly valid: true; readonly text: string; readonly note: string | null }
  | {
      readonly kind: 'old';
      readonly valid: false;
      readonly text: string;
      /** Which part of the typed-policy rule fails (`typedPolicyState`). */
      readonly problem: Exclude<TypedPolicyState['state'], 'complete' | 'checksum'>;
      /** The rule, worded as the bridge refuses a typed number (device-bridge/contract/requests.ts). */
      readonly message: string;
    };

/**
 * Classifies a number and checks what can be checked offline, by the same
 * typed-policy rule the bridge and the registry import apply
 * (`typedPolicyState` below): the ЕНП check digit, the 9 digits of a
 * temporary certificate, the shape of an old-style series + number (its
 * regional format cannot be checked). An old-style number that is nearly 16
 * digits, or exactly a form number's 11, stays valid (it may be a real old
 * policy) but carries a note.
 */
export function checkPolicyNumber(raw: string): PolicyCheck {
  const policy = classifyPolicyNumber(raw);
  if (policy.kind === 'enp') {
    const problem = explainEnpInput(policy.digits);
    return problem
      ? { kind: 'enp', valid: false, digits: policy.digits, problem }
      : { kind: 'enp', valid: true, digits: policy.digits, encoded: decodeEnpBirthInfo(policy.digits) };
  }
  if (policy.kind === 'temporary') return { kind: 'temporary', valid: true, digits: policy.digits };
  const text = policy.text;
  const shape = typedPolicyState('old', text);
  // 'checksum' is an ЕНП's state only; an old-style entry is complete or one of the shape problems.
  if (shape.state !== 'complete' && shape.state !== 'checksum') {
    return { kind: 'old', valid: false, text, problem: shape.state, message: `old-style policy: ${OLD_POLICY_RULE}` };
  }
  const compact = text.replace(SEPARATORS, '');
  const note = ALL_DIGITS.test(compact) && (Math.abs(compact.length - ENP_DIGITS) <= 2 || compact.length === 11)
    ? (explainEnpInput(compact)?.message ?? null)
    : null;
  return { kind: 'old', valid: true, text, note };
}

/** How the birth date and sex an ЕНП encodes compare with another record (the registry, the card). */
export type EnpConsistency =
  | { readonly kind: 'consistent' }
  /** The number does not encode a date (temporary numbering, old regional series): nothing to compare. */
  | { readonly kind: 'not-encoded' }
  | { readonly kind: 'mismatch'; readonly fields: readonly ('birthDate' | 'sex')[] };

/**
 * Compares the birth date and sex encoded in an ЕНП with another record's. A
 * mismatch is a warning for staff (records get corrected after issue), never
 * a reason to refuse the patient.
 */
export function compareEnpWithRecord(enp: string, record: { readonly birthDate?: string | null; readonly sex?: Sex | null }): EnpConsistency {
  const encoded = decodeEnpBirthInfo(enp);
  if (!encoded) return { kind: 'not-encoded' };
  const fields: ('birthDate' | 'sex')[] = [];
  if (record.birthDate && record.birthDate !== encoded.birthDate) fields.push('birthDate');
  if (record.sex && record.sex !== encoded.sex) fields.push('sex');
  return fields.length > 0 ? { kind: 'mismatch', fields } : { kind: 'consistent' };
}

// ---------------------------------------------------------------------------
// Typing a number on the kiosk's keypad, per kind the patient chose (the ЕНП by
// default; a temporary certificate or an old-style policy on request). The UI
// gives live feedback from it and the bridge validates the request with it, so
// both sides always agree on what can be sent.

/** The kind of number the patient said they have: what the keypad lets them type. */
export type TypedPolicyKind = PolicyNumber['kind'];
export const TYPED_POLICY_KINDS: readonly TypedPolicyKind[] = ['enp', 'temporary', 'old'];

export const TEMPORARY_CERTIFICATE_DIGITS = 9;
/**
 * Old-style series + number, counted without spaces and hyphens. Regional
 * formats differ and cannot be checked; a shorter entry than a 2-letter series
 * with a 4-digit number is surely incomplete (the registry import refuses it
 * too), and no known form is longer than 20.
 */
export const OLD_POLICY_MIN_CHARS = 6;
export const OLD_POLICY_MAX_CHARS = 20;
/** The old-style rule in one plain sentence: the bridge, `kiosk policy check` and the import all say this. */
export const OLD_POLICY_RULE = `series and number, ${OLD_POLICY_MIN_CHARS} to ${OLD_POLICY_MAX_CHARS} letters and digits (at least one digit), spaces or hyphens between groups`;

/**
 * The characters a series and number may hold: letters (Cyrillic or Latin),
 * ASCII digits, space and hyphen between groups. Other scripts' digits («١٢٣»)
 * are refused: no registry stores them and the keypad cannot type them.
 */
const OLD_POLICY_TYPED = /^[\p{L}0-9][\p{L}0-9 -]*$/u;

/** Where a typed number stands, for the keypad's live feedback and for the bridge's validation. */
export type TypedPolicyState =
  | { readonly state: 'complete' }
  /** Digits (or, for an old-style policy, characters) still missing. */
  | { readonly state: 'short'; readonly missing: number }
  | { readonly state: 'long'; readonly extra: number }
  /** An ЕНП whose check digit does not hold: a digit mistyped. */
  | { readonly state: 'checksum' }
  /** A character this kind of number never has (a letter in a digits-only number). */
  | { readonly state: 'characters' }
  /** An old-style entry without any digit: the number part is missing. */
  | { readonly state: 'no-digits' };

/** How many characters count for a typed number: digits for ЕНП and certificate, letters and digits for an old-style policy. */
export const typedPolicyLength = (text: string): number => text.replace(SEPARATORS, '').length;

export function typedPolicyMaxLength(kind: TypedPolicyKind): number {
  return kind === 'enp' ? ENP_DIGITS : kind === 'temporary' ? TEMPORARY_CERTIFICATE_DIGITS : OLD_POLICY_MAX_CHARS;
}

/** Checks what was typed as a number of `kind`; `complete` means it may be sent to the registry. */
export function typedPolicyState(kind: TypedPolicyKind, text: string): TypedPolicyState {
  const compact = text.replace(SEPARATORS, '');
  if (kind === 'old') {
    if (compact.length > 0 && !OLD_POLICY_TYPED.test(text.trim())) return { state: 'characters' };
    if (compact.length < OLD_POLICY_MIN_CHARS) return { state: 'short', missing: OLD_POLICY_MIN_CHARS - compact.length };
    if (compact.length > OLD_POLICY_MAX_CHARS) return { state: 'long', extra: compact.length - OLD_POLICY_MAX_CHARS };
    return /[0-9]/.test(compact) ? { state: 'complete' } : { state: 'no-digits' };
  }
  if (compact.length > 0 && !ALL_DIGITS.test(compact)) return { state: 'characters' };
  const expected = typedPolicyMaxLength(kind);
  if (compact.length < expected) return { state: 'short', missing: expected - compact.length };
  if (compact.length > expected) return { state: 'long', extra: compact.length - expected };
  return kind === 'enp' && !isValidEnp(compact) ? { state: 'checksum' } : { state: 'complete' };
}

/**
 * The forms a registry may keep a policy number in, for a backend that looks it
 * up by exact value (FHIR identifier search): the normalized form first, then,
 * for an old-style policy, as written (upper case, single spaces) and with a
 * space between the letters of the series and the number («ЯБ 5721436»).
 */
export function policyLookupForms(raw: string): string[] {
  const normalized = normalizePolicyNumber(raw);
  const policy = classifyPolicyNumber(raw);
  if (policy.kind !== 'old' || normalized === '') return normalized === '' ? [] : [normalized];
  const written = policy.text.toUpperCase();
  const split = /^(\p{L}+)(\p{N}.*)$/u.exec(normalized);
  const forms = [normalized, written, ...(split ? [`${split[1]} ${split[2]}`] : [])];
  return [...new Set(forms)];
}
