// The USB transport against a narrow fake of a WebUSB device: no USB printer
// (nor /sys/bus/usb) exists on a build machine. The fake behaves like a
// printer on its bulk endpoints: bytes to OUT are "printed", status answers
// come back on IN.
import { describe, expect, it } from 'vitest';
import { parseUsbUrl, createUsbTransport, type UsbDeviceLike, type UsbHost } from './usb-transport';

interface FakeOptions {
  /** What the printer answers to a request on the IN endpoint. */
  readonly answer?: (request: Uint8Array) => Uint8Array | null;
  readonly interfaceClass?: number;
  readonly withIn?: boolean;
}

function fakePrinter(options: FakeOptions = {}) {
  const written: number[] = [];
  const calls: string[] = [];
  let inbox: number[] = [];
  let unplugged = false;
  const device: UsbDeviceLike = {
    opened: false,
    configuration: {
      interfaces: [
        { interfaceNumber: 0, alternate: { interfaceClass: 0xff, endpoints: [{ endpointNumber: 5, direction: 'out', type: 'interrupt' }] } },
        {
          interfaceNumber: 1,
          alternate: {
            interfaceClass: options.interfaceClass ?? 7,
            endpoints: [
              { endpointNumber: 2, direction: 'out', type: 'bulk', packetSize: 64 },
              ...(options.withIn === false ? [] : [{ endpointNumber: 1, direction: 'in', type: 'bulk', packetSize: 64 }]),
            ],
          },
        },
      ],
    },
    async open() {
      calls.push('open');
      (this as { opened: boolean }).opened = true;
    },
    async close() {
      calls.push('close');
      (this as { opened: boolean }).opened = false;
    },
    async selectConfiguration() {},
    async detachKernelDriver(n) {
      calls.push(`detach ${n}`);
    },
    async claimInterface(n) {
      calls.push(`claim ${n}`);
    },
    async releaseInterface(n) {
      calls.push(`release ${n}`);
    },
    async transferOut(endpoint, data) {
      if (unplugged) throw new Error('LIBUSB_ERROR_NO_DEVICE');
      calls.push(`out ${endpoint}`);
      written.push(...data);
      const answer = options.answer?.(data);
      if (answer) inbox.push(...answer);
      return { status: 'ok', bytesWritten: data.length };
    },
    async transferIn(endpoint, length, timeout = 1000) {
      if (unplugged) throw new Error('LIBUSB_ERROR_NO_DEVICE');
      calls.push(`in ${endpoint}`);
      if (inbox.length === 0) {
        // libusb blocks until the timeout when nothing comes.
        await new Promise((resolve) => setTimeout(resolve, timeout));
        throw new Error('LIBUSB_ERROR_TIMEOUT: Operation timed out');
      }
      // Answers trickle in one byte per packet, as slow printers do.
      const chunk = inbox.slice(0, Math.min(1, length));
      inbox = inbox.slice(chunk.length);
      return { status: 'ok', data: new DataView(Uint8Array.from(chunk).buffer) };
    },
  };
  const host: UsbHost = {
    async findDeviceByIds(vendorId, productId) {
      return vendorId === 0x0dd4 && productId === 0x015d && !unplugged ? device : undefined;
    },
  };
  return { device, host, written, calls, unplug: () => (unplugged = true), replug: () => (unplugged = false) };
}

const epsonReady = (request: Uint8Array): Uint8Array | null => (request[0] === 0x10 && request[1] === 0x04 ? Uint8Array.of(0x12) : null);

describe('createUsbTransport', () => {
  it('reads VID:PID in hex from usb://0dd4:015d', () => {
    expect(parseUsbUrl('usb://0dd4:015d')).toEqual({ vendorId: 0x0dd4, productId: 0x015d });
    expect(() => parseUsbUrl('usb://dd4:15d')).toThrow(/4 hex digits/);
  });

  it('prints over the bulk OUT endpoint of the printer-class interface, after detaching the kernel driver', async () => {
    const fake = fakePrinter();
    const transport = createUsbTransport('usb://0dd4:015d', { host: async () => fake.host });
    expect(await transport.write(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a))).toEqual({ ok: true, value: undefined });
    expect(fake.written).toEqual([0x1b, 0x40, 0x41, 0x0a]);
    expect(fake.calls.slice(0, 4)).toEqual(['open', 'detach 1', 'claim 1', 'out 2']);
    expect(transport.address).toBe('usb://0dd4:015d');
    await transport.close();
    expect(fake.calls.slice(-2)).toEqual(['release 1', 'close']);
  });

  it('reads a status answer back from the bulk IN endpoint, even in one-byte packets', async () => {
    const fake = fakePrinter({ answer: (r) => (r[2] === 0x14 ? Uint8Array.of(0x10, 0x0f, 0, 0, 0, 0) : null) });
    const transport = createUsbTransport('usb://0dd4:015d', { host: async () => fake.host });
    expect(await transport.request(Uint8Array.of(0x10, 0x04, 0x14), 6, 1000)).toEqual({ ok: true, value: Uint8Array.of(0x10, 0x0f, 0, 0, 0, 0) });
    await transport.close();
  });

  it('a printer that does not answer is a timeout value, and the next request starts on a fresh link', async () => {
    const fake = fakePrinter();
    const transport = createUsbTransport('usb://0dd4:015d', { host: async () => fake.host });
    expect(await transport.request(Uint8Array.of(0x10, 0x04, 0x01), 1, 50)).toEqual({ ok: false, error: { kind: 'timeout', afterMs: 50 } });
    expect(transport.linkId()).toBe(0);
    await transport.close();
  });

  it('no device with that id: disconnected, with the id in the reason', async () => {
    const fake = fakePrinter();
    const transport = createUsbTransport('usb://04b8:0202', { host: async () => fake.host });
    expect(await transport.write(Uint8Array.of(0x0a))).toEqual({ ok: false, error: { kind: 'disconnected', reason: 'no USB device 04b8:0202 is connected' } });
  });

  it('a machine without /sys/bus/usb (the usb package throws): disconnected, not an exception', async () => {
    const host: UsbHost = {
      findDeviceByIds: async () => {
        throw new Error('findDeviceByIds error: /sys/bus/usb/devices/ not found (errno 2)');
      },
    };
    const transport = createUsbTransport('usb://0dd4:015d', { host: async () => host });
    const result = await transport.request(Uint8Array.of(0x10, 0x04, 0x01), 1, 100);
    expect(result).toEqual({ ok: false, error: { kind: 'disconnected', reason: expect.stringMatching(/^USB is not available on this machine: .*\/sys\/bus\/usb/) } });
  });

  it('the real usb package on this machine answers with a value too', async () => {
    const transport = createUsbTransport('usb://0dd4:015d');
    const result = await transport.write(Uint8Array.of(0x0a));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('disconnected');
    await transport.close();
  });

  it('unplugged mid-job: disconnected, a new link id once it is back', async () => {
    const fake = fakePrinter({ answer: epsonReady });
    const transport = createUsbTransport('usb://0dd4:015d', { host: async () => fake.host });
    expect((await transport.request(Uint8Array.of(0x10, 0x04, 0x01), 1, 500)).ok).toBe(true);
    const link = transport.linkId();
    expect(link).toBeGreaterThan(0);
    fake.unplug();
    expect(await transport.write(Uint8Array.of(0x41))).toEqual({ ok: false, error: { kind: 'disconnected', reason: 'usb://0dd4:015d: LIBUSB_ERROR_NO_DEVICE' } });
    fake.replug();
    expect((await transport.request(Uint8Array.of(0x10, 0x04, 0x01), 1, 500)).ok).toBe(true);
    expect(transport.linkId()).not.toBe(link);
    await transport.close();
  });

  it('a device without a bulk IN endpoint can print but says it cannot report status', async () => {
    const fake = fakePrinter({ withIn: false });
    const transport = createUsbTransport('usb://0dd4:015d', { host: async () => fake.host });
    expect((await transport.write(Uint8Array.of(0x0a))).ok).toBe(true);
    expect(await transport.request(Uint8Array.of(0x10, 0x04, 0x01), 1, 100)).toEqual({
      ok: false,
      error: { kind: 'disconnected', reason: 'usb://0dd4:015d: no bulk IN endpoint, the printer cannot report status' },
    });
    await transport.close();
  });
});
