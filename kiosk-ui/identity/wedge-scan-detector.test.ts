import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWedgeScanDetector, enpFromScanText, type WedgeVerdict } from './wedge-scan-detector';

/** Feeds keys `gapMs` apart starting at `start`; returns every verdict that is not "pending"/"ignored". */
function feed(detector: ReturnType<typeof createWedgeScanDetector>, keys: readonly string[], gapMs: number, start = 1000): WedgeVerdict[] {
  const out: WedgeVerdict[] = [];
  keys.forEach((key, i) => {
    const verdict = detector.push({ key, timeStamp: start + i * gapMs });
    if (verdict.kind !== 'pending' && verdict.kind !== 'ignored') out.push(verdict);
  });
  return out;
}

const ENP = '6449020886006380';

describe('wedge scan detector', () => {
  it('takes a burst of digits ending with Enter, 10 ms apart, for a scan of the policy', () => {
    const detector = createWedgeScanDetector();
    expect(feed(detector, [...ENP, 'Enter'], 10)).toEqual([{ kind: 'scan', text: ENP, enp: ENP }]);
  });

  it('takes the same digits typed by a person, 150 ms apart, for typing', () => {
    const detector = createWedgeScanDetector();
    const verdicts = feed(detector, [...ENP, 'Enter'], 150);
    expect(verdicts.every((v) => v.kind === 'typed')).toBe(true);
    expect(verdicts.map((v) => (v.kind === 'typed' ? v.text : '')).join('')).toBe(ENP);
  });

  it('finds the ЕНП inside a QR text payload', () => {
    const detector = createWedgeScanDetector();
    const qr = `https://www.gosuslugi.ru/oms?enp=${ENP}&v=1`;
    expect(feed(detector, [...qr, 'Enter'], 5)).toEqual([{ kind: 'scan', text: qr, enp: ENP }]);
  });

  it('reports a fast code without a policy number as a scan with no ЕНП', () => {
    const detector = createWedgeScanDetector();
    expect(feed(detector, [...'4601234567890', 'Enter'], 8)).toEqual([{ kind: 'scan', text: '4601234567890', enp: null }]);
  });

  it('ignores Shift between the characters a scanner sends', () => {
    const detector = createWedgeScanDetector();
    const keys = ['Shift', 'E', 'Shift', 'N', 'Shift', 'P', ...ENP, 'Enter'];
    expect(feed(detector, keys, 4)).toEqual([{ kind: 'scan', text: `ENP${ENP}`, enp: ENP }]);
  });

  it('respects a configured gap: 50 ms apart is a scan when the limit is 60 ms, typing at the default 35 ms', () => {
    expect(feed(createWedgeScanDetector({ maxGapMs: 60 }), [...ENP, 'Enter'], 50)[0]?.kind).toBe('scan');
    expect(feed(createWedgeScanDetector(), [...ENP, 'Enter'], 50)[0]?.kind).toBe('typed');
  });

  it('does not take two quick key presses and Enter for a scan', () => {
    expect(feed(createWedgeScanDetector(), ['1', '2', 'Enter'], 10)).toEqual([{ kind: 'typed', text: '12' }]);
  });

  it('starts a new burst after a person typed: a slow key, then a scan', () => {
    const detector = createWedgeScanDetector();
    expect(detector.push({ key: '5', timeStamp: 0 }).kind).toBe('pending');
    // 2 s later the scanner fires: the held "5" was typing, the burst is a scan.
    const verdicts = feed(detector, [...ENP, 'Enter'], 10, 2000);
    expect(verdicts).toEqual([
      { kind: 'typed', text: '5' },
      { kind: 'scan', text: ENP, enp: ENP },
    ]);
  });

  it('a burst that stalls before Enter is typing when flushed', () => {
    const detector = createWedgeScanDetector();
    feed(detector, [...ENP.slice(0, 10)], 10, 0);
    expect(detector.flush(95)).toEqual({ kind: 'pending' });
    expect(detector.flush(500)).toEqual({ kind: 'typed', text: ENP.slice(0, 10) });
    expect(detector.flush(600)).toEqual({ kind: 'ignored' });
  });

  it('a slow Enter after a fast burst is not a scan', () => {
    const detector = createWedgeScanDetector();
    feed(detector, [...ENP], 10, 0);
    expect(detector.push({ key: 'Enter', timeStamp: 1000 })).toEqual({ kind: 'typed', text: ENP });
  });

  it('never throws and never loses a printable key, whatever the keys and timings', () => {
    const key = fc.oneof(fc.constantFrom('Enter', 'Shift', 'Backspace', 'Tab'), fc.string({ minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer({ min: 0, max: 300 })), { maxLength: 60 }), (presses) => {
        const detector = createWedgeScanDetector();
        let t = 0;
        let released = '';
        let printable = '';
        for (const [k, gap] of presses) {
          t += gap;
          if ([...k].length === 1) printable += k;
          const v = detector.push({ key: k, timeStamp: t });
          if (v.kind === 'typed' || v.kind === 'scan') released += v.text;
        }
        const last = detector.flush(t + 10_000);
        if (last.kind === 'typed') released += last.text;
        expect(released).toBe(printable);
      }),
    );
  });
});

describe('enpFromScanText', () => {
  it('finds exactly 16 digits, not a run of 17', () => {
    expect(enpFromScanText(`enp:${ENP};`)).toBe(ENP);
    expect(enpFromScanText(`${ENP}7`)).toBeNull();
    expect(enpFromScanText('нет номера')).toBeNull();
  });
});
