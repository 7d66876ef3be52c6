// Ticket layout: TicketData (what the ticket says) → ESC/POS bytes for one
// printer profile (how wide, which code page, QR or not). Text and native QR
// only, no raster: a raster ticket is ten times the bytes and prints slower.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { canPrintChar, type CodepageName } from '../driver/codepages';
import type { PrinterProfile } from '../driver/printer-profile';
import type { TicketData } from '../../contract/ticket';
import { wrapText } from './text-wrap';

// Tests and the memo layout take wrapping from here, with the other primitives.
export { wrapText };

// Typography that data sources love and CP866 lacks. Without this the printer
// shows '?' in «Городская поликлиника № 5» style names.
const SUBSTITUTES: Readonly<Record<string, string>> = {
  '«': '"', '»': '"', '„': '"', '“': '"', '”': '"', '‘': "'", '’': "'",
  '–': '-', '—': '-', '−': '-', '…': '...', '№': 'N',
};

/**
 * Makes `text` printable in the profile's code page. Control characters are
 * removed so data from a scheduler can never smuggle printer commands (an ESC
 * in a doctor's name would otherwise reach the printer as a command).
 */
export function toPrintableText(text: string, codepage: CodepageName): string {
  let out = '';
  for (const char of text) {
    if (canPrintChar(codepage, char)) out += char;
    else if (/\s/.test(char)) out += ' ';
    else if (/\p{Cc}/u.test(char)) continue;
    else out += SUBSTITUTES[char] ?? '?';
  }
  return out;
}

/**
 * Labels of the ticket lines that carry personal data. Paper may show them
 * (reduced), logs may not: whoever logs ticket text masks these lines.
 */
const PATIENT_LABEL = 'Пациент:';
const POLICY_LABEL = 'Полис:';
export const PERSONAL_DATA_LABELS: readonly string[] = [PATIENT_LABEL, POLICY_LABEL];

/** Keeps only the last four characters: the ticket must never show the full policy number. */
const lastFour = (value: string): string => [...value.trim()].slice(-4).join('');

/**
 * QR payloads go out byte for byte (the encoder takes them as ISO-8859-1).
 * Pass UTF-8 bytes so a booking number with Cyrillic letters scans correctly
 * instead of turning into '?'. ASCII is unchanged.
 */
const utf8AsLatin1 = (value: string): string => String.fromCharCode(...new TextEncoder().encode(value));

export interface Paragraph {
  readonly text: string;
  readonly align?: 'left' | 'center';
  readonly bold?: boolean;
  /** Double width and height: half as many characters fit on a line. */
  readonly large?: boolean;
}

/**
 * One paper job for one printer profile, written paragraph by paragraph: the
 * primitives the ticket and the memo (memo-layout.ts) share, so both pin the
 * same code page, wrap to the same columns and cut the same way.
 */
export interface PaperWriter {
  /** For what the primitives do not cover (QR codes, raw bytes). */
  readonly encoder: ReceiptPrinterEncoder;
  readonly profile: PrinterProfile;
  /** Printable in the profile's code page, wrapped to its columns. */
  write(paragraph: Paragraph): void;
  /** `label value` on one line, or the value on a line of its own if it would break otherwise. */
  labelled(label: string, value: string): void;
  blank(): void;
  /** A full-width line of dashes. */
  rule(): void;
  /** Feeds, cuts (and presents, on a printer with a presenter); the job's bytes. */
  finish(): Uint8Array;
}

export function startPaper(profile: PrinterProfile): PaperWriter {
  const encoder = new ReceiptPrinterEncoder({
    language: profile.language,
    codepageMapping: profile.codepageMapping,
    columns: profile.columns,
    feedBeforeCut: profile.cutter.feedLinesBeforeCut,
  });
  // Pin the code page: 'auto' switches tables per character and clones map the
  // numbers differently, which prints garbage instead of Cyrillic.
  encoder.initialize().codepage(profile.codepage.name);

  const write = ({ text, align = 'left', bold = false, large = false }: Paragraph): void => {
    const columns = large ? Math.floor(profile.columns / 2) : profile.columns;
    const lines = wrapText(toPrintableText(text, profile.codepage.name), columns);
    if (lines.length === 0) return;
    encoder.align(align).bold(bold);
    if (large) encoder.size(2, 2);
    for (const line of lines) encoder.line(line);
    if (large) encoder.size(1, 1);
    encoder.bold(false).align('left');
  };
  return {
    encoder,
    profile,
    write,
    // Some values are useless when broken across lines (a phone number the
    // patient has to dial): if the value fits a line by itself, give it one.
    labelled(label, value) {
      const text = toPrintableText(`${label} ${value}`, profile.codepage.name);
      const valueText = toPrintableText(value, profile.codepage.name).trim();
      if ([...text].length <= profile.columns || [...valueText].length > profile.columns) {
        write({ text });
      } else {
        write({ text: label });
        write({ text: valueText });
      }
    },
    blank() {
      encoder.newline();
    },
    rule() {
      encoder.line('-'.repeat(profile.columns));
    },
    finish() {
      encoder.cut(profile.cutter.type);
      // A kiosk printer with a presenter holds the cut paper until told to hand it out.
      if (profile.presenter) encoder.raw(profile.presenter.presentAfterCut);
      return encoder.encode();
    },
  };
}

/** Raw `GS v 0` logo bytes, centred: raw bytes bypass the encoder's (lazy) alignment. */
export function writeLogo(paper: PaperWriter, logo: Uint8Array | undefined): void {
  if (logo && logo.length > 0) paper.encoder.raw([0x1b, 0x61, 0x01, ...logo, 0x1b, 0x61, 0x00]);
}

/** What to bring and when to come (issue 17's ticket). */
export const ARRIVE_HINT = 'Приходите за 10 минут; возьмите полис и паспорт.';
/** Under the QR: what it is for. */
export const CHECK_IN_HINT = 'Отметиться о приходе: поднесите QR к сканеру инфомата.';
export const CANCEL_HINT = 'Не сможете прийти? Отмените запись на инфомате («Мои записи»)';

/** Printed at the top and the bottom of a training or test ticket. */
export const TRAINING_MARK = 'ОБРАЗЕЦ — НЕ ДЕЙСТВИТЕЛЕН';

export interface TicketLayoutOptions {
  /**
   * The clinic's logo as ready `GS v 0` raster bytes for this profile (see
   * `loadLogo` in raster.ts): printed centred above the clinic name.
   */
  readonly logo?: Uint8Array;
}

/** Encodes one ticket for one printer model. Pure: same input, same bytes. */
export function encodeTicket(ticket: TicketData, profile: PrinterProfile, options: TicketLayoutOptions = {}): Uint8Array {
  const paper = startPaper(profile);
  const { encoder, write, labelled, blank, rule } = paper;

  const trainingMark = (): void => {
    if (!ticket.training) return;
    rule();
    write({ text: TRAINING_MARK, align: 'center', bold: true });
    rule();
  };

  writeLogo(paper, options.logo);
  trainingMark();
  write({ text: ticket.clinicName, align: 'center', bold: true });
  // A training ticket carries the clinic's name only (training/training-sandbox.ts blanks the rest).
  if (ticket.clinicAddress) write({ text: ticket.clinicAddress, align: 'center' });
  rule();
  write({ text: 'ТАЛОН НА ПРИЁМ', align: 'center', bold: true, large: true });
  blank();
  write({ text: ticket.specialty, bold: true });
  write({ text: `Врач: ${ticket.doctor}` });
  blank();
  // Date and weekday, then time and room side by side, all large: what the patient looks for in the corridor.
  write({ text: ticket.date, align: 'center', large: true });
  write({ text: ticket.weekday, align: 'center', large: true });
  write({ text: `${ticket.time}  каб. ${ticket.room}`, align: 'center', bold: true, large: true });
  if (ticket.floor) write({ text: `${ticket.floor} этаж`, align: 'center', bold: true, large: true });
  blank();
  write({ text: ARRIVE_HINT });
  blank();
  write({ text: `${PATIENT_LABEL} ${ticket.patient}` });
  write({ text: `${POLICY_LABEL} **** ${lastFour(ticket.policyLast4)}` });
  labelled('Номер записи:', ticket.bookingNumber);
  if (ticket.checkInCode && profile.qrCode.native) {
    // The signed check-in code (device-bridge/check-in/ticket-code.ts), digits only; without native QR the number above is enough.
    encoder.align('center').qrcode(utf8AsLatin1(ticket.checkInCode), { size: 6 }).align('left');
    write({ text: CHECK_IN_HINT });
  }
  write({ text: ticket.clinicPhone ? `${CANCEL_HINT} или по телефону:` : `${CANCEL_HINT}.` });
  if (ticket.clinicPhone) write({ text: ticket.clinicPhone, bold: true });
  rule();
  write({ text: `Напечатано: ${ticket.printedAt} Инфомат ${ticket.kioskId}` });
  trainingMark();
  return paper.finish();
}
