// Splits the byte stream of a serial / USB-CDC barcode scanner into scans.
// Two kinds arrive on the same port:
//  - the paper policy's PDF417: 130 binary bytes starting with 0x01 or 0x02
//    (docs/domain/oms-policy.md §2), maybe followed by CR/LF;
//  - a text line (the digital policy's QR, or any other code) ended by CR/LF,
//    or by a pause when the scanner sends no suffix.
// Garbage (line noise, a half frame after a reconnect) is skipped: a binary
// frame must start with 0x01/0x02 *and* decode plausibly, otherwise the
// parser moves on by one byte and looks again. Pure: no I/O, no timers; the
// port wrapper calls flush() after a pause.
import { BARCODE_PAYLOAD_LENGTH, decodePaperPolicyBarcode, type PaperPolicyBarcode } from '../domain/oms-barcode';

export type Scan =
  | { readonly kind: 'paper-policy'; readonly barcode: PaperPolicyBarcode }
  /** A text code holding a 16-digit ЕНП (digital policy). */
  | { readonly kind: 'enp-text'; readonly enp: string }
  /** A code that is not a policy (some other barcode, a truncated frame). No content kept: it may be personal. */
  | { readonly kind: 'unrecognised'; readonly detail: string };

export interface ScanFrameParser {
  push(bytes: Uint8Array): Scan[];
  /** The scanner paused: whatever is pending is a complete (text) scan or a broken one. */
  flush(): Scan[];
  /** Bytes held while waiting for the rest of a frame or line. */
  pending(): number;
}

const CR = 0x0d;
const LF = 0x0a;
const MAX_PENDING = 8192;
/** Shorter noise is dropped silently; a longer unrecognised code is reported. */
const MIN_REPORTED_TEXT = 4;
const ENP_IN_TEXT = /(?<!\d)\d{16}(?!\d)/;

const isFrameStart = (b: number | undefined) => b === 0x01 || b === 0x02;
/** Text: no control bytes except TAB (UTF-8 bytes ≥ 0x80 are fine). */
const isText = (bytes: Uint8Array) => bytes.every((b) => b === 0x09 || (b >= 0x20 && b !== 0x7f));

export function createScanFrameParser(): ScanFrameParser {
  let buffer = new Uint8Array(0);

  const drop = (n: number) => {
    buffer = buffer.subarray(n);
  };

  function textScan(line: Uint8Array): Scan | null {
    if (!isText(line)) return null; // binary noise
    const text = new TextDecoder().decode(line).trim();
    const enp = ENP_IN_TEXT.exec(text)?.[0];
    if (enp) return { kind: 'enp-text', enp };
    if (text.length < MIN_REPORTED_TEXT) return null;
    return { kind: 'unrecognised', detail: `a ${text.length}-character code without a policy number` };
  }

  function drain(final: boolean): Scan[] {
    const scans: Scan[] = [];
    for (;;) {
      while (buffer.length > 0 && (buffer[0] === CR || buffer[0] === LF || buffer[0] === 0x00)) drop(1);
      if (buffer.length === 0) break;

      if (isFrameStart(buffer[0])) {
        if (buffer.length < BARCODE_PAYLOAD_LENGTH) {
          if (!final) break;
          // A pause inside a frame: it will not be completed (a partial read, or noise that looked like a start).
          if (buffer.length >= 16) scans.push({ kind: 'unrecognised', detail: `an incomplete policy barcode (${buffer.length} of ${BARCODE_PAYLOAD_LENGTH} bytes)` });
          buffer = new Uint8Array(0);
          break;
        }
        const decoded = decodePaperPolicyBarcode(buffer.slice(0, BARCODE_PAYLOAD_LENGTH));
        if (decoded.ok) {
          scans.push({ kind: 'paper-policy', barcode: decoded.value });
          drop(BARCODE_PAYLOAD_LENGTH);
        } else {
          drop(1); // not a frame after all: resynchronise one byte on
        }
        continue;
      }

      const lineEnd = buffer.findIndex((b) => b === CR || b === LF);
      const nextFrame = buffer.findIndex((b) => isFrameStart(b));
      if (lineEnd >= 0 && (nextFrame < 0 || lineEnd < nextFrame)) {
        const scan = textScan(buffer.subarray(0, lineEnd));
        if (scan) scans.push(scan);
        drop(lineEnd + 1);
        continue;
      }
      if (nextFrame > 0) {
        // What precedes a frame start without a line end is noise, unless it is a whole text code sent without a suffix.
        const scan = textScan(buffer.subarray(0, nextFrame));
        if (scan?.kind === 'enp-text') scans.push(scan);
        drop(nextFrame);
        continue;
      }
      if (final) {
        const scan = textScan(buffer);
        if (scan) scans.push(scan);
        buffer = new Uint8Array(0);
      }
      break;
    }
    if (buffer.length > MAX_PENDING) buffer = buffer.slice(buffer.length - MAX_PENDING);
    return scans;
  }

  return {
    push(bytes) {
      const joined = new Uint8Array(buffer.length + bytes.length);
      joined.set(buffer, 0);
      joined.set(bytes, buffer.length);
      buffer = joined;
      return drain(false);
    },
    flush: () => drain(true),
    pending: () => buffer.length,
  };
}
