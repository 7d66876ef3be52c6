// Serial transport (`serial:///dev/ttyUSB0?baudRate=9600`): an RS-232 or
// USB-serial kiosk printer. The port is opened on first use and reopened after
// it drops (a USB-serial adapter unplugged and plugged back). Every failure,
// including "no such port", comes back as a value. `serialport` (a native module)
// is loaded on first open, as readers/serial-scanner.ts does: serial printers are
// rare, and loading it cost every `kiosk start` tens of milliseconds.
import type { SerialPort } from 'serialport';
import { err, ok } from '../../contract/result';
import type { PrinterTransport } from '../printer-port';
import { createStreamTransport, describeError, type OpenedLink } from './stream-transport';

export interface SerialTransportOptions {
  readonly writeTimeoutMs?: number;
}

const DEFAULT_BAUD_RATE = 9600;
const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

export interface SerialSettings {
  readonly path: string;
  readonly baudRate: number;
}

/** Reads `serial:///dev/ttyS0?baudRate=19200`; the baud rate defaults to 9600. */
export function parseSerialUrl(url: URL): SerialSettings {
  if (url.protocol !== 'serial:' || url.pathname === '' || url.pathname === '/') {
    throw new TypeError(`a serial printer needs serial:///dev/…, got ${url.href}`);
  }
  const baud = url.searchParams.get('baudRate');
  const baudRate = baud === null ? DEFAULT_BAUD_RATE : Number(baud);
  if (!BAUD_RATES.includes(baudRate)) {
    throw new TypeError(`baudRate must be one of ${BAUD_RATES.join(', ')}, got "${baud}"`);
  }
  return { path: decodeURIComponent(url.pathname), baudRate };
}

export function createSerialTransport(url: URL, opts: SerialTransportOptions = {}): PrinterTransport {
  const { path, baudRate } = parseSerialUrl(url);
  return createStreamTransport({
    address: `serial://${path}?baudRate=${baudRate}`,
    ...(opts.writeTimeoutMs === undefined ? {} : { writeTimeoutMs: opts.writeTimeoutMs }),
    open: async () => {
      let SerialPortClass: typeof SerialPort;
      try {
        ({ SerialPort: SerialPortClass } = await import('serialport'));
      } catch (cause) {
        return err({ kind: 'disconnected', reason: `${path}: ${describeError(cause)}` });
      }
      return new Promise((resolve) => {
        let port: SerialPort;
        try {
          port = new SerialPortClass({ path, baudRate, autoOpen: false });
        } catch (cause) {
          resolve(err({ kind: 'disconnected', reason: `${path}: ${describeError(cause)}` }));
          return;
        }
        port.open((error) => {
          if (error) {
            resolve(err({ kind: 'disconnected', reason: `${path}: ${describeError(error)}` }));
            return;
          }
          const link: OpenedLink = {
            stream: port,
            destroy: () =>
              new Promise<void>((done) => {
                if (!port.isOpen) return done();
                port.close(() => done());
              }),
          };
          resolve(ok(link));
        });
      });
    },
  });
}
