// Memo layout: MemoData (the памятка «Как записаться к врачу через инфомат»)
// → ESC/POS bytes for one printer profile. Same primitives as the ticket
// (ticket-layout.ts): the profile's pinned code page, its columns, its cutter.
import type { MemoData } from './memo-data';
import type { PrinterProfile } from '../driver/printer-profile';
import { startPaper, toPrintableText, wrapText, writeLogo, type PaperWriter, type TicketLayoutOptions } from './ticket-layout';

/** «1.», «2)», «-», «—», «•», «*» followed by the item's text. */
const LIST_ITEM = /^(\d{1,2}[.)]|[-–—•*])\s+(\S.*)$/u;
/** Narrower than this beside the marker and the item is printed as a plain paragraph. */
const MIN_ITEM_COLUMNS = 12;

/**
 * One paragraph of the memo, printable in the profile's code page and wrapped
 * to its columns. A step or a bullet wraps under its own text, not under the
 * marker, so the numbers stand out in a column on paper:
 *
 *     2. Введите номер полиса ОМС: 16
 *        цифр с полиса.
 */
function writeParagraph(paper: PaperWriter, text: string, keepWhole: readonly string[], bold = false): void {
  const { profile, encoder } = paper;
  const printable = toPrintableText(text, profile.codepage.name).trim();
  const kept = keepWhole.map((phrase) => toPrintableText(phrase, profile.codepage.name));
  const item = LIST_ITEM.exec(printable);
  const marker = item?.[1] && item[2] && profile.columns - [...item[1]].length - 1 >= MIN_ITEM_COLUMNS ? item[1] : '';
  const indent = marker ? [...marker].length + 1 : 0;
  const lines = wrapText(marker ? (item?.[2] ?? '') : printable, profile.columns - indent, kept);
  if (lines.length === 0) return;
  encoder.bold(bold);
  lines.forEach((line, i) => encoder.line(`${i === 0 && marker ? `${marker} ` : ' '.repeat(indent)}${line}`));
  encoder.bold(false);
}

/** Encodes the memo for one printer model. Pure: same input, same bytes. */
export function encodeMemo(memo: MemoData, profile: PrinterProfile, options: TicketLayoutOptions = {}): Uint8Array {
  const paper = startPaper(profile);
  const { write, blank, rule } = paper;
  writeLogo(paper, options.logo);
  write({ text: memo.clinicName, align: 'center', bold: true });
  write({ text: memo.clinicAddress, align: 'center' });
  rule();
  write({ text: memo.title, align: 'center', bold: true, large: true });
  for (const section of memo.sections) {
    blank();
    writeParagraph(paper, section.heading, memo.keepWhole, true);
    for (const line of section.lines) writeParagraph(paper, line, memo.keepWhole);
  }
  rule();
  return paper.finish();
}
