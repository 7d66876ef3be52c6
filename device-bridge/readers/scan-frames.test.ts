import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHexPayload } from '../domain/oms-barcode';
import { createScanFrameParser, type Scan } from './scan-frames';

const fixture = parseHexPayload(readFileSync(new URL('../../tests/fixtures/oms-barcode-type2.hex', import.meta.url), 'utf8'))!;
const bytes = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const CRLF = bytes('\r\n');
const enpOf = (scans: Scan[]) => scans.map((s) => (s.kind === 'paper-policy' ? s.barcode.enp : s.kind === 'enp-text' ? s.enp : s.kind));

describe('scan frames from a serial scanner', () => {
  it('finds the paper policy in 130 binary bytes with a CR/LF suffix', () => {
    const parser = createScanFrameParser();
    const scans = parser.push(cat(fixture, CRLF));
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ kind: 'paper-policy', barcode: { enp: '0000000910000206', surname: 'ШМАТОВА' } });
    expect(parser.pending()).toBe(0);
  });

  it('waits for the rest of a frame that arrives in pieces', () => {
    const parser = createScanFrameParser();
    expect(parser.push(fixture.subarray(0, 50))).toEqual([]);
    expect(parser.push(fixture.subarray(50, 129))).toEqual([]);
    expect(enpOf(parser.push(fixture.subarray(129)))).toEqual(['0000000910000206']);
  });

  it('resynchronises after garbage, including false frame starts and a half frame', () => {
    const parser = createScanFrameParser();
    const garbage = Uint8Array.of(0xff, 0x13, 0x02, 0x99, 0x01, 0x00, 0x7e, 0x80);
    const halfFrame = fixture.subarray(0, 60);
    const scans = parser.push(cat(garbage, halfFrame, fixture, CRLF, fixture));
    expect(enpOf(scans)).toEqual(['0000000910000206', '0000000910000206']);
  });

  it('reads a digital policy QR: a text line holding a 16-digit ЕНП', () => {
    const parser = createScanFrameParser();
    expect(parser.push(bytes('https://oms.example/p?enp=6449020886006380&x=1\r\n'))).toEqual([{ kind: 'enp-text', enp: '6449020886006380' }]);
    expect(parser.push(bytes('6449020886006380\n'))).toEqual([{ kind: 'enp-text', enp: '6449020886006380' }]);
  });

  it('reads a text code sent without a suffix once the scanner pauses', () => {
    const parser = createScanFrameParser();
    expect(parser.push(bytes('6449020886006380'))).toEqual([]);
    expect(parser.flush()).toEqual([{ kind: 'enp-text', enp: '6449020886006380' }]);
  });

  it('reports some other barcode as unrecognised, without keeping its content', () => {
    const parser = createScanFrameParser();
    const scans = parser.push(bytes('4601234567890\r\n'));
    expect(scans).toEqual([{ kind: 'unrecognised', detail: 'a 13-character code without a policy number' }]);
    expect(JSON.stringify(scans)).not.toContain('4601234567890');
  });

  it('reports a frame cut short by a pause, and drops short noise silently', () => {
    const parser = createScanFrameParser();
    parser.push(fixture.subarray(0, 100));
    expect(parser.flush()).toEqual([{ kind: 'unrecognised', detail: 'an incomplete policy barcode (100 of 130 bytes)' }]);
    parser.push(Uint8Array.of(0x1b, 0x5b, 0x41));
    expect(parser.flush()).toEqual([]);
  });

  it('finds the policy after any garbage, in any chunking, and never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 20 }), (garbage, cuts) => {
        const stream = cat(garbage, CRLF, fixture, CRLF);
        const parser = createScanFrameParser();
        const scans: Scan[] = [];
        let offset = 0;
        for (const cut of cuts) {
          scans.push(...parser.push(stream.subarray(offset, offset + cut)));
          offset += cut;
        }
        scans.push(...parser.push(stream.subarray(offset)));
        scans.push(...parser.flush());
        expect(scans.some((s) => s.kind === 'paper-policy' && s.barcode.enp === '0000000910000206')).toBe(true);
        expect(parser.pending()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('gives typed scans for any bytes, never throws, never holds more than its bound', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 80 }), (chunks) => {
        const parser = createScanFrameParser();
        for (const chunk of chunks) {
          for (const scan of parser.push(chunk)) expect(['paper-policy', 'enp-text', 'unrecognised']).toContain(scan.kind);
          expect(parser.pending()).toBeLessThanOrEqual(8192);
        }
        parser.flush();
        expect(parser.pending()).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
