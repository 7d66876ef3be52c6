// A barcode scanner in serial / USB-CDC ("USB COM") mode, the only mode that
// passes the paper policy's binary PDF417 intact (a keyboard-wedge scanner
// mangles bytes ≥ 0x80). Configured by URL: `serial:///dev/ttyACM0?baudRate=9600`.
// The port is reopened when it goes away (a USB scanner unplugged and back).
import type { Logger } from 'pino';
import type { ScannerStatus } from '../contract';
import { err, ok, type Result } from '../contract/result';
import { createScanFrameParser, type Scan } from './scan-frames';

export type { ScannerStatus };

export interface SerialPortAddress {
  readonly path: string;
  readonly baudRate: number;
}

export const DEFAULT_SCANNER_BAUD_RATE = 9600;

/** `serial:///dev/ttyACM0?baudRate=9600` → path and baud rate (9600 when not given). */
export function parseSerialUrl(url: string): Result<SerialPortAddress, string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return err(`not a URL: expected serial:///dev/ttyACM0?baudRate=9600`);
  }
  if (parsed.protocol !== 'serial:') return err(`expected a serial:// URL, got ${parsed.protocol}//`);
  if (parsed.host !== '') return err('expected serial:/// with three slashes and an absolute device path');
  const path = decodeURIComponent(parsed.pathname);
  if (!path.startsWith('/') || path.length < 2) return err('expected an absolute device path, e.g. serial:///dev/ttyACM0');
  for (const key of parsed.searchParams.keys()) {
    if (key !== 'baudRate') return err(`unknown parameter "${key}" (only baudRate)`);
  }
  const baudText = parsed.searchParams.get('baudRate');
  const baudRate = baudText === null ? DEFAULT_SCANNER_BAUD_RATE : Number(baudText);
  if (!Number.isInteger(baudRate) || baudRate < 300 || baudRate > 4_000_000) return err(`baudRate must be a whole number from 300 to 4000000`);
  return ok({ path, baudRate });
}

/** The part of serialport's SerialPort used here; tests may pass another implementation. */
export interface SerialPortLike {
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  readonly isOpen: boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
}

export interface SerialScanner {
  readonly url: string;
  status(): ScannerStatus;
  onStatus(listener: (status: ScannerStatus) => void): () => void;
  onScan(listener: (scan: Scan) => void): () => void;
  close(): Promise<void>;
}

export interface SerialScannerOptions {
  readonly url: string;
  readonly logger: Logger;
  /** A pause this long ends a text code sent without a CR/LF suffix. */
  readonly idleFlushMs?: number;
  /** How soon to try again after the port failed to open or went away. */
  readonly reopenMs?: number;
  readonly openPort?: (address: SerialPortAddress) => Promise<SerialPortLike>;
}

async function openSerialPort(address: SerialPortAddress): Promise<SerialPortLike> {
  const { SerialPort } = await import('serialport');
  return new SerialPort({ path: address.path, baudRate: address.baudRate, autoOpen: false });
}

export function createSerialScanner(options: SerialScannerOptions): SerialScanner {
  const { url, logger } = options;
  const idleFlushMs = options.idleFlushMs ?? 150;
  const reopenMs = options.reopenMs ?? 3000;
  const statusListeners = new Set<(status: ScannerStatus) => void>();
  const scanListeners = new Set<(scan: Scan) => void>();
  const address = parseSerialUrl(url);
  let current: ScannerStatus = { url, state: 'closed', detail: 'opening' };
  let port: SerialPortLike | null = null;
  let closed = false;
  let reopenTimer: NodeJS.Timeout | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  const parser = createScanFrameParser();

  const setStatus = (status: ScannerStatus) => {
    if (JSON.stringify(status) === JSON.stringify(current)) return;
    current = status;
    logger.info({ event: 'scanner-status', url, state: status.state, ...(status.state === 'closed' ? { detail: status.detail } : {}) }, 'scanner status');
    for (const listener of statusListeners) listener(status);
  };
  const emit = (scans: Scan[]) => {
    for (const scan of scans) {
      logger.info({ event: 'scan', url, kind: scan.kind }, 'barcode scanned');
      for (const listener of scanListeners) listener(scan);
    }
  };
  const scheduleReopen = () => {
    if (closed) return;
    clearTimeout(reopenTimer);
    reopenTimer = setTimeout(() => void open(), reopenMs);
    reopenTimer.unref();
  };

  async function open(): Promise<void> {
    if (closed) return;
    if (!address.ok) {
      setStatus({ url, state: 'closed', detail: address.error });
      return;
    }
    let candidate: SerialPortLike;
    try {
      candidate = await (options.openPort ?? openSerialPort)(address.value);
    } catch (cause) {
      setStatus({ url, state: 'closed', detail: (cause as Error).message });
      scheduleReopen();
      return;
    }
    candidate.on('error', (error) => logger.warn({ event: 'scanner-error', url, detail: error.message }, 'scanner port error'));
    const opened = await new Promise<Error | null>((resolve) => candidate.open((error) => resolve(error)));
    if (closed) {
      if (!opened) candidate.close();
      return;
    }
    if (opened) {
      setStatus({ url, state: 'closed', detail: opened.message });
      scheduleReopen();
      return;
    }
    port = candidate;
    candidate.on('data', (chunk) => {
      emit(parser.push(new Uint8Array(chunk)));
      clearTimeout(flushTimer);
      if (parser.pending() > 0) {
        flushTimer = setTimeout(() => emit(parser.flush()), idleFlushMs);
        flushTimer.unref();
      }
    });
    candidate.on('close', () => {
      if (port !== candidate) return;
      port = null;
      if (closed) return;
      setStatus({ url, state: 'closed', detail: 'the port closed (scanner unplugged?)' });
      scheduleReopen();
    });
    setStatus({ url, state: 'open' });
  }

  void open();

  return {
    url,
    status: () => current,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onScan(listener) {
      scanListeners.add(listener);
      return () => scanListeners.delete(listener);
    },
    async close() {
      closed = true;
      clearTimeout(reopenTimer);
      clearTimeout(flushTimer);
      const p = port;
      port = null;
      if (p?.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
      p?.removeAllListeners();
    },
  };
}
