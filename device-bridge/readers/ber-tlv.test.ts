import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeTlv, findTlv, MAX_TLV_DEPTH, parseBerTlv } from './ber-tlv';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('parseBerTlv', () => {
  it('reads two-byte application tags inside a constructed root, as on the OMS card', () => {
    const parsed = parseBerTlv(bytes(0x62, 0x07, 0x5f, 0x25, 0x01, 0x02, 0x5f, 0x26, 0x00));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const root = parsed.value[0]!;
    expect(root).toMatchObject({ tag: 0x62, constructed: true });
    expect(root.children.map((c) => c.tag)).toEqual([0x5f25, 0x5f26]);
    expect(findTlv(parsed.value, 0x5f25)?.value).toEqual(bytes(0x02));
  });

  it('reads long-form lengths (0x81, 0x82)', () => {
    const long = new Uint8Array(300).fill(0x41);
    const parsed = parseBerTlv(encodeTlv(0x5f21, long));
    expect(parsed.ok && parsed.value[0]?.value.length).toBe(300);
    expect(Array.from(encodeTlv(0x5f21, long).subarray(0, 5))).toEqual([0x5f, 0x21, 0x82, 0x01, 0x2c]);
    expect(Array.from(encodeTlv(0x04, new Uint8Array(200)).subarray(0, 3))).toEqual([0x04, 0x81, 0xc8]);
  });

  it('skips 00 / FF padding between objects and at the end of a file', () => {
    const parsed = parseBerTlv(bytes(0x00, 0x5f, 0x25, 0x01, 0x01, 0xff, 0xff, 0x00));
    expect(parsed.ok && parsed.value.map((n) => n.tag)).toEqual([0x5f25]);
  });

  it('names what is wrong with malformed data', () => {
    expect(parseBerTlv(bytes(0x5f, 0x21, 0x05, 0x41))).toMatchObject({ ok: false, error: { kind: 'truncated' } });
    expect(parseBerTlv(bytes(0x5f))).toMatchObject({ ok: false, error: { kind: 'truncated' } });
    expect(parseBerTlv(bytes(0x62, 0x80, 0x00, 0x00))).toMatchObject({ ok: false, error: { kind: 'unsupported-length' } });
    expect(parseBerTlv(bytes(0x5f, 0x21, 0x85, 1, 2, 3, 4, 5))).toMatchObject({ ok: false, error: { kind: 'unsupported-length' } });
    expect(parseBerTlv(bytes(0x5f, 0x81, 0x82, 0x83, 0x01, 0x00))).toMatchObject({ ok: false, error: { kind: 'tag-too-long' } });
    // a constructed object holding a broken child: the offset points into the parent
    expect(parseBerTlv(bytes(0x62, 0x03, 0x5f, 0x21, 0x09))).toMatchObject({ ok: false, error: { kind: 'truncated', offset: 2 } });
  });

  it('refuses nesting deeper than the bound instead of recursing without end', () => {
    let nested: Uint8Array = encodeTlv(0x5f21, bytes(0x41));
    for (let i = 0; i < MAX_TLV_DEPTH + 2; i++) nested = encodeTlv(0x62, nested);
    expect(parseBerTlv(nested)).toMatchObject({ ok: false, error: { kind: 'too-deep' } });
  });

  it('gives a typed result or a typed error for any bytes, never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (input) => {
        const parsed = parseBerTlv(input);
        if (!parsed.ok) expect(parsed.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives a typed result for TLV-shaped input (tags and lengths that nearly fit), never throws', () => {
    const tlvish = fc
      .array(
        fc.tuple(fc.constantFrom(0x62, 0x64, 0x5f, 0x21, 0x26, 0x81, 0x82, 0x80, 0x00, 0xff), fc.uint8Array({ maxLength: 6 })),
        { maxLength: 30 },
      )
      .map((parts) => Uint8Array.from(parts.flatMap(([head, tail]) => [head, ...tail])));
    fc.assert(fc.property(tlvish, (input) => void parseBerTlv(input)), { numRuns: 1000 });
  });

  it('reads back what it encodes', () => {
    const leaf = fc.tuple(fc.constantFrom(0x5f21, 0x5f22, 0x5f26, 0x04, 0x80), fc.uint8Array({ maxLength: 300 }));
    fc.assert(
      fc.property(fc.array(leaf, { minLength: 1, maxLength: 6 }), (leaves) => {
        const encoded = encodeTlv(0x62, leaves.map(([tag, value]) => encodeTlv(tag, value)));
        const parsed = parseBerTlv(encoded);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value[0]!.children.map((c) => [c.tag, Array.from(c.value)])).toEqual(leaves.map(([t, v]) => [t, Array.from(v)]));
      }),
    );
  });
});
