// The single-byte code pages a kiosk ticket can be printed in, as 256-character
// tables. Shared by the decoder (bytes → text) and the layout (which characters
// the printer can print at all), so both agree on what ends up on paper.

/** Names as the encoder spells them (`.codepage('cp866')`). */
export const CODEPAGE_NAMES = ['cp437', 'cp866', 'windows1251'] as const;
export type CodepageName = (typeof CODEPAGE_NAMES)[number];

// CP437 is not in the WHATWG encoding list, so TextDecoder cannot do it; it is
// the power-on default of almost every ESC/POS printer, so text before any
// `ESC t` is read with it.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const WHATWG_LABEL: Record<Exclude<CodepageName, 'cp437'>, string> = {
  cp866: 'ibm866',
  windows1251: 'windows-1251',
};

const tables = new Map<CodepageName, readonly string[]>();

/**
 * The character each byte prints as. Bytes below 0x20 and 0x7f are control
 * codes on a printer, so they map to '' and never become text.
 */
export function codepageTable(name: CodepageName): readonly string[] {
  const cached = tables.get(name);
  if (cached) return cached;
  const table: string[] = [];
  for (let byte = 0; byte < 0x80; byte++) {
    table.push(byte < 0x20 || byte === 0x7f ? '' : String.fromCharCode(byte));
  }
  if (name === 'cp437') {
    table.push(...CP437_HIGH);
  } else {
    const decoder = new TextDecoder(WHATWG_LABEL[name]);
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const char = decoder.decode(Uint8Array.of(byte));
      // Windows-1251 leaves 0x98 undefined; WHATWG maps it to a C1 control.
      table.push(/[\u0080-\u009f]/.test(char) ? '' : char);
    }
  }
  tables.set(name, table);
  return table;
}

const printable = new Map<CodepageName, ReadonlySet<string>>();

/** Whether the printer can print `char` in this code page (otherwise the encoder sends '?'). */
export function canPrintChar(name: CodepageName, char: string): boolean {
  let set = printable.get(name);
  if (!set) {
    set = new Set(codepageTable(name).filter((c) => c !== ''));
    printable.set(name, set);
  }
  return set.has(char);
}
