// A pure ESC/POS byte-stream decoder: turns what a kiosk sends to a printer
// back into what the paper would show (text lines, QR payloads, cuts). Used by
// the virtual printer and by golden tests, so it must frame every command the
// encoder emits and never let a parameter byte leak into the text.
import { codepageTable, type CodepageName } from '../driver/codepages';

const NUL = 0x00;
const HT = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const DLE = 0x10;
const EOT = 0x04;
const ENQ = 0x05;
const DC4 = 0x14;
const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;

/** `ESC t n` numbers → code page, as on Epson printers (TM-T20/T88). */
export const EPSON_CODEPAGES: Readonly<Record<number, CodepageName>> = { 0: 'cp437', 17: 'cp866', 46: 'windows1251' };

/** How the bytes of one printed line looked: what a patient notices first. */
export interface LineStyle {
  readonly bold: boolean;
  /** Character width multiplier (1 normal, 2 double). */
  readonly width: number;
  /** Character height multiplier. */
  readonly height: number;
}

export type Alignment = 'left' | 'center' | 'right';

/** What is printed between text lines: where it sits is what a paper preview needs. */
export type PaperFigure =
  | {
      readonly kind: 'qr';
      readonly payload: string;
      /** Module size in dots (`GS ( k … C n`). */
      readonly moduleSize: number;
      readonly align: Alignment;
      /** Printed before `lines[beforeLine]` (after the last line when equal to `lines.length`). */
      readonly beforeLine: number;
    }
  | {
      readonly kind: 'raster';
      readonly widthDots: number;
      readonly heightDots: number;
      /** Rows of `widthDots / 8` bytes, most significant bit first, 1 = black (`GS v 0`). */
      readonly data: Uint8Array;
      readonly align: Alignment;
      readonly beforeLine: number;
    };

/** One piece of paper: everything between two cuts. */
export interface DecodedJob {
  /** Text per printed line; trailing spaces trimmed, leading spaces (centring) kept. */
  readonly lines: string[];
  /** Parallel to `lines`. */
  readonly lineStyles: LineStyle[];
  /** Payloads of the QR codes printed, in order. */
  readonly qrCodes: string[];
  /** QR codes and raster images with their place on the paper, in order. */
  readonly figures: PaperFigure[];
  /** False only for trailing content that was never cut off. */
  readonly cut: boolean;
}

/**
 * Status requests: `DLE EOT n` is real time (answered at once, even mid-job);
 * `ESC v` (Nippon Primex) is answered in order, after the data before it.
 */
export type RealtimeRequest =
  | { readonly kind: 'status'; readonly n: number }
  | { readonly kind: 'transmit-status' }
  | { readonly kind: 'other'; readonly bytes: Uint8Array };

export interface DecodedPrintout {
  readonly jobs: DecodedJob[];
  readonly realtimeRequests: RealtimeRequest[];
  /** Commands the decoder could not frame, as hex. Our encoder's output has none. */
  readonly unknownCommands: string[];
}

export interface EscPosDecoderOptions {
  /** `ESC t n` table of the emulated printer; Epson by default. */
  readonly codepages?: Readonly<Record<number, CodepageName>>;
  /** A job finished with a cut. */
  readonly onJob?: (job: DecodedJob) => void;
  /** A job finished whose content arrived (partly) while `dropping` was on. */
  readonly onDroppedJob?: (job: DecodedJob) => void;
  readonly onRealtime?: (request: RealtimeRequest) => void;
  readonly onUnknown?: (hex: string) => void;
}

/** How long a command is, given its first bytes. */
type Frame =
  | { readonly kind: 'more' }
  | { readonly kind: 'complete'; readonly length: number }
  /** Header of `length` bytes followed by `skip` data bytes nobody reads as text (images). */
  | { readonly kind: 'skip'; readonly length: number; readonly skip: number; readonly capture?: boolean }
  /** Not a command we know: drop its first two bytes and report it. */
  | { readonly kind: 'unknown' };

const MORE: Frame = { kind: 'more' };
const fixed = (bytes: readonly number[], length: number): Frame =>
  bytes.length >= length ? { kind: 'complete', length } : MORE;
const at = (bytes: readonly number[], index: number): number => bytes[index] ?? 0;
const u16 = (bytes: readonly number[], index: number): number => at(bytes, index) + 256 * at(bytes, index + 1);

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

const FRAMERS: Readonly<Record<number, (b: readonly number[]) => Frame>> = {
  [ESC]: frameEsc,
  [GS]: frameGs,
  [FS]: frameFs,
  [DLE]: frameDle,
};

const hex = (bytes: readonly number[]): string => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');

const utf8 = new TextDecoder('utf-8');

/** Text style state the printer keeps between commands. */
interface PrintMode {
  bold: boolean;
  width: number;
  height: number;
}

/**
 * Decodes ESC/POS incrementally: `push` chunks as they arrive from a socket
 * (a command may be split anywhere), jobs come out through `onJob` at each cut.
 */
export class EscPosStreamDecoder {
  /**
   * While true, received print data is not printed: a job that gets visible
   * content meanwhile is reported through `onDroppedJob` instead of `onJob`.
   * Real-time requests are still answered. The virtual printer sets it while
   * out of paper or with the cover open.
   */
  dropping = false;

  private readonly codepages: Readonly<Record<number, CodepageName>>;
  private readonly options: EscPosDecoderOptions;
  private table: readonly string[];
  private mode: PrintMode = { bold: false, width: 1, height: 1 };
  private pending: number[] = [];
  private skip = 0;
  private droppedBytes = 0;

  private line = '';
  private lineStyle: PrintMode = { bold: false, width: 1, height: 1 };
  private lines: string[] = [];
  private lineStyles: LineStyle[] = [];
  private qrCodes: string[] = [];
  private storedQr: string | null = null;
  private qrModuleSize = 3;
  private align: Alignment = 'left';
  private figures: PaperFigure[] = [];
  private capture: { header: number[]; data: Uint8Array; filled: number } | null = null;
  /** Bytes of the pending command counted as dropped (undone if it turns out to be a status request). */
  private pendingDropped = 0;
  private jobBytes = 0;
  private jobDropped = false;

  constructor(options: EscPosDecoderOptions = {}) {
    this.options = options;
    this.codepages = options.codepages ?? EPSON_CODEPAGES;
    this.table = codepageTable(this.codepages[0] ?? 'cp437');
  }

  /** Content bytes received while `dropping` (real-time requests excluded). */
  get droppedByteCount(): number {
    return this.droppedBytes;
  }

  /** Print data bytes (status requests excluded) received since the last cut. */
  get jobByteCount(): number {
    return this.jobBytes;
  }

  push(chunk: Uint8Array): void {
    for (const byte of chunk) this.pushByte(byte);
  }

  /**
   * Ends the stream: returns what was printed after the last cut, if anything
   * (a real printer would leave it hanging out of the slot, uncut).
   */
  end(): DecodedJob | null {
    if (this.pending.length > 0) this.unknown(this.pending);
    this.pending = [];
    this.skip = 0;
    this.capture = null;
    this.endLineIfAny();
    const hasContent = this.lines.some((line) => line !== '') || this.qrCodes.length > 0 || this.figures.length > 0;
    if (!hasContent) {
      this.resetJob();
      return null;
    }
    return this.finishJob(false, false);
  }

  private pushByte(byte: number): void {
    // Image data may contain 0x10 anywhere: only a DLE that starts a command is real time.
    const realtime = this.skip === 0 && (this.pending.length > 0 ? this.pending[0] === DLE : byte === DLE);
    if (!realtime) this.jobBytes++;
    if (!realtime && this.dropping) {
      this.droppedBytes++;
      if (this.skip === 0) this.pendingDropped++;
    }
    if (this.skip > 0) {
      this.skip--;
      if (this.capture) {
        this.capture.data[this.capture.filled++] = byte;
        if (this.skip === 0) this.finishCapture();
      }
      return;
    }
    if (this.pending.length === 0) this.pendingDropped = this.dropping && !realtime ? 1 : 0;
    if (this.pending.length === 0) {
      const framer = FRAMERS[byte];
      if (framer) this.pending.push(byte);
      else this.plainByte(byte);
      return;
    }
    this.pending.push(byte);
    const framer = FRAMERS[this.pending[0] ?? 0];
    const frame = framer ? framer(this.pending) : ({ kind: 'unknown' } as const);
    switch (frame.kind) {
      case 'more':
        return;
      case 'unknown':
        this.unknown(this.pending);
        this.pending = [];
        return;
      case 'skip': {
        const header = this.pending;
        this.pending = [];
        this.skip = frame.skip;
        this.markContent();
        if (frame.capture && frame.skip > 0) this.capture = { header, data: new Uint8Array(frame.skip), filled: 0 };
        return;
      }
      case 'complete': {
        const command = this.pending;
        this.pending = [];
        this.execute(command);
        return;
      }
    }
  }

  private plainByte(byte: number): void {
    if (byte === LF) {
      this.endLine();
    } else if (byte === CR || byte === NUL) {
      // The encoder ends lines with LF CR; CR alone prints nothing on a printer
      // in line mode with auto line feed off.
    } else if (byte === HT) {
      this.appendText(' ');
    } else {
      const char = this.table[byte] ?? '';
      if (char === '') this.unknown([byte]);
      else this.appendText(char);
    }
  }

  /**
   * Something visible was received. Only visible content taints a job while
   * dropping: the newline a job ends with, or a lone ESC @, must not make the
   * next ticket (sent after the refill) count as dropped.
   */
  private markContent(): void {
    if (this.dropping) this.jobDropped = true;
  }

  private appendText(text: string): void {
    this.markContent();
    this.line += text;
    if (text.trim() !== '') {
      // A line's style is that of its visible characters: centring pads with
      // normal-size spaces before double-size text.
      this.lineStyle = {
        bold: this.lineStyle.bold || this.mode.bold,
        width: Math.max(this.lineStyle.width, this.mode.width),
        height: Math.max(this.lineStyle.height, this.mode.height),
      };
    }
  }

  private execute(b: readonly number[]): void {
    const [first, second] = b;
    if (first === DLE) {
      this.options.onRealtime?.(
        second === EOT ? { kind: 'status', n: at(b, 2) } : { kind: 'other', bytes: Uint8Array.from(b) },
      );
      return;
    }
    if (first === ESC) {
      switch (second) {
        case 0x40: // ESC @: back to power-on state (the job goes on)
          this.mode = { bold: false, width: 1, height: 1 };
          this.align = 'left';
          this.table = codepageTable(this.codepages[0] ?? 'cp437');
          return;
        case 0x61: {
          const n = at(b, 2);
          this.align = n === 1 || n === 0x31 ? 'center' : n === 2 || n === 0x32 ? 'right' : 'left';
          return;
        }
        case 0x76: // ESC v: a status query, not print data
          this.jobBytes = Math.max(0, this.jobBytes - b.length);
          this.droppedBytes -= this.pendingDropped;
          this.pendingDropped = 0;
          this.options.onRealtime?.({ kind: 'transmit-status' });
          return;
        case 0x74: {
          const name = this.codepages[at(b, 2)];
          if (name) this.table = codepageTable(name);
          else this.unknown(b);
          return;
        }
        case 0x45:
          this.mode = { ...this.mode, bold: (at(b, 2) & 1) === 1 };
          return;
        case 0x21: {
          const n = at(b, 2);
          this.mode = { bold: (n & 0x08) !== 0, width: n & 0x20 ? 2 : 1, height: n & 0x10 ? 2 : 1 };
          return;
        }
        case 0x64: {
          // ESC d n: print the buffer and feed n lines.
          const n = at(b, 2);
          if (n === 0) this.endLineIfAny();
          for (let i = 0; i < n; i++) this.endLine();
          return;
        }
        case 0x4a: // ESC J n: print the buffer, feed n dots
          this.endLineIfAny();
          return;
        case 0x69:
        case 0x6d: // ESC i / ESC m: cut
          this.cut();
          return;
        default:
          return;
      }
    }
    if (first === GS) {
      switch (second) {
        case 0x21: {
          const n = at(b, 2);
          this.mode = { ...this.mode, width: ((n >> 4) & 0x07) + 1, height: (n & 0x07) + 1 };
          return;
        }
        case 0x56:
          this.cut();
          return;
        case 0x28:
          this.qrCommand(b);
          return;
        default:
          return;
      }
    }
  }

  /** GS ( k pL pH cn fn …, cn 49 = QR: fn 67 module size, fn 80 stores the data, fn 81 prints it. */
  private qrCommand(b: readonly number[]): void {
    if (at(b, 2) !== 0x6b || at(b, 5) !== 0x31) return;
    const fn = at(b, 6);
    if (fn === 0x43) {
      this.qrModuleSize = at(b, 7);
    } else if (fn === 0x50) {
      // Payload bytes follow `m` (0x30); the layout sends UTF-8.
      this.storedQr = utf8.decode(Uint8Array.from(b.slice(8)));
    } else if (fn === 0x51 && this.storedQr !== null) {
      this.markContent();
      this.qrCodes.push(this.storedQr);
      this.figures.push({ kind: 'qr', payload: this.storedQr, moduleSize: this.qrModuleSize, align: this.align, beforeLine: this.lines.length });
    }
  }

  /** A `GS v 0` raster image has arrived whole. */
  private finishCapture(): void {
    const capture = this.capture;
    this.capture = null;
    if (!capture) return;
    this.figures.push({
      kind: 'raster',
      widthDots: u16(capture.header, 4) * 8,
      heightDots: u16(capture.header, 6),
      data: capture.data,
      align: this.align,
      beforeLine: this.lines.length,
    });
  }

  private endLine(): void {
    this.lines.push(this.line.trimEnd());
    this.lineStyles.push(this.lineStyle);
    this.line = '';
    this.lineStyle = { bold: false, width: 1, height: 1 };
  }

  private endLineIfAny(): void {
    if (this.line !== '') this.endLine();
  }

  private cut(): void {
    this.endLineIfAny();
    this.finishJob(true, true);
  }

  private finishJob(cut: boolean, emit: boolean): DecodedJob {
    // Blank lines at either end are paper feed (before the cutter, and the
    // encoder's newline after a cut), not part of what the ticket says.
    let start = 0;
    let stop = this.lines.length;
    while (start < stop && this.lines[start] === '') start++;
    while (stop > start && this.lines[stop - 1] === '') stop--;
    const job: DecodedJob = {
      lines: this.lines.slice(start, stop),
      lineStyles: this.lineStyles.slice(start, stop),
      qrCodes: this.qrCodes,
      figures: this.figures.map((figure) => ({
        ...figure,
        beforeLine: Math.min(stop, Math.max(start, figure.beforeLine)) - start,
      })),
      cut,
    };
    const dropped = this.jobDropped;
    this.resetJob();
    if (emit) {
      if (dropped) this.options.onDroppedJob?.(job);
      else this.options.onJob?.(job);
    }
    return job;
  }

  private resetJob(): void {
    this.line = '';
    this.lineStyle = { bold: false, width: 1, height: 1 };
    this.lines = [];
    this.lineStyles = [];
    this.qrCodes = [];
    this.figures = [];
    this.jobBytes = 0;
    this.jobDropped = false;
  }

  private unknown(bytes: readonly number[]): void {
    this.options.onUnknown?.(hex(bytes));
  }
}

/** Decodes a complete byte stream at once (tests, files). */
export function decodeEscPos(
  bytes: Uint8Array,
  options: Pick<EscPosDecoderOptions, 'codepages'> = {},
): DecodedPrintout {
  const jobs: DecodedJob[] = [];
  const realtimeRequests: RealtimeRequest[] = [];
  const unknownCommands: string[] = [];
  const decoder = new EscPosStreamDecoder({
    ...options,
    onJob: (job) => jobs.push(job),
    onRealtime: (request) => realtimeRequests.push(request),
    onUnknown: (command) => unknownCommands.push(command),
  });
  decoder.push(bytes);
  const rest = decoder.end();
  if (rest) jobs.push(rest);
  return { jobs, realtimeRequests, unknownCommands };
}

/** A job as plain text, QR codes as `[QR: …]` lines: for logs and the virtual printer's output file. */
export function formatDecodedJob(job: DecodedJob): string {
  return [...job.lines, ...job.qrCodes.map((data) => `[QR: ${data}]`)].join('\n');
}
