// Status protocols: which real-time queries to send and how to read the answer
// bytes as one PrinterStatus. Pure functions; the printer driver moves the
// bytes. The profile's `statusProtocol` picks one (docs/domain/printers.md).
import type { PrinterStatus } from '../../contract/printer';
import type { StatusProtocolId } from './printer-profile';

export interface StatusQuery {
  readonly request: Uint8Array;
  readonly answerLength: number;
}

export interface StatusProtocol {
  readonly id: StatusProtocolId;
  /** Sent one after the other; their answers go to `interpret` in the same order. */
  readonly queries: readonly StatusQuery[];
  interpret(answers: readonly Uint8Array[]): PrinterStatus;
}

// When several problems show at once, the one the staff must fix first wins:
// no paper hides everything else, an open cover hides a cutter error, and so on.
const SEVERITY: Readonly<Record<PrinterStatus['state'], number>> = {
  'paper-out': 6,
  'cover-open': 5,
  'cutter-error': 4,
  offline: 3,
  unknown: 3,
  'paper-near-end': 1,
  ready: 0,
};

/** The most severe of `statuses` (the first one on ties); `ready` for none. */
export function worstStatus(statuses: readonly PrinterStatus[]): PrinterStatus {
  let worst: PrinterStatus = { state: 'ready' };
  for (const status of statuses) {
    if (SEVERITY[status.state] > SEVERITY[worst.state]) worst = status;
  }
  return worst;
}

const hexByte = (byte: number): string => `0x${byte.toString(16).padStart(2, '0')}`;

/** The Epson real-time status bytes, one per `DLE EOT n`. */
export interface EpsonStatusBytes {
  /** n = 1: printer status. */
  readonly printer: number;
  /** n = 2: offline cause. */
  readonly offlineCause: number;
  /** n = 3: error cause. */
  readonly error: number;
  /** n = 4: roll paper sensor. */
  readonly paperSensor: number;
}

// Every Epson status byte has bit 1 and bit 4 set and bit 0 and bit 7 clear
// (0x12 = all good). Anything else is not a status byte: a printer that does
// not speak DLE EOT, a stray byte from an earlier answer, line noise.
const EPSON_FIXED_MASK = 0x93;
const EPSON_FIXED_VALUE = 0x12;

/** Reads the four Epson `DLE EOT 1…4` answers as one status, worst state winning. */
export function epsonStatus(bytes: EpsonStatusBytes): PrinterStatus {
  const malformed = Object.entries(bytes).filter(([, byte]) => (byte & EPSON_FIXED_MASK) !== EPSON_FIXED_VALUE);
  if (malformed.length > 0) {
    return {
      state: 'unknown',
      reason: `not an Epson status answer: ${malformed.map(([name, byte]) => `${name}=${hexByte(byte)}`).join(', ')}`,
    };
  }
  const found: PrinterStatus[] = [];
  // worstStatus keeps the first of equals: the specific offline reason goes
  // before the generic one, because the reason is what staff get to read.
  if (bytes.error & 0x20) found.push({ state: 'offline', reason: 'unrecoverable error: power the printer off and on' });
  if (bytes.printer & 0x08) found.push({ state: 'offline', reason: 'printer reports offline' });
  if (bytes.offlineCause & 0x04) found.push({ state: 'cover-open' });
  if (bytes.offlineCause & 0x20) found.push({ state: 'paper-out' });
  if (bytes.error & 0x08) found.push({ state: 'cutter-error' });
  if (bytes.paperSensor & 0x60) found.push({ state: 'paper-out' });
  else if (bytes.paperSensor & 0x0c) found.push({ state: 'paper-near-end' });
  return worstStatus(found);
}

/** `DLE EOT n` for n = 1…4, each answered with one byte. */
export const EPSON_STATUS_QUERIES: readonly StatusQuery[] = [1, 2, 3, 4].map((n) => ({
  request: Uint8Array.of(0x10, 0x04, n),
  answerLength: 1,
}));

/** The Custom full status answer (to `DLE EOT 0x14`) is 6 bytes starting `10 0F`. */
export const CUSTOM_FULL_STATUS_LENGTH = 6;

/** Reads a Custom (VKP80 and relatives) full status answer. */
export function customFullStatus(answer: Uint8Array): PrinterStatus {
  const [header, count, paper = 0, user = 0, recoverable = 0, unrecoverable = 0] = answer;
  if (answer.length !== CUSTOM_FULL_STATUS_LENGTH || header !== 0x10 || count !== 0x0f) {
    return { state: 'unknown', reason: `not a Custom full status answer: ${[...answer].map(hexByte).join(' ')}` };
  }
  const found: PrinterStatus[] = [];
  if (paper & 0x01) found.push({ state: 'paper-out' });
  else if (paper & 0x04) found.push({ state: 'paper-near-end' });
  // 0x01 print head up, 0x02 cover open: either way nothing prints.
  if (user & 0x03) found.push({ state: 'cover-open' });
  if (recoverable & 0x40) found.push({ state: 'offline', reason: 'paper jam' });
  if (recoverable & 0x01) found.push({ state: 'offline', reason: 'print head temperature error' });
  if (unrecoverable & 0x01) found.push({ state: 'cutter-error' });
  return worstStatus(found);
}

/** The Nippon Primex `ESC v` answer is one byte. */
export const PRIMEX_STATUS_LENGTH = 1;

/**
 * Reads a Nippon Primex (NP-2511/3511 and relatives) `ESC v` status byte:
 * bit 0 paper near end, bit 1 head/platen open, bit 2 paper end, bit 3 head
 * temperature, bit 4 cutter error, bit 6 ticket left in the exit (not a fault).
 * Bit 7 is never set by the printer: a byte with it is not a status answer.
 */
export function primexStatus(byte: number): PrinterStatus {
  if (byte & 0x80) return { state: 'unknown', reason: `not a Primex ESC v status answer: ${hexByte(byte)}` };
  const found: PrinterStatus[] = [];
  if (byte & 0x04) found.push({ state: 'paper-out' });
  else if (byte & 0x01) found.push({ state: 'paper-near-end' });
  if (byte & 0x02) found.push({ state: 'cover-open' });
  if (byte & 0x08) found.push({ state: 'offline', reason: 'print head temperature error' });
  if (byte & 0x10) found.push({ state: 'cutter-error' });
  return worstStatus(found);
}

const epsonProtocol: StatusProtocol = {
  id: 'epson-dle-eot',
  queries: EPSON_STATUS_QUERIES,
  interpret(answers) {
    const [printer, offlineCause, error, paperSensor] = answers.map((answer) => answer[0]);
    if (printer === undefined || offlineCause === undefined || error === undefined || paperSensor === undefined) {
      return { state: 'unknown', reason: 'incomplete Epson status answer' };
    }
    return epsonStatus({ printer, offlineCause, error, paperSensor });
  },
};

const customProtocol: StatusProtocol = {
  id: 'custom-full-status',
  queries: [{ request: Uint8Array.of(0x10, 0x04, 0x14), answerLength: CUSTOM_FULL_STATUS_LENGTH }],
  interpret(answers) {
    return customFullStatus(answers[0] ?? new Uint8Array());
  },
};

// ESC v is not a real-time command: the printer answers it in order, after the
// data before it. The bridge never queues a job behind a status query, so the
// answer still comes at once.
const primexProtocol: StatusProtocol = {
  id: 'primex-esc-v',
  queries: [{ request: Uint8Array.of(0x1b, 0x76), answerLength: PRIMEX_STATUS_LENGTH }],
  interpret(answers) {
    const byte = answers[0]?.[0];
    return byte === undefined ? { state: 'unknown', reason: 'no Primex status answer' } : primexStatus(byte);
  },
};

const PROTOCOLS: Readonly<Record<StatusProtocolId, StatusProtocol>> = {
  'epson-dle-eot': epsonProtocol,
  'custom-full-status': customProtocol,
  'primex-esc-v': primexProtocol,
};

export function statusProtocolFor(id: StatusProtocolId): StatusProtocol {
  return PROTOCOLS[id];
}
