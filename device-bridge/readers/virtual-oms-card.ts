// A virtual OMS chip card, product code: the demo (`npx kiosk card insert`),
// the service mode's "insert test card" and the PC/SC tests use it. It is a
// TCP client of vsmartcard's vpcd (the virtual reader pcscd loads from
// /etc/reader.conf.d/vpcd): frames are a uint16 big-endian length + payload;
// a 1-byte payload is a control (0 power off, 1 power on, 2 reset, 4 get ATR,
// answered with the ATR); a longer one is a C-APDU, answered with an R-APDU.
// Closing the socket is pulling the card out.
//
// Ports: vpcd slot 0 ("Virtual PCD 00 00") listens on 35963, slot 1
// ("Virtual PCD 00 01") on 35964; each takes one card at a time.
import { connect, type Socket } from 'node:net';
import type { virtualCardBehaviours } from '../contract';
import type { Sex } from '../domain/oms-policy';
import { err, ok, type Result } from '../contract/result';
import { concatBytes, encodeTlv } from './ber-tlv';
import { SW, type OmsCardLayout } from './oms-card-apdu';
import { encodeOwnerData } from './oms-card-data';

export const VPCD_PORT = { 'Virtual PCD 00 00': 35963, 'Virtual PCD 00 01': 35964 } as const;

export interface VirtualCardPatient {
  readonly enp: string;
  readonly surname: string;
  readonly name: string;
  readonly patronymic: string;
  /** `YYYY-MM-DD` */
  readonly birthDate: string;
  readonly sex: Sex;
}

/**
 * How the card behaves, for tests and for the service mode:
 * `normal`; `remove-mid-read` (pulled out at the first READ BINARY);
 * `not-oms` (some other card: the OMS application is missing);
 * `garbled` (the owner file holds bytes that are not the owner data).
 */
export type VirtualCardBehaviour = (typeof virtualCardBehaviours)[number];

/** The card's answers, without any socket: SELECT by AID and by file id, READ BINARY with offsets. */
export interface OmsCardApplet {
  readonly atr: Uint8Array;
  /** The R-APDU, or 'remove' when the card is to vanish instead of answering. */
  handle(capdu: Uint8Array): Uint8Array | 'remove';
  reset(): void;
}

const MF = 0x3f00;

/** ATR of the virtual card: T=0 and T=1 offered, historical bytes «OMSVIRTUAL», with TCK. */
export function virtualCardAtr(): Uint8Array {
  const historical = Array.from('OMSVIRTUAL', (c) => c.charCodeAt(0));
  const body = [0x80 | historical.length, 0x80, 0x01, ...historical];
  const tck = body.reduce((x, b) => x ^ b, 0);
  return Uint8Array.from([0x3b, ...body, tck]);
}

export function createOmsCardApplet(patient: VirtualCardPatient, layout: OmsCardLayout, behaviour: VirtualCardBehaviour = 'normal'): OmsCardApplet {
  // Garbled: a surname tag with a length form no card uses, then noise.
  const ownerFile = behaviour === 'garbled' ? Uint8Array.of(0x5f, 0x21, 0x85, 0x13, 0x37, 0x00, 0x42, 0x99, 0x10) : encodeOwnerData(patient);
  const ownerFid = fid(layout.ownerFileId);
  let applicationSelected = false;
  let currentEf: number | null = null;

  const status = (sw: number, data: Uint8Array = new Uint8Array(0)) => concatBytes([data, Uint8Array.of(sw >> 8, sw & 0xff)]);

  return {
    atr: virtualCardAtr(),
    reset() {
      applicationSelected = false;
      currentEf = null;
    },
    handle(capdu) {
      if (capdu.length < 4) return status(SW.wrongLength);
      const [cla = 0, ins = 0, p1 = 0, p2 = 0] = capdu;
      if ((cla & 0xfc) !== 0x00) return status(SW.claNotSupported);
      let data: Uint8Array = new Uint8Array(0);
      let le: number | null = null;
      if (capdu.length === 5) le = capdu[4] || 256;
      else if (capdu.length > 5) {
        const lc = capdu[4] ?? 0;
        if (capdu.length !== 5 + lc && capdu.length !== 6 + lc) return status(SW.wrongLength);
        data = capdu.subarray(5, 5 + lc);
        if (capdu.length === 6 + lc) le = capdu[5 + lc] || 256;
      }

      if (ins === 0xa4) {
        const answerData = (p2 & 0x0c) !== 0x0c;
        if (p1 === 0x04) {
          if (behaviour === 'not-oms' || !sameBytes(data, layout.aid)) return status(SW.notFound);
          applicationSelected = true;
          currentEf = null;
          return answerData ? status(SW.ok, encodeTlv(0x6f, encodeTlv(0x84, data))) : status(SW.ok);
        }
        if (p1 === 0x00 || p1 === 0x02) {
          if (data.length !== 2) return status(SW.wrongLength);
          const id = fid(data);
          if (id === MF) {
            applicationSelected = false;
            currentEf = null;
            return status(SW.ok);
          }
          if (!applicationSelected || id !== ownerFid) return status(SW.notFound);
          currentEf = id;
          const fcp = encodeTlv(0x62, [
            encodeTlv(0x80, Uint8Array.of(ownerFile.length >> 8, ownerFile.length & 0xff)),
            encodeTlv(0x82, Uint8Array.of(0x01)),
            encodeTlv(0x83, data),
          ]);
          return answerData ? status(SW.ok, fcp) : status(SW.ok);
        }
        return status(SW.wrongP1P2);
      }

      if (ins === 0xb0) {
        if ((p1 & 0x80) !== 0) return status(SW.wrongP1P2); // short file identifiers: not on this card
        if (currentEf === null) return status(SW.noCurrentEf);
        if (behaviour === 'remove-mid-read') return 'remove';
        const offset = (p1 << 8) | p2;
        if (offset > ownerFile.length) return status(SW.wrongOffset);
        const want = le ?? 256;
        const chunk = ownerFile.subarray(offset, offset + want);
        return status(chunk.length < want ? SW.endOfFile : SW.ok, chunk);
      }

      return status(SW.insNotSupported);
    },
  };
}

export interface InsertVirtualCardOptions {
  readonly patient: VirtualCardPatient;
  readonly layout: OmsCardLayout;
  readonly host?: string;
  /** vpcd port: 35963 for "Virtual PCD 00 00", 35964 for "Virtual PCD 00 01". */
  readonly port?: number;
  readonly behaviour?: VirtualCardBehaviour;
  /** How long to wait for the reader to notice the card (pcscd polls every ~0.4 s). */
  readonly insertTimeoutMs?: number;
}

export type InsertError =
  | { readonly kind: 'vpcd-unreachable'; readonly message: string }
  | { readonly kind: 'reader-not-polling'; readonly message: string };

export interface InsertedVirtualCard {
  readonly port: number;
  /** How many C-APDUs the card has answered (or swallowed): a test can tell a read happened. */
  apduCount(): number;
  /** Pulls the card out (closes the socket). Resolves once it is out. */
  remove(): Promise<void>;
  /** Resolves when the card is out, whoever pulled it. */
  readonly removed: Promise<void>;
}

/**
 * Puts a virtual card into a vpcd reader. Resolves once the reader has asked
 * for the card's ATR (pcscd saw it), or with a typed error when nothing
 * listens on the port or nothing polls it (pcscd not running, or another
 * card already in that reader).
 */
export function insertVirtualOmsCard(options: InsertVirtualCardOptions): Promise<Result<InsertedVirtualCard, InsertError>> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? VPCD_PORT['Virtual PCD 00 00'];
  const applet = createOmsCardApplet(options.patient, options.layout, options.behaviour ?? 'normal');
  const timeoutMs = options.insertTimeoutMs ?? 5000;

  return new Promise((resolve) => {
    const socket: Socket = connect({ host, port });
    socket.setNoDelay(true);
    let settled = false;
    let apdus = 0;
    let buffer = Buffer.alloc(0);
    let markRemoved: () => void = () => undefined;
    const removed = new Promise<void>((r) => (markRemoved = r));

    const settle = (result: Result<InsertedVirtualCard, InsertError>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      socket.destroy();
      settle(
        err({
          kind: 'reader-not-polling',
          message: `nothing polled the virtual reader on ${host}:${port} within ${timeoutMs} ms: is pcscd running, and is another card already in that reader?`,
        }),
      );
    }, timeoutMs);

    const card: InsertedVirtualCard = {
      port,
      apduCount: () => apdus,
      removed,
      remove() {
        if (!socket.destroyed) socket.destroy();
        return removed;
      },
    };

    const sendFrame = (payload: Uint8Array) => {
      const frame = Buffer.alloc(2 + payload.length);
      frame.writeUInt16BE(payload.length, 0);
      frame.set(payload, 2);
      socket.write(frame);
    };

    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2) {
        const length = buffer.readUInt16BE(0);
        if (buffer.length < 2 + length) break;
        const payload = new Uint8Array(buffer.subarray(2, 2 + length));
        buffer = buffer.subarray(2 + length);
        if (payload.length === 1) {
          const control = payload[0];
          if (control === 4) {
            sendFrame(applet.atr);
            settle(ok(card));
          } else if (control === 0 || control === 1 || control === 2) {
            applet.reset();
          }
          continue;
        }
        apdus++;
        const answer = applet.handle(payload);
        if (answer === 'remove') {
          socket.destroy();
          return;
        }
        sendFrame(answer);
      }
    });
    socket.on('error', (cause: NodeJS.ErrnoException) => {
      if (!settled) {
        settle(err({ kind: 'vpcd-unreachable', message: `cannot reach the virtual reader at ${host}:${port} (${cause.code ?? cause.message}): is pcscd running with vsmartcard-vpcd?` }));
      }
    });
    socket.on('close', () => {
      markRemoved();
      if (!settled) {
        settle(err({ kind: 'vpcd-unreachable', message: `the virtual reader at ${host}:${port} closed the connection before reading the card` }));
      }
    });
  });
}

function fid(bytes: Uint8Array): number {
  return ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
