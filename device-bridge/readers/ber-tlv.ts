// BER-TLV (X.690 / ISO 7816-4) as found in smart-card files: tags of one to
// three bytes, definite lengths of up to four bytes, constructed objects
// parsed recursively. Anything a card sends is untrusted: every malformed
// input is a typed error, never an exception, and depth is bounded.
import type { Err, Result } from '../contract/result';

export interface TlvNode {
  /** The tag bytes as one integer: 0x5F21, 0x62, … */
  readonly tag: number;
  readonly constructed: boolean;
  readonly value: Uint8Array;
  /** Parsed children of a constructed object; empty for a primitive one. */
  readonly children: readonly TlvNode[];
}

export type TlvError =
  | { readonly kind: 'truncated'; readonly offset: number; readonly message: string }
  | { readonly kind: 'unsupported-length'; readonly offset: number; readonly message: string }
  | { readonly kind: 'tag-too-long'; readonly offset: number; readonly message: string }
  | { readonly kind: 'too-deep'; readonly offset: number; readonly message: string };

export type TlvResult = Result<readonly TlvNode[], TlvError>;

export interface TlvHeader {
  readonly tag: number;
  readonly constructed: boolean;
  /** Bytes taken by the tag and the length fields. */
  readonly headerLength: number;
  readonly valueLength: number;
}

const MAX_TAG_BYTES = 3;
const MAX_LENGTH_BYTES = 4;
export const MAX_TLV_DEPTH = 8;

/** 0x00 and 0xFF between objects are padding (ISO 7816-4 §5.2). */
const isPadding = (byte: number) => byte === 0x00 || byte === 0xff;

/**
 * Reads one header at `offset`: the tag and the length. A typed error when
 * the bytes end early or use forms a card file never needs (indefinite
 * length, lengths over 4 bytes, tags over 3 bytes).
 */
export function readTlvHeader(bytes: Uint8Array, offset: number): Result<TlvHeader, TlvError> {
  let i = offset;
  const first = bytes[i];
  if (first === undefined) return truncated(offset, 'tag');
  let tag = first;
  i++;
  if ((first & 0x1f) === 0x1f) {
    let more = true;
    while (more) {
      const next = bytes[i];
      if (next === undefined) return truncated(offset, 'tag');
      if (i - offset >= MAX_TAG_BYTES) {
        return { ok: false, error: { kind: 'tag-too-long', offset, message: `tag at offset ${offset} is longer than ${MAX_TAG_BYTES} bytes` } };
      }
      tag = tag * 256 + next;
      more = (next & 0x80) !== 0;
      i++;
    }
  }
  const lengthByte = bytes[i];
  if (lengthByte === undefined) return truncated(offset, 'length');
  i++;
  let valueLength = lengthByte;
  if (lengthByte === 0x80) {
    return { ok: false, error: { kind: 'unsupported-length', offset, message: `indefinite length at offset ${offset}` } };
  }
  if (lengthByte > 0x80) {
    const count = lengthByte & 0x7f;
    if (count > MAX_LENGTH_BYTES) {
      return { ok: false, error: { kind: 'unsupported-length', offset, message: `length of ${count} bytes at offset ${offset}` } };
    }
    valueLength = 0;
    for (let k = 0; k < count; k++) {
      const b = bytes[i];
      if (b === undefined) return truncated(offset, 'length');
      valueLength = valueLength * 256 + b;
      i++;
    }
  }
  return { ok: true, value: { tag, constructed: (first & 0x20) !== 0, headerLength: i - offset, valueLength } };
}

/** Parses a sequence of TLV objects (padding between them skipped), recursing into constructed ones. */
export function parseBerTlv(bytes: Uint8Array, depth = 0): TlvResult {
  const nodes: TlvNode[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (isPadding(bytes[offset] ?? 0)) {
      offset++;
      continue;
    }
    const header = readTlvHeader(bytes, offset);
    if (!header.ok) return header;
    const { tag, constructed, headerLength, valueLength } = header.value;
    const start = offset + headerLength;
    if (start + valueLength > bytes.length) {
      return truncated(offset, `value (${valueLength} bytes announced, ${bytes.length - start} present)`);
    }
    const value = bytes.subarray(start, start + valueLength);
    let children: readonly TlvNode[] = [];
    if (constructed) {
      if (depth + 1 >= MAX_TLV_DEPTH) {
        return { ok: false, error: { kind: 'too-deep', offset, message: `objects nested deeper than ${MAX_TLV_DEPTH}` } };
      }
      const inner = parseBerTlv(value, depth + 1);
      if (!inner.ok) return { ok: false, error: { ...inner.error, offset: inner.error.offset + start } };
      children = inner.value;
    }
    nodes.push({ tag, constructed, value, children });
    offset = start + valueLength;
  }
  return { ok: true, value: nodes };
}

/** The first object with `tag`, searching depth-first through constructed objects. */
export function findTlv(nodes: readonly TlvNode[], tag: number): TlvNode | undefined {
  for (const node of nodes) {
    if (node.tag === tag) return node;
    const inner = findTlv(node.children, tag);
    if (inner) return inner;
  }
  return undefined;
}

/** Encodes one object: definite length, shortest form. `tag` as in TlvNode (0x5F21). */
export function encodeTlv(tag: number, value: Uint8Array | readonly Uint8Array[]): Uint8Array {
  const body = value instanceof Uint8Array ? value : concatBytes(value);
  const tagBytes: number[] = [];
  for (let t = tag; t > 0 || tagBytes.length === 0; t = Math.floor(t / 256)) tagBytes.unshift(t & 0xff);
  const length = body.length;
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let l = length; l > 0; l = Math.floor(l / 256)) lengthBytes.unshift(l & 0xff);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  return concatBytes([Uint8Array.from(tagBytes), Uint8Array.from(lengthBytes), body]);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function truncated(offset: number, what: string): Err<TlvError> {
  return { ok: false, error: { kind: 'truncated', offset, message: `data ends inside the ${what} of the object at offset ${offset}` } };
}
