// How the kiosk reads the owner file of an OMS chip card, as ISO 7816-4
// commands: SELECT the application by AID, SELECT the owner file by its file
// id, READ BINARY in chunks until the whole BER-TLV object is in. The AID and
// the file id are not public (docs/domain/oms-policy.md §3): they come from the
// config (`cardReader.aid`, `cardReader.ownerFileId`). The transport (PC/SC
// or anything else) is a function, so this runs the same against a real
// reader and in unit tests.
import { readTlvHeader } from './ber-tlv';
import { parseOwnerData, type CardOwner } from './oms-card-data';
import type { Result } from '../contract/result';

export interface OmsCardLayout {
  readonly aid: Uint8Array;
  readonly ownerFileId: Uint8Array;
  /** Bytes per READ BINARY; 128 suits every short-APDU card. */
  readonly chunkBytes?: number;
}

/** Sends one C-APDU, resolves with the R-APDU (data + SW1 SW2); rejects when the transport fails (card gone, reader gone). */
export type Transmit = (capdu: Uint8Array) => Promise<Uint8Array>;

export type CardReadError =
  /** The card answered but has no such application or file: some other card (a bank card, a pass). */
  | { readonly kind: 'not-oms'; readonly step: 'select-application' | 'select-file'; readonly sw: string }
  /** The card answered with something that is not the owner data. */
  | { readonly kind: 'unreadable'; readonly detail: string }
  /** The transport failed mid-read; the caller decides whether the card was pulled out. */
  | { readonly kind: 'transport'; readonly detail: string };

export type CardReadResult = Result<CardOwner, CardReadError>;

const MAX_FILE_BYTES = 4096;
const DEFAULT_CHUNK = 128;

export const SW = {
  ok: 0x9000,
  endOfFile: 0x6282,
  wrongLength: 0x6700,
  noCurrentEf: 0x6986,
  notFound: 0x6a82,
  wrongP1P2: 0x6a86,
  wrongOffset: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
} as const;

class TransportFailure extends Error {}

export async function readOmsOwner(transmit: Transmit, layout: OmsCardLayout): Promise<CardReadResult> {
  const send = async (capdu: Uint8Array) => {
    let response: Uint8Array;
    try {
      response = await transmit(capdu);
    } catch (cause) {
      throw new TransportFailure((cause as Error)?.message ?? String(cause));
    }
    if (response.length < 2) throw new TransportFailure('response shorter than a status word');
    const sw = ((response[response.length - 2] ?? 0) << 8) | (response[response.length - 1] ?? 0);
    return { data: response.subarray(0, response.length - 2), sw };
  };

  try {
    const app = await select(send, 0x04, layout.aid);
    if (!isSuccess(app)) return fail({ kind: 'not-oms', step: 'select-application', sw: hexSw(app) });
    const file = await select(send, 0x02, layout.ownerFileId);
    if (!isSuccess(file)) return fail({ kind: 'not-oms', step: 'select-file', sw: hexSw(file) });

    const bytes = await readWholeObject(send, layout.chunkBytes ?? DEFAULT_CHUNK);
    if (!bytes.ok) return bytes;
    const owner = parseOwnerData(bytes.value);
    if (!owner.ok) return fail({ kind: 'unreadable', detail: owner.error.message });
    return owner;
  } catch (cause) {
    if (cause instanceof TransportFailure) return fail({ kind: 'transport', detail: cause.message });
    throw cause;
  }
}

type Send = (capdu: Uint8Array) => Promise<{ data: Uint8Array; sw: number }>;

/** SELECT with P2=0C (no answer data); cards that refuse that P2 get P2=00 with Le. */
async function select(send: Send, p1: number, id: Uint8Array): Promise<number> {
  const first = await send(Uint8Array.of(0x00, 0xa4, p1, 0x0c, id.length, ...id));
  if (first.sw !== SW.wrongP1P2) return first.sw;
  return (await send(Uint8Array.of(0x00, 0xa4, p1, 0x00, id.length, ...id, 0x00))).sw;
}

const isSuccess = (sw: number) => sw === SW.ok || (sw & 0xff00) === 0x6100;

async function readWholeObject(send: Send, chunk: number): Promise<Result<Uint8Array, CardReadError>> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  let total: number | undefined;
  while (offset < MAX_FILE_BYTES) {
    const want = Math.min(chunk, (total ?? MAX_FILE_BYTES) - offset);
    if (want <= 0) break;
    let answer = await send(readBinary(offset, want));
    // 6Cxx: "wrong Le, xx available" — ask again with that length.
    if ((answer.sw & 0xff00) === 0x6c00 && (answer.sw & 0xff) > 0) answer = await send(readBinary(offset, answer.sw & 0xff));
    if (answer.sw === SW.wrongOffset && offset > 0) break;
    if (answer.sw !== SW.ok && answer.sw !== SW.endOfFile) {
      return fail({ kind: 'unreadable', detail: `READ BINARY at ${offset} answered ${hexSw(answer.sw)}` });
    }
    parts.push(Uint8Array.from(answer.data));
    offset += answer.data.length;
    if (total === undefined) total = objectLength(concat(parts));
    if (answer.sw === SW.endOfFile || answer.data.length < want || answer.data.length === 0) break;
  }
  const bytes = concat(parts);
  if (bytes.length === 0) return fail({ kind: 'unreadable', detail: 'the owner file is empty' });
  return { ok: true, value: total === undefined ? bytes : bytes.subarray(0, total) };
}

/** Length of the first TLV object (with leading padding) once its header is in; undefined until then. */
function objectLength(bytes: Uint8Array): number | undefined {
  let start = 0;
  while (start < bytes.length && (bytes[start] === 0x00 || bytes[start] === 0xff)) start++;
  const header = readTlvHeader(bytes, start);
  return header.ok ? start + header.value.headerLength + header.value.valueLength : undefined;
}

const readBinary = (offset: number, le: number) => Uint8Array.of(0x00, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, le & 0xff);
const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const hexSw = (sw: number) => sw.toString(16).padStart(4, '0').toUpperCase();
const fail = (error: CardReadError) => ({ ok: false as const, error });

export function parseHexBytes(hex: string): Uint8Array {
  const compact = hex.replace(/[\s:]/g, '');
  return Uint8Array.from(compact.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}
