import { describe, expect, it } from 'vitest';
import { birthDateDigits, birthDateDisplay, typedBirthDate } from './birth-date';
import { clinicClock } from './clinic-clock';

// A fake clock: 3 December 2026, 23:30 in Moscow, which is still the 3rd in the clinic
// while UTC says 20:30; the patient's "today" is the clinic's.
const clock = clinicClock('Europe/Moscow', () => new Date('2026-12-03T20:30:00Z'));
const today = clock.today();
const check = (digits: string) => typedBirthDate(digits, today);

describe('typedBirthDate', () => {
  it('accepts a real date once all 8 digits are typed, and counts what is missing before', () => {
    expect(check('')).toEqual({ state: 'typing', missing: 8 });
    expect(check('1310')).toEqual({ state: 'typing', missing: 4 });
    expect(check('13101979')).toEqual({ state: 'complete', date: '1979-10-13' });
    expect(check('29022000')).toEqual({ state: 'complete', date: '2000-02-29' });
  });

  it('catches an impossible day at the digit that makes it so', () => {
    expect(check('4')).toEqual({ state: 'problem', problem: 'day' });
    expect(check('00')).toEqual({ state: 'problem', problem: 'day' });
    expect(check('32')).toEqual({ state: 'problem', problem: 'day' });
    expect(check('3')).toEqual({ state: 'typing', missing: 7 });
  });

  it('catches an impossible month, and a day the month does not have', () => {
    expect(check('132')).toEqual({ state: 'problem', problem: 'month' });
    expect(check('1300')).toEqual({ state: 'problem', problem: 'month' });
    expect(check('1313')).toEqual({ state: 'problem', problem: 'month' });
    expect(check('3104')).toEqual({ state: 'problem', problem: 'no-such-day' });
    expect(check('3002')).toEqual({ state: 'problem', problem: 'no-such-day' });
    // 29 February waits for the year: only then is it known whether the year is leap.
    expect(check('2902')).toEqual({ state: 'typing', missing: 4 });
    expect(check('29021979')).toEqual({ state: 'problem', problem: 'no-such-day' });
    expect(check('29021900')).toEqual({ state: 'problem', problem: 'no-such-day' });
  });

  it('refuses a date after the clinic\'s today, by the fake clock', () => {
    expect(check('03122026')).toEqual({ state: 'complete', date: '2026-12-03' });
    expect(check('04122026')).toEqual({ state: 'problem', problem: 'future' });
    // A year that can only be in the future is caught at its first digits.
    expect(check('01013')).toEqual({ state: 'problem', problem: 'future' });
    expect(check('0101203')).toEqual({ state: 'problem', problem: 'future' });
    expect(check('010120')).toEqual({ state: 'typing', missing: 2 });
  });

  it('refuses an age over 120 years, and says so as soon as the year shows it', () => {
    expect(check('03121906')).toEqual({ state: 'complete', date: '1906-12-03' });
    expect(check('02121906')).toEqual({ state: 'problem', problem: 'too-old' });
    expect(check('010118')).toEqual({ state: 'problem', problem: 'too-old' });
    expect(check('01010')).toEqual({ state: 'problem', problem: 'too-old' });
  });

  it('moves "future" with the clock: the same digits are fine a day later', () => {
    const tomorrow = clinicClock('Europe/Moscow', () => new Date('2026-12-03T21:30:00Z')).today();
    expect(tomorrow).toBe('2026-12-04');
    expect(typedBirthDate('04122026', tomorrow)).toEqual({ state: 'complete', date: '2026-12-04' });
  });
});

describe('birthDateDisplay', () => {
  it('shows the digits in ДД.ММ.ГГГГ with the empty places as the placeholder', () => {
    expect(birthDateDisplay('', 'ДДММГГГГ')).toBe('ДД.ММ.ГГГГ');
    expect(birthDateDisplay('131', 'ДДММГГГГ')).toBe('13.1М.ГГГГ');
    expect(birthDateDisplay('13101979', 'ДДММГГГГ')).toBe('13.10.1979');
  });

  it('turns a date back into the digits to edit', () => {
    expect(birthDateDigits('1979-10-13')).toBe('13101979');
  });
});
