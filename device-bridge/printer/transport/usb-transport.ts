// USB transport (`usb://0dd4:015d`, vendor and product id in hex): the kiosk
// printer on a USB cable, spoken to directly over its bulk endpoints, OUT for
// print data and IN for status answers (the kernel's usblp driver is detached
// on Linux). Uses the `usb` package's WebUSB-style API through a narrow
// interface, so tests drive it with a fake device. No USB subsystem (a
// container without /sys/bus/usb), no device, a device unplugged mid-job: all
// come back as `disconnected` values, never as exceptions.
import { err, ok, type Result } from '../../contract/result';
import type { PrinterTransport, TransportError } from '../printer-port';
import { createLinkTracker } from './link-tracker';

/** The parts of a WebUSB `USBDevice` the transport uses. */
export interface UsbDeviceLike {
  readonly opened: boolean;
  readonly configuration: UsbConfigurationLike | null | undefined;
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(configurationValue: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  /** Linux only in the `usb` package; absent elsewhere. */
  detachKernelDriver?(interfaceNumber: number): Promise<void>;
  /** The `usb` package takes a timeout in ms as a third argument. */
  transferOut(endpointNumber: number, data: Uint8Array, timeout?: number): Promise<{ readonly status?: string; readonly bytesWritten: number }>;
  transferIn(endpointNumber: number, length: number, timeout?: number): Promise<{ readonly status?: string; readonly data?: DataView }>;
}

export interface UsbConfigurationLike {
  readonly interfaces: readonly {
    readonly interfaceNumber: number;
    readonly alternate: {
      readonly interfaceClass: number;
      readonly endpoints: readonly { readonly endpointNumber: number; readonly direction: string; readonly type: string; readonly packetSize?: number }[];
    };
  }[];
}

/** Finds a device; the `usb` package's `usb` object satisfies it. */
export interface UsbHost {
  findDeviceByIds(vendorId: number, productId: number): Promise<UsbDeviceLike | undefined>;
}

export interface UsbTransportOptions {
  /** Where devices come from; the real `usb` package by default (loaded on first use). */
  readonly host?: () => Promise<UsbHost>;
  readonly writeTimeoutMs?: number;
}

export interface UsbIds {
  readonly vendorId: number;
  readonly productId: number;
}

const PRINTER_CLASS = 0x07;

/** `usb://0dd4:015d` → ids. The WHATWG URL parser rejects a hex "port", so this reads the string. */
export function parseUsbUrl(url: string): UsbIds {
  const match = /^usb:\/\/([0-9a-f]{4}):([0-9a-f]{4})\/?$/i.exec(url.trim());
  if (!match) throw new TypeError(`a USB printer needs usb://VID:PID with 4 hex digits each, got "${url}"`);
  return { vendorId: parseInt(match[1]!, 16), productId: parseInt(match[2]!, 16) };
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const isTimeout = (error: unknown): boolean => /time ?out|timed out|ETIMEDOUT/i.test(messageOf(error));

async function realUsbHost(): Promise<UsbHost> {
  const { usb } = await import('usb');
  return usb as unknown as UsbHost;
}

interface OpenDevice {
  readonly device: UsbDeviceLike;
  readonly interfaceNumber: number;
  readonly outEndpoint: number;
  readonly inEndpoint: number | null;
  readonly packetSize: number;
}

export function createUsbTransport(url: string, opts: UsbTransportOptions = {}): PrinterTransport {
  const { vendorId, productId } = parseUsbUrl(url);
  const address = `usb://${hex4(vendorId)}:${hex4(productId)}`;
  const loadHost = opts.host ?? realUsbHost;
  const writeTimeoutMs = opts.writeTimeoutMs ?? 10_000;

  const links = createLinkTracker<OpenDevice>();

  const disconnected = (reason: string): Result<never, TransportError> => err({ kind: 'disconnected', reason });

  /** Lets the device go after a failure; the next operation opens it afresh. */
  const drop = async (): Promise<void> => {
    const open = links.current();
    if (!open) return;
    links.forget(open);
    try {
      await open.device.releaseInterface(open.interfaceNumber);
    } catch {
      // Unplugged devices cannot release anything; nothing to do.
    }
    try {
      if (open.device.opened) await open.device.close();
    } catch {
      // Same.
    }
  };

  const failure = async (error: unknown, timeoutMs: number): Promise<Result<never, TransportError>> => {
    await drop();
    return isTimeout(error) ? err({ kind: 'timeout', afterMs: timeoutMs }) : disconnected(`${address}: ${messageOf(error)}`);
  };

  const open = async (): Promise<Result<OpenDevice, TransportError>> => {
    if (links.isClosed()) return disconnected('transport closed');
    const current = links.current();
    if (current) return ok(current);
    let host: UsbHost;
    try {
      host = await loadHost();
    } catch (cause) {
      return disconnected(`USB is not available on this machine: ${messageOf(cause)}`);
    }
    let device: UsbDeviceLike | undefined;
    try {
      device = await host.findDeviceByIds(vendorId, productId);
    } catch (cause) {
      // `usb` throws where /sys/bus/usb is absent (containers): no USB printers here.
      return disconnected(`USB is not available on this machine: ${messageOf(cause)}`);
    }
    if (!device) return disconnected(`no USB device ${address.slice('usb://'.length)} is connected`);
    try {
      if (!device.opened) await device.open();
      if (!device.configuration) await device.selectConfiguration(1);
      const interfaces = device.configuration?.interfaces ?? [];
      const bulkOut = (i: (typeof interfaces)[number]) => i.alternate.endpoints.find((e) => e.type === 'bulk' && e.direction === 'out');
      const chosen =
        interfaces.find((i) => i.alternate.interfaceClass === PRINTER_CLASS && bulkOut(i)) ?? interfaces.find((i) => bulkOut(i));
      const out = chosen && bulkOut(chosen);
      if (!chosen || !out) {
        await device.close();
        return disconnected(`${address}: no bulk OUT endpoint; is this a printer?`);
      }
      const inEndpoint = chosen.alternate.endpoints.find((e) => e.type === 'bulk' && e.direction === 'in');
      try {
        // Linux binds printers to usblp; it must let go before we can claim.
        await device.detachKernelDriver?.(chosen.interfaceNumber);
      } catch {
        // No kernel driver attached: fine.
      }
      await device.claimInterface(chosen.interfaceNumber);
      const link: OpenDevice = {
        device,
        interfaceNumber: chosen.interfaceNumber,
        outEndpoint: out.endpointNumber,
        inEndpoint: inEndpoint?.endpointNumber ?? null,
        packetSize: inEndpoint?.packetSize ?? 64,
      };
      links.opened(link);
      return ok(link);
    } catch (cause) {
      try {
        if (device.opened) await device.close();
      } catch {
        // Already gone.
      }
      return disconnected(`${address}: cannot open: ${messageOf(cause)}`);
    }
  };

  const send = async (link: OpenDevice, bytes: Uint8Array): Promise<Result<void, TransportError>> => {
    try {
      const result = await link.device.transferOut(link.outEndpoint, bytes, writeTimeoutMs);
      if (result.status !== undefined && result.status !== 'ok') {
        await drop();
        return disconnected(`${address}: write ${result.status}`);
      }
      if (result.bytesWritten < bytes.length) {
        await drop();
        return disconnected(`${address}: only ${result.bytesWritten} of ${bytes.length} bytes written`);
      }
      return ok(undefined);
    } catch (cause) {
      return failure(cause, writeTimeoutMs);
    }
  };

  return {
    address,

    linkId: links.linkId,

    write: (bytes) => links.withLink(open, (link) => send(link, bytes)),

    request(bytes, answerLength, timeoutMs) {
      return links.withLink(open, async (link) => {
        if (link.inEndpoint === null) return disconnected(`${address}: no bulk IN endpoint, the printer cannot report status`);
        const deadline = Date.now() + timeoutMs;
        const sent = await send(link, bytes);
        if (!sent.ok) return sent;
        const answer: number[] = [];
        while (answer.length < answerLength) {
          const remaining = deadline - Date.now();
          if (remaining <= 0) {
            // A late answer would be read by the next request: start afresh.
            await drop();
            return err({ kind: 'timeout', afterMs: timeoutMs });
          }
          try {
            const result = await link.device.transferIn(link.inEndpoint, Math.max(link.packetSize, answerLength), remaining);
            if (result.status !== undefined && result.status !== 'ok' && result.status !== 'babble') {
              await drop();
              return disconnected(`${address}: read ${result.status}`);
            }
            const data = result.data;
            if (data && data.byteLength > 0) for (let i = 0; i < data.byteLength; i++) answer.push(data.getUint8(i));
            // An empty packet: wait a little rather than spin on the bus.
            else await new Promise((resolve) => setTimeout(resolve, 10));
          } catch (cause) {
            return failure(cause, timeoutMs);
          }
        }
        return ok(Uint8Array.from(answer.slice(0, answerLength)));
      });
    },

    close() {
      links.close();
      return links.exclusive(drop);
    },
  };
}
