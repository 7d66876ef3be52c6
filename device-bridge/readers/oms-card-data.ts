// The owner data on the plastic OMS policy's chip (docs/domain/oms-policy.md §3):
// BER-TLV with application-class tags, owner group root 0x02 (on the wire
// 0x62, constructed) holding 5F21…5F2A. Text is UTF-8, numbers ASCII, the
// birth date BCD. The parser is tolerant where real cards may differ (root
// wrapper present or not; sex as a byte or an ASCII digit; birth date BCD or
// ASCII) and strict about what identification needs.
import { isValidEnp, type Sex } from '../domain/oms-policy';
import { concatBytes, encodeTlv, findTlv, parseBerTlv, type TlvNode } from './ber-tlv';
import type { Result } from '../contract/result';

export const OMS_TAG = {
  ownerRoot: 0x62,
  surname: 0x5f21,
  name: 0x5f22,
  patronymic: 0x5f23,
  birthDate: 0x5f24,
  sex: 0x5f25,
  enp: 0x5f26,
  snils: 0x5f27,
  expiry: 0x5f28,
  birthPlace: 0x5f29,
  issueDate: 0x5f2a,
  insurerRoot: 0x64,
  insurerOgrn: 0x5f51,
  insurerOkato: 0x5f52,
  insuranceStart: 0x5f53,
  insuranceEnd: 0x5f54,
} as const;

/** Personal data: lives for one identification only, never logged. */
export interface CardOwner {
  readonly enp: string;
  readonly surname: string;
  readonly name: string;
  readonly patronymic: string;
  /** `YYYY-MM-DD` */
  readonly birthDate: string;
  readonly sex: Sex;
  readonly snils: string | null;
  /** `YYYY-MM-DD`, null when absent (бессрочный). */
  readonly expiry: string | null;
}

export type CardDataError =
  | { readonly kind: 'bad-tlv'; readonly message: string }
  | { readonly kind: 'missing'; readonly field: keyof CardOwner; readonly message: string }
  | { readonly kind: 'bad-field'; readonly field: keyof CardOwner; readonly message: string };

export type CardDataResult = Result<CardOwner, CardDataError>;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

export function parseOwnerData(bytes: Uint8Array): CardDataResult {
  const parsed = parseBerTlv(bytes);
  if (!parsed.ok) return { ok: false, error: { kind: 'bad-tlv', message: parsed.error.message } };
  const nodes = parsed.value;
  const text = (field: keyof CardOwner, tag: number, required: boolean): Result<string | null, CardDataError> => {
    const node = findTlv(nodes, tag);
    if (!node) return required ? missing(field) : { ok: true, value: null };
    try {
      return { ok: true, value: utf8.decode(node.value).replace(/\0+$/, '').trim() };
    } catch {
      return badField(field, 'not UTF-8 text');
    }
  };

  const enp = text('enp', OMS_TAG.enp, true);
  if (!enp.ok) return enp;
  if (!/^\d{16}$/.test(enp.value ?? '')) return badField('enp', 'not 16 digits');
  const surname = text('surname', OMS_TAG.surname, true);
  if (!surname.ok) return surname;
  if (!surname.value) return missing('surname');
  const name = text('name', OMS_TAG.name, true);
  if (!name.ok) return name;
  const patronymic = text('patronymic', OMS_TAG.patronymic, false);
  if (!patronymic.ok) return patronymic;
  const snils = text('snils', OMS_TAG.snils, false);
  if (!snils.ok) return snils;

  const birthNode = findTlv(nodes, OMS_TAG.birthDate);
  if (!birthNode) return missing('birthDate');
  const birthDate = decodeCardDate(birthNode);
  if (!birthDate) return badField('birthDate', 'not a date (BCD YYYYMMDD expected)');
  const expiryNode = findTlv(nodes, OMS_TAG.expiry);
  const expiry = expiryNode ? decodeCardDate(expiryNode) : null;
  if (expiryNode && !expiry && !isEmptyDate(expiryNode.value)) return badField('expiry', 'not a date');

  const sexNode = findTlv(nodes, OMS_TAG.sex);
  if (!sexNode) return missing('sex');
  const sexByte = sexNode.value.length === 1 ? sexNode.value[0] : undefined;
  const sex: Sex | null = sexByte === 1 || sexByte === 0x31 ? 'male' : sexByte === 2 || sexByte === 0x32 ? 'female' : null;
  if (!sex) return badField('sex', 'neither 1 (М) nor 2 (Ж)');

  return {
    ok: true,
    value: {
      enp: enp.value ?? '',
      surname: surname.value,
      name: name.value ?? '',
      patronymic: patronymic.value ?? '',
      birthDate,
      sex,
      snils: snils.value || null,
      expiry,
    },
  };
}

/** Whether the card's ЕНП passes its check digit (a chip should always; reported, not enforced here). */
export const ownerEnpChecksumValid = (owner: CardOwner) => isValidEnp(owner.enp);

/** The owner file as a card holds it: root 0x62 around the 5F2x objects. What the virtual card serves. */
export function encodeOwnerData(owner: Omit<CardOwner, 'snils' | 'expiry'> & Partial<Pick<CardOwner, 'snils' | 'expiry'>>): Uint8Array {
  const children = [
    encodeTlv(OMS_TAG.surname, utf8Encoder.encode(owner.surname)),
    encodeTlv(OMS_TAG.name, utf8Encoder.encode(owner.name)),
    encodeTlv(OMS_TAG.patronymic, utf8Encoder.encode(owner.patronymic)),
    encodeTlv(OMS_TAG.birthDate, encodeBcdDate(owner.birthDate)),
    encodeTlv(OMS_TAG.sex, Uint8Array.of(owner.sex === 'male' ? 1 : 2)),
    encodeTlv(OMS_TAG.enp, utf8Encoder.encode(owner.enp)),
    ...(owner.snils ? [encodeTlv(OMS_TAG.snils, utf8Encoder.encode(owner.snils))] : []),
    ...(owner.expiry ? [encodeTlv(OMS_TAG.expiry, encodeBcdDate(owner.expiry))] : []),
  ];
  return encodeTlv(OMS_TAG.ownerRoot, concatBytes(children));
}

function encodeBcdDate(iso: string): Uint8Array {
  const digits = iso.replace(/-/g, '');
  return Uint8Array.from({ length: 4 }, (_, i) => parseInt(digits.slice(i * 2, i * 2 + 2), 16));
}

/** BCD `YYYYMMDD` (4 bytes) or ASCII `YYYYMMDD` (8 bytes) → `YYYY-MM-DD`, null when not a real date. */
function decodeCardDate(node: TlvNode): string | null {
  const v = node.value;
  let digits: string;
  if (v.length === 4) digits = Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
  else if (v.length === 8) digits = String.fromCharCode(...v);
  else return null;
  if (!/^\d{8}$/.test(digits)) return null;
  const [y, m, d] = [Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

const isEmptyDate = (v: Uint8Array) => v.length === 0 || v.every((b) => b === 0 || b === 0xff);
const missing = (field: keyof CardOwner) => ({ ok: false as const, error: { kind: 'missing' as const, field, message: `no ${field} on the card` } });
const badField = (field: keyof CardOwner, why: string) => ({
  ok: false as const,
  error: { kind: 'bad-field' as const, field, message: `${field} on the card: ${why}` },
});
