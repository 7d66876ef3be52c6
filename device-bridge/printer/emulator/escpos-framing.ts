// Framing of ESC/POS commands: how many bytes each command the kiosk's
// encoder (or a printer driver) sends takes, so that the decoder
// (escpos-decoder.ts) never reads a parameter byte as text.

export const NUL = 0x00;
export const HT = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const DLE = 0x10;
export const EOT = 0x04;
export const ENQ = 0x05;
export const DC4 = 0x14;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;

/** How long a command is, given its first bytes. */
export type Frame =
  | { readonly kind: 'more' }
  | { readonly kind: 'complete'; readonly length: number }
  /** Header of `length` bytes followed by `skip` data bytes nobody reads as text (images). */
  | { readonly kind: 'skip'; readonly length: number; readonly skip: number; readonly capture?: boolean }
  /** Not a command we know: drop its first two bytes and report it. */
  | { readonly kind: 'unknown' };

const MORE: Frame = { kind: 'more' };
const fixed = (bytes: readonly number[], length: number): Frame =>
  bytes.length >= length ? { kind: 'complete', length } : MORE;
export const at = (bytes: readonly number[], index: number): number => bytes[index] ?? 0;
export const u16 = (bytes: readonly number[], index: number): number => at(bytes, index) + 256 * at(bytes, index + 1);

// Commands with a fixed number of parameter bytes, by their second byte.
const ESC_PARAMS: Readonly<Record<number, number>> = {
  0x40: 0, // ESC @ initialise
  0x32: 0, // ESC 2 default line spacing
  0x3c: 0, // ESC < return home
  0x69: 0, // ESC i partial cut (old)
  0x6d: 0, // ESC m partial cut (old)
  0x0c: 0, // ESC FF print page (page mode)
  0x4c: 0, // ESC L page mode
  0x53: 0, // ESC S standard mode
  0x74: 1, // ESC t code page
  0x61: 1, // ESC a alignment
  0x45: 1, // ESC E bold
  0x47: 1, // ESC G double strike
  0x4d: 1, // ESC M font
  0x21: 1, // ESC ! print mode
  0x2d: 1, // ESC - underline
  0x34: 1, // ESC 4 italic (the encoder emits it)
  0x64: 1, // ESC d feed n lines
  0x65: 1, // ESC e reverse feed
  0x4a: 1, // ESC J feed n dots
  0x33: 1, // ESC 3 line spacing
  0x20: 1, // ESC SP character spacing
  0x52: 1, // ESC R international set
  0x55: 1, // ESC U unidirectional
  0x56: 1, // ESC V rotate
  0x7b: 1, // ESC { upside down
  0x72: 1, // ESC r colour
  0x25: 1, // ESC % user characters
  0x3d: 1, // ESC = peripheral
  0x54: 1, // ESC T page direction
  0x3f: 1, // ESC ? cancel user character
  0x24: 2, // ESC $ absolute position
  0x5c: 2, // ESC \ relative position
  0x63: 2, // ESC c 3/4/5 n panel and sensors
  0x70: 3, // ESC p drawer pulse
  0x57: 8, // ESC W page mode area
  0x76: 0, // ESC v transmit status (Nippon Primex; answered in order)
};

const GS_PARAMS: Readonly<Record<number, number>> = {
  0x21: 1, // GS ! character size
  0x42: 1, // GS B reverse
  0x68: 1, // GS h barcode height
  0x77: 1, // GS w barcode width
  0x48: 1, // GS H barcode text position
  0x66: 1, // GS f barcode font
  0x62: 1, // GS b smoothing
  0x61: 1, // GS a automatic status back
  0x72: 1, // GS r status (answered in order, not real time)
  0x49: 1, // GS I printer id
  0x2f: 1, // GS / print downloaded image
  0x65: 1, // GS e presenter (Custom: 3 present, 2 retract, 5 push)
  0x4c: 2, // GS L left margin
  0x57: 2, // GS W print area width
  0x50: 2, // GS P motion units
  0x24: 2, // GS $ vertical position (page mode)
  0x5c: 2, // GS \ relative vertical position
};

const FS_PARAMS: Readonly<Record<number, number>> = {
  0x2e: 0, // FS . cancel Kanji mode
  0x26: 0, // FS & Kanji mode
  0x21: 1, // FS ! Kanji print mode
  0x2d: 1, // FS - Kanji underline
  0x43: 1, // FS C Kanji code system
  0x57: 1, // FS W Kanji quadruple size
  0x53: 2, // FS S Kanji spacing
  0x70: 2, // FS p print NV image
};

function frameEsc(b: readonly number[]): Frame {
  if (b.length < 2) return MORE;
  const command = at(b, 1);
  if (command === 0x2a) {
    // ESC * m nL nH d…: column image, 1 or 3 bytes per column.
    if (b.length < 5) return MORE;
    const bytesPerColumn = at(b, 2) <= 1 ? 1 : 3;
    return { kind: 'skip', length: 5, skip: u16(b, 3) * bytesPerColumn };
  }
  if (command === 0x44) {
    // ESC D n1 … NUL: tab positions.
    return b.length > 2 && b[b.length - 1] === NUL ? { kind: 'complete', length: b.length } : MORE;
  }
  const params = ESC_PARAMS[command];
  return params === undefined ? { kind: 'unknown' } : fixed(b, 2 + params);
}

function frameGs(b: readonly number[]): Frame {
  if (b.length < 2) return MORE;
  const command = at(b, 1);
  switch (command) {
    case 0x56: {
      // GS V m [n]: function B (m = 65, 66, 97, 98, 103, 104) carries a feed amount.
      if (b.length < 3) return MORE;
      return fixed(b, [0x41, 0x42, 0x61, 0x62, 0x67, 0x68].includes(at(b, 2)) ? 4 : 3);
    }
    case 0x28: {
      // GS ( fn pL pH …: QR codes (k) are read, everything else is skipped.
      if (b.length < 5) return MORE;
      const length = 5 + u16(b, 3);
      return at(b, 2) === 0x6b ? fixed(b, length) : { kind: 'skip', length: 5, skip: length - 5 };
    }
    case 0x38: {
      // GS 8 L p1 p2 p3 p4 …: graphics with a 32-bit length.
      if (b.length < 7) return MORE;
      return { kind: 'skip', length: 7, skip: u16(b, 3) + 65536 * u16(b, 5) };
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH d…: raster image, (x × y) bytes, kept for the paper preview.
      if (b.length < 8) return MORE;
      return { kind: 'skip', length: 8, skip: u16(b, 4) * u16(b, 6), capture: at(b, 2) === 0x30 };
    }
    case 0x2a: {
      // GS * x y d…: downloaded image, x × y × 8 bytes.
      if (b.length < 4) return MORE;
      return { kind: 'skip', length: 4, skip: at(b, 2) * at(b, 3) * 8 };
    }
    case 0x6b: {
      // GS k m …: barcode; m ≤ 6 ends with NUL, m ≥ 65 has a length byte.
      if (b.length < 3) return MORE;
      if (at(b, 2) <= 6) return b.length > 3 && b[b.length - 1] === NUL ? { kind: 'complete', length: b.length } : MORE;
      if (b.length < 4) return MORE;
      return fixed(b, 4 + at(b, 3));
    }
    default: {
      const params = GS_PARAMS[command];
      return params === undefined ? { kind: 'unknown' } : fixed(b, 2 + params);
    }
  }
}

function frameFs(b: readonly number[]): Frame {
  if (b.length < 2) return MORE;
  const params = FS_PARAMS[at(b, 1)];
  return params === undefined ? { kind: 'unknown' } : fixed(b, 2 + params);
}

function frameDle(b: readonly number[]): Frame {
  if (b.length < 2) return MORE;
  const command = at(b, 1);
  if (command === EOT || command === ENQ) return fixed(b, 3);
  if (command === DC4) {
    // DLE DC4 fn …: pulse (1), power off (2), buzzer/clear (7, 8).
    if (b.length < 3) return MORE;
    const lengths: Readonly<Record<number, number>> = { 1: 5, 2: 5, 7: 4, 8: 10 };
    const length = lengths[at(b, 2)];
    return length === undefined ? { kind: 'unknown' } : fixed(b, length);
  }
  return { kind: 'unknown' };
}

export const FRAMERS: Readonly<Record<number, (b: readonly number[]) => Frame>> = {
  [ESC]: frameEsc,
  [GS]: frameGs,
  [FS]: frameFs,
  [DLE]: frameDle,
};

export const hex = (bytes: readonly number[]): string => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
