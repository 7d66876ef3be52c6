import { describe, expect, it } from 'vitest';
import { addDays, clinicClock, isLocalDateTime, toLocalDateTime, weekdayOf } from './clinic-clock';

describe('clinic clock', () => {
  it('reads the wall clock in Moscow, not in the machine zone', () => {
    // 21:30 UTC is already the next day in Moscow (UTC+3)
    const clock = clinicClock('Europe/Moscow', () => new Date('2026-11-23T21:30:00Z'));
    expect(clock.now()).toBe('2026-11-24T00:30');
    expect(clock.today()).toBe('2026-11-24');
    expect(toLocalDateTime(new Date('2026-11-23T07:05:59Z'), 'Asia/Yekaterinburg')).toBe('2026-11-23T12:05');
  });

  it('steps over month and year ends and knows the weekday', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(weekdayOf('2026-11-23')).toBe('mon');
    expect(weekdayOf('2026-11-29')).toBe('sun');
  });

  it('accepts only real clinic times', () => {
    expect(isLocalDateTime('2026-11-23T09:30')).toBe(true);
    expect(isLocalDateTime('2026-02-30T09:30')).toBe(false);
    expect(isLocalDateTime('2026-11-23T24:00')).toBe(false);
    expect(isLocalDateTime('2026-11-23 09:30')).toBe(false);
  });

  it('refuses an unknown time zone up front', () => {
    expect(() => clinicClock('Europe/Atlantis')).toThrow(/unknown time zone/);
  });
});
