import { describe, expect, it } from 'vitest';
import { createTransport } from './transport-factory';

describe('createTransport', () => {
  it.each([
    ['tcp://10.0.0.5:9100', 'tcp://10.0.0.5:9100'],
    ['tcp://printer.lan', 'tcp://printer.lan:9100'],
    ['usb://0DD4:015D', 'usb://0dd4:015d'],
    ['serial:///dev/ttyUSB0?baudRate=19200', 'serial:///dev/ttyUSB0?baudRate=19200'],
    ['serial:///dev/ttyS0', 'serial:///dev/ttyS0?baudRate=9600'],
  ])('%s gives a transport for %s', async (url, address) => {
    const result = createTransport(url);
    expect(result.ok && result.value.address).toBe(address);
    if (result.ok) await result.value.close();
  });

  it.each([
    ['virtual://', /built-in emulator/],
    ['ftp://x', /expected usb:\/\/VID:PID, tcp:\/\/host:port, serial/],
    ['usb://0dd4', /4 hex digits/],
    ['serial:///dev/ttyS0?baudRate=12345', /baudRate must be one of/],
    ['serial://', /serial:\/\/\/dev/],
  ])('%s is refused with a plain reason', (url, reason) => {
    const result = createTransport(url);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(reason);
  });
});
