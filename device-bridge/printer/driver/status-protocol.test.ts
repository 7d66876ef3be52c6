import { describe, expect, it } from 'vitest';
import type { PrinterStatus } from '../../contract/printer';
import { customFullStatus, epsonStatus, primexStatus, statusProtocolFor, worstStatus, type EpsonStatusBytes } from './status-protocol';

const OK: EpsonStatusBytes = { printer: 0x12, offlineCause: 0x12, error: 0x12, paperSensor: 0x12 };

describe('epsonStatus (DLE EOT 1…4)', () => {
  it.each<[string, Partial<EpsonStatusBytes>, PrinterStatus]>([
    ['all fixed bits only: ready', {}, { state: 'ready' }],
    ['paper near end (bits 2–3 of n=4)', { paperSensor: 0x1e }, { state: 'paper-near-end' }],
    ['paper near end, one sensor bit', { paperSensor: 0x16 }, { state: 'paper-near-end' }],
    ['paper end (bits 5–6 of n=4)', { paperSensor: 0x72 }, { state: 'paper-out' }],
    ['paper end stop (bit 5 of n=2)', { offlineCause: 0x32 }, { state: 'paper-out' }],
    ['cover open (bit 2 of n=2)', { offlineCause: 0x16 }, { state: 'cover-open' }],
    ['cutter error (bit 3 of n=3)', { error: 0x1a }, { state: 'cutter-error' }],
    ['offline (bit 3 of n=1)', { printer: 0x1a }, { state: 'offline', reason: 'printer reports offline' }],
    ['unrecoverable error (bit 5 of n=3)', { printer: 0x1a, error: 0x32 }, { state: 'offline', reason: 'unrecoverable error: power the printer off and on' }],
    ['out of paper with the cover open: paper wins', { printer: 0x1a, offlineCause: 0x36, paperSensor: 0x7e }, { state: 'paper-out' }],
    ['cover open and cutter error: cover wins', { printer: 0x1a, offlineCause: 0x16, error: 0x1a }, { state: 'cover-open' }],
    ['cutter error while offline: cutter wins', { printer: 0x1a, error: 0x1a }, { state: 'cutter-error' }],
    ['offline and near end: offline wins', { printer: 0x1a, paperSensor: 0x1e }, { state: 'offline', reason: 'printer reports offline' }],
    ['drawer pin and feed button bits are not faults', { printer: 0x16, offlineCause: 0x1a }, { state: 'ready' }],
  ])('%s', (_name, bytes, expected) => {
    expect(epsonStatus({ ...OK, ...bytes })).toEqual(expected);
  });

  it.each([0x00, 0xff, 0x13, 0x92, 0x10])('status byte %i lacks the fixed bits: unknown, never ready', (byte) => {
    expect(epsonStatus({ ...OK, paperSensor: byte }).state).toBe('unknown');
  });
});

describe('customFullStatus (DLE EOT 0x14, 6 bytes)', () => {
  const full = (paper: number, user: number, recoverable: number, unrecoverable: number) =>
    Uint8Array.of(0x10, 0x0f, paper, user, recoverable, unrecoverable);

  it.each<[string, Uint8Array, PrinterStatus]>([
    ['ready', full(0, 0, 0, 0), { state: 'ready' }],
    ['ticket waiting in the presenter is not a fault', full(0x20, 0, 0, 0), { state: 'ready' }],
    ['paper near end', full(0x04, 0, 0, 0), { state: 'paper-near-end' }],
    ['paper end', full(0x01, 0, 0, 0), { state: 'paper-out' }],
    ['paper end with near end set too', full(0x05, 0, 0, 0), { state: 'paper-out' }],
    ['cover open', full(0, 0x03, 0, 0), { state: 'cover-open' }],
    ['head up', full(0, 0x01, 0, 0), { state: 'cover-open' }],
    ['cutter error', full(0, 0, 0, 0x01), { state: 'cutter-error' }],
    ['paper jam', full(0, 0, 0x40, 0), { state: 'offline', reason: 'paper jam' }],
    ['paper end and cutter error: paper wins', full(0x01, 0, 0, 0x01), { state: 'paper-out' }],
  ])('%s', (_name, answer, expected) => {
    expect(customFullStatus(answer)).toEqual(expected);
  });

  it('a short or foreign answer is unknown, never ready', () => {
    expect(customFullStatus(Uint8Array.of(0x12)).state).toBe('unknown');
    expect(customFullStatus(Uint8Array.of(0x00, 0x0f, 0, 0, 0, 0)).state).toBe('unknown');
  });
});

describe('statusProtocolFor', () => {
  it('epson-dle-eot asks DLE EOT 1, 2, 3, 4 for one byte each', () => {
    const protocol = statusProtocolFor('epson-dle-eot');
    expect(protocol.queries.map((q) => [...q.request])).toEqual([[0x10, 4, 1], [0x10, 4, 2], [0x10, 4, 3], [0x10, 4, 4]]);
    expect(protocol.queries.map((q) => q.answerLength)).toEqual([1, 1, 1, 1]);
    expect(protocol.interpret([0x12, 0x32, 0x12, 0x7e].map((b) => Uint8Array.of(b)))).toEqual({ state: 'paper-out' });
  });

  it('custom-full-status asks DLE EOT 0x14 for six bytes', () => {
    const protocol = statusProtocolFor('custom-full-status');
    expect(protocol.queries.map((q) => [[...q.request], q.answerLength])).toEqual([[[0x10, 4, 0x14], 6]]);
    expect(protocol.interpret([Uint8Array.of(0x10, 0x0f, 0, 0x03, 0, 0)])).toEqual({ state: 'cover-open' });
  });
});

describe('worstStatus', () => {
  it('ranks paper-out > cover-open > cutter-error > offline > paper-near-end > ready', () => {
    const order: PrinterStatus[] = [
      { state: 'ready' },
      { state: 'paper-near-end' },
      { state: 'offline', reason: 'x' },
      { state: 'cutter-error' },
      { state: 'cover-open' },
      { state: 'paper-out' },
    ];
    for (let i = 1; i < order.length; i++) {
      expect(worstStatus(order.slice(0, i + 1))).toEqual(order[i]);
      expect(worstStatus(order.slice(0, i + 1).reverse())).toEqual(order[i]);
    }
    expect(worstStatus([])).toEqual({ state: 'ready' });
  });
});

describe('primexStatus (ESC v, one byte)', () => {
  it.each<[string, number, PrinterStatus]>([
    ['ready', 0x00, { state: 'ready' }],
    ['a ticket waiting in the exit is not a fault', 0x40, { state: 'ready' }],
    ['paper near end', 0x01, { state: 'paper-near-end' }],
    ['paper end (with near end)', 0x05, { state: 'paper-out' }],
    ['head or platen open', 0x02, { state: 'cover-open' }],
    ['cutter error', 0x10, { state: 'cutter-error' }],
    ['head temperature', 0x08, { state: 'offline', reason: 'print head temperature error' }],
    ['paper end with the head open: paper wins', 0x07, { state: 'paper-out' }],
  ])('%s', (_name, byte, expected) => {
    expect(primexStatus(byte)).toEqual(expected);
  });

  it('a byte with bit 7 set is not a status answer: unknown, never ready', () => {
    expect(primexStatus(0x80).state).toBe('unknown');
    expect(primexStatus(0xff).state).toBe('unknown');
  });

  it('primex-esc-v asks ESC v for one byte', () => {
    const protocol = statusProtocolFor('primex-esc-v');
    expect(protocol.queries.map((q) => [[...q.request], q.answerLength])).toEqual([[[0x1b, 0x76], 1]]);
    expect(protocol.interpret([Uint8Array.of(0x02)])).toEqual({ state: 'cover-open' });
    expect(protocol.interpret([]).state).toBe('unknown');
  });
});
