// The 2D barcode (PDF417) on a paper OMS policy: a 130-byte binary payload,
// types 01 (older) and 02 (current), exactly as in docs/domain/oms-policy.md §2.
// Pure code with no Node imports. Decoding never depends on the ЕНП check
// digit (sample forms fail it); it is reported as a flag.
import { isValidEnp, type Sex } from './oms-policy';

export const BARCODE_PAYLOAD_LENGTH = 130;
export const BARCODE_SIGNATURE_LENGTH = 65;

interface BarcodeCommon {
  /** 16 digits, zero-padded: the uint64 at offset 1. */
  readonly enp: string;
  /** Whether the ЕНП's check digit holds. Informational only. */
  readonly enpChecksumValid: boolean;
  /** Upper case, as encoded («ШМАТОВА»). */
  readonly surname: string;
  readonly name: string;
  /** Empty when the policy has none. */
  readonly patronymic: string;
  readonly sex: Sex;
  /** `YYYY-MM-DD` */
  readonly birthDate: string;
  /** `YYYY-MM-DD`, or null for «бессрочно». */
  readonly expiry: string | null;
  /** The 65 signature bytes at offset 65, unchecked. */
  readonly signature: Uint8Array;
}

export type PaperPolicyBarcode =
  | (BarcodeCommon & { readonly type: '02' })
  | (BarcodeCommon & {
      readonly type: '01';
      /** ОГРН of the insurer: the 6-byte integer at offset 56, 13 digits. */
      readonly insurerOgrn: string;
      /** ОКАТО: the 3-byte integer at offset 62, at least 5 digits (region + district). */
      readonly okato: string;
    });

export type BarcodeError =
  | { readonly kind: 'wrong-length'; readonly length: number; readonly message: string }
  | { readonly kind: 'unknown-type'; readonly typeByte: number; readonly message: string }
  | { readonly kind: 'bad-enp'; readonly message: string }
  | { readonly kind: 'bad-name'; readonly message: string }
  | { readonly kind: 'bad-sex'; readonly value: number; readonly message: string }
  | { readonly kind: 'bad-birth-date'; readonly message: string };

export type BarcodeDecodeResult = { readonly ok: true; readonly value: PaperPolicyBarcode } | { readonly ok: false; readonly error: BarcodeError };

/** Layout of each type: offsets from docs/domain/oms-policy.md §2. */
const LAYOUT = {
  0x02: { nameOffset: 9, nameBytes: 51, sex: 60, birth: 61, expiry: 63 },
  0x01: { nameOffset: 9, nameBytes: 42, sex: 51, birth: 52, expiry: 54, ogrn: 56, okato: 62 },
} as const;

/** The 6-bit ФИО alphabet: index = code. Codes 0x2F–0x3E are reserved (null here); 0x3F is the separator. */
const LETTERS = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЬЪЫЭЮЯ';
export const FIO_ALPHABET: readonly (string | null)[] = [
  ' ',
  '.',
  '-',
  '‘',
  ...'0123456789',
  ...LETTERS,
  ...Array.from({ length: 0x3f - 0x2f }, () => null),
  '|',
];

const MAX_ENP = 9_999_999_999_999_999n;
const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1900, 0, 1);

export function decodePaperPolicyBarcode(payload: Uint8Array): BarcodeDecodeResult {
  if (payload.length !== BARCODE_PAYLOAD_LENGTH) {
    return fail({
      kind: 'wrong-length',
      length: payload.length,
      message: `a paper-policy barcode holds ${BARCODE_PAYLOAD_LENGTH} bytes, got ${payload.length}`,
    });
  }
  const typeByte = payload[0] ?? 0;
  if (typeByte !== 0x01 && typeByte !== 0x02) {
    return fail({ kind: 'unknown-type', typeByte, message: `unknown barcode type 0x${hex2(typeByte)} (expected 01 or 02)` });
  }

  let enpValue = 0n;
  for (let i = 1; i <= 8; i++) enpValue = (enpValue << 8n) | BigInt(payload[i] ?? 0);
  if (enpValue > MAX_ENP) return fail({ kind: 'bad-enp', message: 'the policy number field holds more than 16 digits' });
  const enp = enpValue.toString().padStart(16, '0');

  const layout = LAYOUT[typeByte];
  const nameBytes = payload.subarray(layout.nameOffset, layout.nameOffset + layout.nameBytes);
  const names = typeByte === 0x02 ? splitFio(unpackFio(nameBytes), 'direct') : splitFio(unpackFio(Uint8Array.from(nameBytes).reverse()), 'type01');
  if (!names.ok) return names;

  const sexByte = payload[layout.sex] ?? 0;
  if (sexByte !== 1 && sexByte !== 2) {
    return fail({ kind: 'bad-sex', value: sexByte, message: `sex must be 1 (М) or 2 (Ж), got ${sexByte}` });
  }
  const birthDays = uint(payload, layout.birth, 2);
  if (birthDays === 0) return fail({ kind: 'bad-birth-date', message: 'the birth date is empty' });
  const expiryDays = uint(payload, layout.expiry, 2);

  const common: BarcodeCommon = {
    enp,
    enpChecksumValid: isValidEnp(enp),
    ...names.value,
    sex: sexByte === 1 ? 'male' : 'female',
    birthDate: daysSince1900(birthDays),
    expiry: expiryDays === 0 ? null : daysSince1900(expiryDays),
    signature: payload.slice(BARCODE_PAYLOAD_LENGTH - BARCODE_SIGNATURE_LENGTH),
  };
  if (typeByte === 0x02) return { ok: true, value: { type: '02', ...common } };
  return {
    ok: true,
    value: {
      type: '01',
      ...common,
      insurerOgrn: String(uint(payload, LAYOUT[0x01].ogrn, 6)).padStart(13, '0'),
      okato: String(uint(payload, LAYOUT[0x01].okato, 3)).padStart(5, '0'),
    },
  };
}

/** Unpacks 6-bit codes, most significant bit first; null marks a reserved code. */
function unpackFio(bytes: Uint8Array): (string | null)[] {
  const chars: (string | null)[] = [];
  const count = Math.floor((bytes.length * 8) / 6);
  for (let i = 0; i < count; i++) {
    const bit = i * 6;
    const byte = bit >> 3;
    const word = (((bytes[byte] ?? 0) << 8) | (bytes[byte + 1] ?? 0)) >> (10 - (bit & 7));
    chars.push(FIO_ALPHABET[word & 0x3f] ?? null);
  }
  return chars;
}

type Names = { readonly surname: string; readonly name: string; readonly patronymic: string };

function splitFio(chars: (string | null)[], order: 'direct' | 'type01'): { ok: true; value: Names } | { ok: false; error: BarcodeError } {
  if (chars.includes(null)) return fail({ kind: 'bad-name', message: 'the name field holds reserved character codes' });
  const parts = chars.join('').trim().split('|').map((part) => part.trim());
  if (parts.length < 2 || parts.length > 3) {
    return fail({ kind: 'bad-name', message: `the name field must be Фамилия|Имя|Отчество, found ${parts.length} part(s)` });
  }
  if (order === 'type01' && parts.length !== 3) {
    return fail({ kind: 'bad-name', message: 'a type 01 name field must be Отчество|Фамилия|Имя' });
  }
  const reversed = (s: string | undefined) => Array.from(s ?? '').reverse().join('');
  // Type 01: Отчество|Фамилия|Имя, each word spelled backwards.
  const [surname, name, patronymic] =
    order === 'direct' ? [parts[0] ?? '', parts[1] ?? '', parts[2] ?? ''] : [reversed(parts[1]), reversed(parts[2]), reversed(parts[0])];
  if (!/[А-ЯЁ]/.test(surname) || !/[А-ЯЁ]/.test(name)) {
    return fail({ kind: 'bad-name', message: 'the surname or the given name is empty' });
  }
  return { ok: true, value: { surname, name, patronymic } };
}

function uint(bytes: Uint8Array, offset: number, length: number): number {
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + (bytes[offset + i] ?? 0);
  return value;
}

function daysSince1900(days: number): string {
  return new Date(EPOCH_1900 + days * DAY_MS).toISOString().slice(0, 10);
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
const fail = (error: BarcodeError) => ({ ok: false as const, error });

/**
 * Reads a payload given as hex (spaces, newlines and `0x` prefixes allowed):
 * what `kiosk barcode decode` accepts besides raw bytes. Null when the text is not hex.
 */
export function parseHexPayload(text: string): Uint8Array | null {
  const compact = text.replace(/0x/gi, '').replace(/[\s:,-]+/g, '');
  if (compact.length === 0 || compact.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(compact)) return null;
  const bytes = new Uint8Array(compact.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(compact.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
