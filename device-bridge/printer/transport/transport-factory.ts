// One place that turns a printer URL into a transport (DESIGN.md: transports
// are URLs). `virtual://` is not a transport: the composition root starts the
// emulator and prints to it over tcp://, exactly as to a network printer.
import { err, ok, type Result } from '../../contract/result';
import type { PrinterTransport } from '../printer-port';
import { createSerialTransport } from './serial-transport';
import { createTcpTransport, type TcpTransportOptions } from './tcp-transport';
import { createUsbTransport, type UsbTransportOptions } from './usb-transport';

export interface TransportFactoryOptions {
  readonly tcp?: TcpTransportOptions;
  readonly usb?: UsbTransportOptions;
}

export const PRINTER_URL_FORMS = 'usb://VID:PID, tcp://host:port, serial:///dev/…?baudRate=N or virtual://';

/**
 * A transport for `usb://0dd4:015d`, `tcp://10.0.0.5:9100` or
 * `serial:///dev/ttyUSB0?baudRate=9600`. A malformed URL or another scheme is
 * a value with a plain reason (it came from config or the command line).
 */
export function createTransport(url: string | URL, options: TransportFactoryOptions = {}): Result<PrinterTransport, string> {
  const text = String(url).trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  try {
    switch (scheme) {
      case 'usb':
        return ok(createUsbTransport(text, options.usb));
      case 'tcp':
        return ok(createTcpTransport(new URL(text), options.tcp));
      case 'serial':
        return ok(createSerialTransport(new URL(text)));
      case 'virtual':
        return err('virtual:// is the built-in emulator: the bridge starts it and prints to it over tcp://');
      default:
        return err(`expected ${PRINTER_URL_FORMS}, got "${text}"`);
    }
  } catch (cause) {
    return err(cause instanceof Error ? cause.message : String(cause));
  }
}
