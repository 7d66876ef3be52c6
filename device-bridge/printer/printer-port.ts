// The printer boundary: status is one union, transports only move bytes, and
// every expected failure is a value. The status and the print outcome are wire
// types too (contract/printer.ts).
import type { PrinterStatus, PrintResult } from '../contract/printer';
import type { Result } from '../contract/result';

export type TransportError =
  | { readonly kind: 'disconnected'; readonly reason: string }
  | { readonly kind: 'timeout'; readonly afterMs: number };

/** Moves bytes to and from one printer. Knows nothing about ESC/POS. */
export interface PrinterTransport {
  /** Human-readable address without secrets, e.g. `tcp://127.0.0.1:9100`. */
  readonly address: string;
  /**
   * Which link (connection, opened device) bytes currently go over: 0 while
   * none is open, a new number each time one is (re)opened. The printer compares
   * it before and after a job: a ticket whose link dropped midway is not printed.
   */
  linkId(): number;
  write(bytes: Uint8Array): Promise<Result<void, TransportError>>;
  /** Writes `bytes`, then waits for exactly `answerLength` bytes back. */
  request(bytes: Uint8Array, answerLength: number, timeoutMs: number): Promise<Result<Uint8Array, TransportError>>;
  close(): Promise<void>;
}

export interface Printer {
  readonly address: string;
  readonly model: string;
  status(): Promise<PrinterStatus>;
  /** Sends one job and reports `printed` only when the printer says so after the cut. */
  print(job: Uint8Array): Promise<PrintResult>;
  close(): Promise<void>;
}
