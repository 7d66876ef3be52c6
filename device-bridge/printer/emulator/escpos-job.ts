// What the emulator reads off a printout: the decoded jobs (lines, styles,
// QR codes, images, cuts) and the status requests, as the virtual printer,
// the paper preview (paper-render.ts) and the golden tests see them. The
// decoder that produces them is escpos-decoder.ts.
import type { CodepageName } from '../driver/codepages';

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

/** A job as plain text, QR codes as `[QR: …]` lines: for logs and the virtual printer's output file. */
export function formatDecodedJob(job: DecodedJob): string {
  return [...job.lines, ...job.qrCodes.map((data) => `[QR: ${data}]`)].join('\n');
}
