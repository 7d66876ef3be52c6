import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BARCODE_PAYLOAD_LENGTH, decodePaperPolicyBarcode, parseHexPayload } from './oms-barcode';

const fixtureHex = readFileSync(new URL('../../tests/fixtures/oms-barcode-type2.hex', import.meta.url), 'utf8');
const fixture = parseHexPayload(fixtureHex)!;

describe('decodePaperPolicyBarcode: type 02 (the real sample)', () => {
  it('decodes the fixture to the person printed on the form', () => {
    const decoded = decodePaperPolicyBarcode(fixture);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value).toMatchObject({
      type: '02',
      enp: '0000000910000206',
      enpChecksumValid: false,
      surname: 'ШМАТОВА',
      name: 'ТАТЬЯНА',
      patronymic: 'АНАТОЛЬЕВНА',
      sex: 'female',
      birthDate: '1992-06-18',
      expiry: null,
    });
    expect(decoded.value.signature).toHaveLength(65);
    expect(decoded.value.signature[0]).toBe(fixture[65]);
  });

  it('does not depend on the check digit: a different, valid ЕНП decodes the same way', () => {
    const payload = Uint8Array.from(fixture);
    new DataView(payload.buffer).setBigUint64(1, 6449020886006380n);
    const decoded = decodePaperPolicyBarcode(payload);
    expect(decoded.ok && decoded.value).toMatchObject({ enp: '6449020886006380', enpChecksumValid: true, surname: 'ШМАТОВА' });
  });

  it('reads a non-zero expiry date', () => {
    const payload = Uint8Array.from(fixture);
    // 2030-12-31 is day 47846 after 1900-01-01
    new DataView(payload.buffer).setUint16(63, 47846);
    const decoded = decodePaperPolicyBarcode(payload);
    expect(decoded.ok && decoded.value.expiry).toBe('2030-12-31');
  });
});

// ---------------------------------------------------------------------------
// A type 01 payload built by hand from docs/domain/oms-policy.md §2, independently
// of the decoder: the 6-bit table, MSB first, bytes reversed, words reversed.
const ALPHABET = ' .-‘0123456789АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЬЪЫЭЮЯ';
function sixBitCode(ch: string): number {
  if (ch === '|') return 0x3f;
  const code = ALPHABET.indexOf(ch);
  if (code < 0) throw new Error(`no 6-bit code for ${ch}`);
  return code;
}
function pack6(text: string, bytes: number): number[] {
  let bits = '';
  for (const ch of Array.from(text)) bits += sixBitCode(ch).toString(2).padStart(6, '0');
  bits = bits.padEnd(bytes * 8, '0');
  return Array.from({ length: bytes }, (_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2));
}
const backwards = (s: string) => Array.from(s).reverse().join('');
const be = (value: bigint, length: number) => Array.from({ length }, (_, i) => Number((value >> BigInt(8 * (length - 1 - i))) & 0xffn));
const days = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1900, 0, 1)) / 86_400_000;

function handMadeType01(): Uint8Array {
  const fio = `${backwards('ВИКТОРОВИЧ')}|${backwards('СМИРНОВ')}|${backwards('АЛЕКСЕЙ')}`.padEnd(56, ' ');
  const bytes = [
    0x01,
    ...be(4556140827015276n, 8), // 1–8 ЕНП
    ...pack6(fio, 42).reverse(), // 9–50 ФИО, reversed byte order
    1, // 51 sex: М
    ...be(BigInt(days('1958-03-22')), 2), // 52–53 birth date
    ...be(BigInt(days('2027-01-01')), 2), // 54–55 expiry
    ...be(1027739008440n, 6), // 56–61 ОГРН of the insurer
    ...be(45000n, 3), // 62–64 ОКАТО
    ...Array.from({ length: 65 }, (_, i) => (i * 37) & 0xff), // 65–129 signature
  ];
  expect(bytes).toHaveLength(130);
  return Uint8Array.from(bytes);
}

describe('decodePaperPolicyBarcode: type 01 (older forms)', () => {
  it('decodes a payload built by hand from the spec, undoing the reversed bytes and words', () => {
    const decoded = decodePaperPolicyBarcode(handMadeType01());
    expect(decoded).toEqual({
      ok: true,
      value: {
        type: '01',
        enp: '4556140827015276',
        enpChecksumValid: true,
        surname: 'СМИРНОВ',
        name: 'АЛЕКСЕЙ',
        patronymic: 'ВИКТОРОВИЧ',
        sex: 'male',
        birthDate: '1958-03-22',
        expiry: '2027-01-01',
        insurerOgrn: '1027739008440',
        okato: '45000',
        signature: handMadeType01().slice(65),
      },
    });
  });
});

describe('decodePaperPolicyBarcode: what is not a policy barcode', () => {
  it('names a wrong length, an unknown type, a bad sex and an empty birth date', () => {
    expect(decodePaperPolicyBarcode(fixture.slice(0, 129))).toMatchObject({ ok: false, error: { kind: 'wrong-length', length: 129 } });
    const other = Uint8Array.from(fixture);
    other[0] = 0x03;
    expect(decodePaperPolicyBarcode(other)).toMatchObject({ ok: false, error: { kind: 'unknown-type', typeByte: 3 } });
    const sexless = Uint8Array.from(fixture);
    sexless[60] = 7;
    expect(decodePaperPolicyBarcode(sexless)).toMatchObject({ ok: false, error: { kind: 'bad-sex', value: 7 } });
    const unborn = Uint8Array.from(fixture);
    unborn[61] = 0;
    unborn[62] = 0;
    expect(decodePaperPolicyBarcode(unborn)).toMatchObject({ ok: false, error: { kind: 'bad-birth-date' } });
  });

  it('refuses a name field with reserved codes or without separators', () => {
    const blank = Uint8Array.from(fixture);
    blank.fill(0, 9, 60);
    expect(decodePaperPolicyBarcode(blank)).toMatchObject({ ok: false, error: { kind: 'bad-name' } });
    const reserved = Uint8Array.from(fixture);
    reserved.fill(0xbf, 9, 60); // 101111 → 0x2F, reserved
    expect(decodePaperPolicyBarcode(reserved)).toMatchObject({ ok: false, error: { kind: 'bad-name' } });
  });

  it('refuses an ЕНП field with more than 16 digits', () => {
    const huge = Uint8Array.from(fixture);
    huge.fill(0xff, 1, 9);
    expect(decodePaperPolicyBarcode(huge)).toMatchObject({ ok: false, error: { kind: 'bad-enp' } });
  });

  it('gives a typed result or a typed error for any bytes, never throws', () => {
    const anyBytes = fc.uint8Array({ maxLength: 300 });
    const policyShaped = fc
      .tuple(fc.constantFrom(1, 2), fc.uint8Array({ minLength: 129, maxLength: 129 }))
      .map(([type, rest]) => Uint8Array.from([type, ...rest]));
    fc.assert(
      fc.property(fc.oneof(anyBytes, policyShaped), (bytes) => {
        const decoded = decodePaperPolicyBarcode(bytes);
        if (decoded.ok) {
          expect(bytes).toHaveLength(BARCODE_PAYLOAD_LENGTH);
          expect(decoded.value.enp).toMatch(/^\d{16}$/);
          expect(decoded.value.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        } else {
          expect(decoded.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseHexPayload', () => {
  it('reads hex with spaces, newlines and 0x prefixes, and refuses anything else', () => {
    expect(parseHexPayload('02 0a\nFF')).toEqual(Uint8Array.from([2, 10, 255]));
    expect(parseHexPayload('0x02,0x0A')).toEqual(Uint8Array.from([2, 10]));
    expect(parseHexPayload('02 0')).toBeNull();
    expect(parseHexPayload('hello')).toBeNull();
    expect(parseHexPayload('')).toBeNull();
  });
});
