import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, encodeTlv } from './ber-tlv';
import { encodeOwnerData, OMS_TAG, parseOwnerData } from './oms-card-data';

const owner = { enp: '6449020886006380', surname: 'Иванова', name: 'Татьяна', patronymic: 'Алексеевна', birthDate: '1979-10-13', sex: 'female' } as const;
const text = (s: string) => new TextEncoder().encode(s);

describe('the OMS card owner data', () => {
  it('reads what the card holds: ФИО in UTF-8, birth date in BCD, sex, ЕНП in ASCII', () => {
    expect(parseOwnerData(encodeOwnerData(owner))).toEqual({ ok: true, value: { ...owner, snils: null, expiry: null } });
  });

  it('encodes the birth date as BCD and the tags as 5F2x inside root 62', () => {
    const file = encodeOwnerData(owner);
    expect(file[0]).toBe(0x62);
    const hex = Buffer.from(file).toString('hex');
    expect(hex).toContain('5f240419791013');
    expect(hex).toContain('5f250102');
  });

  it('accepts the owner objects without the root, an ASCII date and an ASCII sex digit', () => {
    const flat = concatBytes([
      encodeTlv(OMS_TAG.enp, text(owner.enp)),
      encodeTlv(OMS_TAG.surname, text('Смирнов')),
      encodeTlv(OMS_TAG.name, text('Алексей')),
      encodeTlv(OMS_TAG.birthDate, text('19580322')),
      encodeTlv(OMS_TAG.sex, text('1')),
      encodeTlv(OMS_TAG.snils, text('112-233-445 95')),
    ]);
    expect(parseOwnerData(flat)).toMatchObject({ ok: true, value: { surname: 'Смирнов', patronymic: '', birthDate: '1958-03-22', sex: 'male', snils: '112-233-445 95' } });
  });

  it('names the field a card lacks or spoils', () => {
    expect(parseOwnerData(encodeTlv(0x62, encodeTlv(OMS_TAG.surname, text('Иванова'))))).toMatchObject({ ok: false, error: { kind: 'missing', field: 'enp' } });
    expect(parseOwnerData(encodeOwnerData({ ...owner, enp: '12345' }))).toMatchObject({ ok: false, error: { kind: 'bad-field', field: 'enp' } });
    expect(parseOwnerData(encodeOwnerData({ ...owner, birthDate: '1979-02-30' }))).toMatchObject({ ok: false, error: { kind: 'bad-field', field: 'birthDate' } });
    const badUtf8 = concatBytes([encodeTlv(OMS_TAG.surname, Uint8Array.of(0xd0)), encodeTlv(OMS_TAG.enp, text(owner.enp))]);
    expect(parseOwnerData(badUtf8)).toMatchObject({ ok: false, error: { kind: 'bad-field', field: 'surname' } });
    expect(parseOwnerData(Uint8Array.of(0x5f, 0x21, 0x85))).toMatchObject({ ok: false, error: { kind: 'bad-tlv' } });
  });

  it('gives a typed result or a typed error for any bytes, never throws', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => void parseOwnerData(bytes)), { numRuns: 1000 });
  });

  it('gives a typed result for owner files with any field values, never throws', () => {
    const field = fc.tuple(
      fc.constantFrom(...Object.values(OMS_TAG)),
      fc.oneof(fc.uint8Array({ maxLength: 20 }), fc.string({ maxLength: 20 }).map(text)),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 12 }), (fields) => {
        const result = parseOwnerData(encodeTlv(0x62, fields.map(([tag, value]) => encodeTlv(tag, value))));
        if (result.ok) expect(result.value.enp).toMatch(/^\d{16}$/);
        else expect(result.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});
