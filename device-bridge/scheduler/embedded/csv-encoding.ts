// The bytes of a patients CSV as text. Excel on a Russian Windows saves
// «CSV (разделитель — точка с запятой)» in Windows-1251 without a BOM, and
// «CSV UTF-8» with a BOM; LibreOffice and scripts write UTF-8, usually without
// one. So: a UTF-8 BOM means UTF-8; text that decodes as UTF-8 is UTF-8 (plain
// ASCII is the same in both); anything else is read as Windows-1251. Real
// Russian text in Windows-1251 is practically never valid UTF-8: its letters
// (0xC0–0xFF) would have to be followed by bytes 0x80–0xBF, which are mostly
// punctuation, Ё and ё. `--encoding` overrides the guess.
import { err, ok, type Result } from '../../contract/result';

export const CSV_ENCODINGS = ['utf-8', 'windows-1251'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export interface DecodedCsv {
  readonly text: string;
  readonly encoding: CsvEncoding;
  /** true when the encoding was guessed from the bytes, false when `--encoding` said it. */
  readonly detected: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

const ALIASES: Readonly<Record<string, CsvEncoding>> = { 'utf-8': 'utf-8', utf8: 'utf-8', 'windows-1251': 'windows-1251', cp1251: 'windows-1251' };

/** `--encoding`'s value (`utf-8` or `windows-1251`; `utf8` and `cp1251` are taken too), or null. */
export function parseCsvEncoding(name: string): CsvEncoding | null {
  return ALIASES[name.toLowerCase()] ?? null;
}

/** The file's text, or why it cannot be read as a patients CSV. */
export function decodeCsvBytes(bytes: Uint8Array, forced?: CsvEncoding): Result<DecodedCsv, string> {
  // Excel's «Unicode text» is UTF-16 and tab-separated: not a CSV this importer reads.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return err('the file is UTF-16 (Excel’s «Unicode text»); save it as «CSV UTF-8» or «CSV (разделитель — точка с запятой)»');
  }
  const bom = startsWith(bytes, UTF8_BOM);
  if (forced === 'windows-1251') {
    if (bom) return err('--encoding windows-1251, but the file starts with a UTF-8 byte order mark: leave --encoding out');
    return ok({ text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251', detected: false });
  }
  try {
    // fatal: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD; the BOM is dropped.
    return ok({ text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', detected: forced === undefined });
  } catch {
    if (forced === 'utf-8') return err('--encoding utf-8, but the file is not valid UTF-8: leave --encoding out to read a Windows-1251 file as Excel saves it');
    if (bom) return err('the file starts with a UTF-8 byte order mark but is not valid UTF-8 further on');
    return ok({ text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251', detected: true });
  }
}
