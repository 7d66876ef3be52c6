// A pure ESC/POS byte-stream decoder: turns what a kiosk sends to a printer
// back into what the paper would show (text lines, QR payloads, cuts). Used by
// the virtual printer and by golden tests, so it must frame every command the
// encoder emits and never let a parameter byte leak into the text.
import { codepageTable, type CodepageName } from '../driver/codepages';
import type { Alignment, DecodedJob, DecodedPrintout, EscPosDecoderOptions, LineStyle, PaperFigure, RealtimeRequest } from './escpos-job';
import { at, CR, DLE, EOT, ESC, FRAMERS, GS, hex, HT, LF, NUL, u16 } from './escpos-framing';

export type { Alignment, DecodedJob, DecodedPrintout, EscPosDecoderOptions, LineStyle, PaperFigure, RealtimeRequest } from './escpos-job';
export { formatDecodedJob } from './escpos-job';

/** `ESC t n` numbers → code page, as on Epson printers (TM-T20/T88). */
export const EPSON_CODEPAGES: Readonly<Record<number, CodepageName>> = { 0: 'cp437', 17: 'cp866', 46: 'windows1251' };

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
