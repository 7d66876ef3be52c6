// The mobile-number rule the keypad and the bridge share: +7, ten digits, the first a 9.
import { describe, expect, it } from 'vitest';
import { formatPhone, maskedPhone, nationalDigits, phoneState } from './phone';

describe('phone', () => {
  it.each([
    ['', 'empty'],
    ['9', 'typing'],
    ['916123456', 'typing'],
    ['9161234567', 'complete'],
    ['91612345678', 'too-long'],
    ['4951234567', 'not-mobile'],
    ['+79161234567', 'not-digits'],
    ['916 123 45', 'not-digits'],
  ])('%j is %s', (digits, state) => {
    expect(phoneState(digits).state).toBe(state);
  });

  it('says how many digits are missing while typing', () => {
    expect(phoneState('916123')).toEqual({ state: 'typing', missing: 4 });
  });

  it('groups the number as it is written, also while typing', () => {
    expect(formatPhone('9161234567')).toBe('+7 916 123-45-67');
    expect(formatPhone('91612')).toBe('+7 916 12');
    expect(formatPhone('')).toBe('+7');
  });

  it('masks all but the last two digits', () => {
    expect(maskedPhone('9161234567')).toBe('+7 ••• •••-••-67');
  });
});

describe('a registry\'s phone, read into the kiosk\'s one form', () => {
  it.each([
    ['+7 (912) 345-67-89', '9123456789'],
    ['8 912 345 67 89', '9123456789'],
    ['89123456789', '9123456789'],
    ['9123456789', '9123456789'],
    ['+7 495 123-45-67', '4951234567'],
  ])('%j is %s', (text, digits) => {
    expect(nationalDigits(text)).toBe(digits);
  });

  it.each(['', '123-45', '+44 20 7946 0958', 'звонить после 18', '+7 912 345 67 89 доб. 2'])('%j is not a Russian number', (text) => {
    expect(nationalDigits(text)).toBeNull();
  });
});
