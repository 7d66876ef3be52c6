import { describe, expect, it } from 'vitest';
import { ageOn, instantToLocal, localToInstant } from './local-time';
import { formatSnils, isValidSnils } from './snils';

describe('clinic wall clock and instants', () => {
  it('turns a Moscow wall-clock time into an instant with its offset and back', () => {
    expect(localToInstant('2026-11-23T10:15', 'Europe/Moscow')).toBe('2026-11-23T10:15:00+03:00');
    expect(instantToLocal('2026-11-23T07:15:00Z', 'Europe/Moscow')).toBe('2026-11-23T10:15');
    expect(instantToLocal('2026-11-23T10:15:00+03:00', 'Europe/Moscow')).toBe('2026-11-23T10:15');
    expect(instantToLocal('yesterday', 'Europe/Moscow')).toBeNull();
  });

  it('handles zones far from Moscow and a daylight-saving jump', () => {
    expect(localToInstant('2026-11-23T08:00', 'Asia/Vladivostok')).toBe('2026-11-23T08:00:00+10:00');
    // Berlin in summer and in winter
    expect(localToInstant('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T09:00:00+02:00');
    expect(localToInstant('2026-12-01T09:00', 'Europe/Berlin')).toBe('2026-12-01T09:00:00+01:00');
    for (const local of ['2026-03-29T01:30', '2026-03-29T03:30', '2026-10-25T03:30']) {
      expect(instantToLocal(localToInstant(local, 'Europe/Berlin'), 'Europe/Berlin')).toBe(local);
    }
  });

  it('counts whole years of age', () => {
    expect(ageOn('2008-11-24', '2026-11-23')).toBe(17);
    expect(ageOn('2008-11-24', '2026-11-24')).toBe(18);
    expect(ageOn('1979-10-13', '2026-11-23')).toBe(47);
  });
});

describe('СНИЛС', () => {
  it('checks the control number', () => {
    expect(isValidSnils('123-456-789 64')).toBe(true);
    expect(isValidSnils('12345678964')).toBe(true);
    expect(isValidSnils('123-456-789 65')).toBe(false);
    expect(isValidSnils('001-001-998 00')).toBe(false); // below the checked range
    expect(formatSnils('12345678964')).toBe('123-456-789 64');
  });
});
