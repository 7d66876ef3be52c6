import { describe, expect, it } from 'vitest';
import {
  classifyPolicyNumber,
  decodeEnpBirthInfo,
  enpCheckDigit,
  isValidEnp,
  normalizePolicyNumber,
  policyLast4,
} from './oms-policy';

describe('classifyPolicyNumber', () => {
  it('takes 16 digits as an ЕНП, also when typed in groups', () => {
    expect(classifyPolicyNumber('6449020886006380')).toEqual({ kind: 'enp', digits: '6449020886006380' });
    expect(classifyPolicyNumber(' 6449 0208 8600 6380 ')).toEqual({ kind: 'enp', digits: '6449020886006380' });
  });

  it('takes 9 digits as a temporary certificate', () => {
    expect(classifyPolicyNumber('123456789')).toEqual({ kind: 'temporary', digits: '123456789' });
  });

  it('takes anything else as an old-style policy, keeping letters', () => {
    expect(classifyPolicyNumber('  ЯА  1234567 ')).toEqual({ kind: 'old', text: 'ЯА 1234567' });
    // 11 digits is a form (бланк) number, not an ЕНП: it must not be taken for one
    expect(classifyPolicyNumber('12345678901')).toEqual({ kind: 'old', text: '12345678901' });
    expect(classifyPolicyNumber('644902088600638')).toEqual({ kind: 'old', text: '644902088600638' });
  });
});

describe('normalizePolicyNumber', () => {
  it('finds the same policy however it was typed', () => {
    expect(normalizePolicyNumber('6449-0208-8600-6380')).toBe('6449020886006380');
    expect(normalizePolicyNumber('яа 12-34567')).toBe(normalizePolicyNumber('ЯА1234567'));
  });
});

describe('enpCheckDigit', () => {
  it('gives the check digit of the worked example from the domain notes', () => {
    expect(enpCheckDigit('644902088600638')).toBe(0);
  });

  it("gives HL7's own Mod10 example: body 12345 → 5", () => {
    expect(enpCheckDigit('12345')).toBe(5);
  });

  it('refuses a body that is not digits (a caller bug)', () => {
    expect(() => enpCheckDigit('64490208860063a')).toThrow(RangeError);
  });
});

describe('isValidEnp', () => {
  it('accepts a real-shaped ЕНП and rejects a typo in any single digit', () => {
    const enp = '6449020886006380';
    expect(isValidEnp(enp)).toBe(true);
    for (let i = 0; i < 16; i++) {
      const digit = Number(enp[i]);
      const typo = enp.slice(0, i) + String((digit + 1) % 10) + enp.slice(i + 1);
      expect(isValidEnp(typo), `typo at position ${i + 1}`).toBe(false);
    }
  });

  it('rejects swapped neighbouring digits', () => {
    expect(isValidEnp('6449020886006830')).toBe(false);
  });

  it('rejects wrong lengths and non-digits', () => {
    expect(isValidEnp('644902088600638')).toBe(false);
    expect(isValidEnp('64490208860063800')).toBe(false);
    expect(isValidEnp('6449 0208 8600 6380')).toBe(false);
    expect(isValidEnp('')).toBe(false);
  });

  it('flags the sample ЕНП from the barcode fixture, whose check digit does not hold', () => {
    expect(isValidEnp('0000000910000206')).toBe(false);
  });
});

describe('policyLast4', () => {
  it('shows only the last 4 digits of an ЕНП, as on the ticket', () => {
    expect(policyLast4('6449020886006380')).toBe('6380');
    expect(policyLast4('6449 0208 8600 6380')).toBe('6380');
  });

  it('works for old-style policies with letters and short input', () => {
    expect(policyLast4('ЯА 12-34-567')).toBe('4567');
    expect(policyLast4('12')).toBe('12');
  });
});

describe('decodeEnpBirthInfo', () => {
  it('reads a woman born 13.10.1979 out of the worked example', () => {
    expect(decodeEnpBirthInfo('6449020886006380')).toEqual({ birthDate: '1979-10-13', sex: 'female' });
  });

  it('returns null when the digits are not a date', () => {
    expect(decodeEnpBirthInfo('0000000000000000')).toBeNull();
    expect(decodeEnpBirthInfo('123')).toBeNull();
  });
});
