// A birth date typed on the kiosk's digit keypad as ДД.ММ.ГГГГ (8 digits, the
// dots are the screen's), checked as it is typed: a day or month that cannot
// be is caught at its digit, not after all eight. Used by the birth-date step
// of the identify screen (kiosk-ui/screens/birth-date-screen.tsx) and, for the
// finished date, by the bridge's request check (device-bridge/contract/requests.ts).
// Pure: "today" is the clinic's date, passed in.
import type { LocalDate } from '../contract/scheduling';

export const BIRTH_DATE_DIGITS = 8;
/** Older than this is taken for a typo in the year (the oldest Russian on record was 116). */
export const MAX_AGE_YEARS = 120;

export type BirthDateProblem =
  /** The day is not 01–31. */
  | 'day'
  /** The month is not 01–12. */
  | 'month'
  /** The month has no such day (31.04, 30.02, 29.02 of a year that is not leap). */
  | 'no-such-day'
  /** After the clinic's today. */
  | 'future'
  /** More than MAX_AGE_YEARS ago. */
  | 'too-old';

export type BirthDateEntry =
  | { readonly state: 'typing'; readonly missing: number }
  | { readonly state: 'problem'; readonly problem: BirthDateProblem }
  | { readonly state: 'complete'; readonly date: LocalDate };

const daysIn = (month: number, year: number | null): number =>
  month === 2 ? (year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** The earliest and latest year the typed year digits can still become. */
function yearRange(typed: string): { readonly min: number; readonly max: number } {
  const rest = 4 - typed.length;
  const base = Number(typed || '0') * 10 ** rest;
  return { min: base, max: base + 10 ** rest - 1 };
}

/** `digits`: what was typed so far (digits only, at most 8); `today`: the clinic's date, YYYY-MM-DD. */
export function typedBirthDate(digits: string, today: LocalDate): BirthDateEntry {
  if (!/^\d{0,8}$/.test(digits)) return { state: 'problem', problem: 'day' };
  const dayText = digits.slice(0, 2);
  const monthText = digits.slice(2, 4);
  const yearText = digits.slice(4, 8);
  if ((dayText.length >= 1 && Number(dayText[0]) > 3) || (dayText.length === 2 && (Number(dayText) < 1 || Number(dayText) > 31))) {
    return { state: 'problem', problem: 'day' };
  }
  if ((monthText.length >= 1 && Number(monthText[0]) > 1) || (monthText.length === 2 && (Number(monthText) < 1 || Number(monthText) > 12))) {
    return { state: 'problem', problem: 'month' };
  }
  const day = Number(dayText);
  const month = Number(monthText);
  const year = yearText.length === 4 ? Number(yearText) : null;
  if (monthText.length === 2 && day > daysIn(month, year)) return { state: 'problem', problem: 'no-such-day' };
  const thisYear = Number(today.slice(0, 4));
  if (yearText.length > 0) {
    const { min, max } = yearRange(yearText);
    if (min > thisYear) return { state: 'problem', problem: 'future' };
    if (max < thisYear - MAX_AGE_YEARS) return { state: 'problem', problem: 'too-old' };
  }
  if (digits.length < BIRTH_DATE_DIGITS) return { state: 'typing', missing: BIRTH_DATE_DIGITS - digits.length };
  const date = `${yearText}-${monthText}-${dayText}`;
  if (date > today) return { state: 'problem', problem: 'future' };
  const oldest = `${thisYear - MAX_AGE_YEARS}${today.slice(4)}`;
  if (date < oldest) return { state: 'problem', problem: 'too-old' };
  return { state: 'complete', date };
}

/** «13.10.1979» as the patient typed it, the places still empty shown by `placeholder` («ДДММГГГГ»). */
export function birthDateDisplay(digits: string, placeholder: string): string {
  const filled = (digits + placeholder.slice(digits.length)).slice(0, BIRTH_DATE_DIGITS);
  return `${filled.slice(0, 2)}.${filled.slice(2, 4)}.${filled.slice(4, 8)}`;
}

/** YYYY-MM-DD → the 8 digits as typed (ДДММГГГГ): a date to edit again. */
export const birthDateDigits = (date: LocalDate): string => `${date.slice(8, 10)}${date.slice(5, 7)}${date.slice(0, 4)}`;
