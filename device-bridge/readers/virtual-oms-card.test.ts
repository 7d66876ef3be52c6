// The virtual OMS card: its answers (no socket), the kiosk's read sequence
// against them, and the vpcd socket protocol against a stand-in vpcd on a
// loopback port (the real pcscd + vpcd run in tests/integration/identity-pcsc.test.ts).
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHexBytes, readOmsOwner, type Transmit } from './oms-card-apdu';
import { createOmsCardApplet, insertVirtualOmsCard, virtualCardAtr, type VirtualCardBehaviour } from './virtual-oms-card';

const layout = { aid: parseHexBytes('F04F4D5301'), ownerFileId: parseHexBytes('0201') };
const patient = { enp: '6449020886006380', surname: 'Иванова', name: 'Татьяна', patronymic: 'Алексеевна', birthDate: '1979-10-13', sex: 'female' } as const;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

function appletTransmit(behaviour: VirtualCardBehaviour = 'normal', log: string[] = []): Transmit {
  const applet = createOmsCardApplet(patient, layout, behaviour);
  return async (capdu) => {
    log.push(hex(capdu));
    const answer = applet.handle(capdu);
    if (answer === 'remove') throw new Error('card removed');
    return answer;
  };
}

describe('virtual OMS card: the answers', () => {
  it('has a well-formed ATR (T=0 and T=1 offered, TCK makes the XOR zero)', () => {
    const atr = virtualCardAtr();
    expect(atr[0]).toBe(0x3b);
    expect(atr.subarray(1).reduce((x, b) => x ^ b, 0)).toBe(0);
    expect(Buffer.from(atr.subarray(4, -1)).toString('latin1')).toBe('OMSVIRTUAL');
  });

  it('answers SELECT by AID, SELECT by file id and READ BINARY at offsets', () => {
    const applet = createOmsCardApplet(patient, layout);
    const run = (h: string) => hex(applet.handle(parseHexBytes(h)) as Uint8Array);
    expect(run('00B0000004')).toBe('6986'); // nothing selected yet
    expect(run('00A4040C05F04F4D5301')).toBe('9000');
    expect(run('00A4020C020201')).toBe('9000');
    const head = run('00B0000008');
    expect(head.slice(0, 2)).toBe('62');
    expect(head.endsWith('9000')).toBe(true);
    // 4 bytes from offset 2 are bytes 2–5 of the first read
    expect(run('00B0000204')).toBe(`${head.slice(4, 12)}9000`);
    expect(run('00B07F0001')).toBe('6B00'); // past the end of the file
    expect(run('00A4040C05A000000001')).toBe('6A82');
    expect(run('80CA000000')).toBe('6E00');
  });

  it('answers a read past the end with what is left and 6282', () => {
    const applet = createOmsCardApplet(patient, layout);
    applet.handle(parseHexBytes('00A4040C05F04F4D5301'));
    applet.handle(parseHexBytes('00A4020C020201'));
    const all = applet.handle(parseHexBytes('00B0000000')) as Uint8Array;
    expect(hex(all.subarray(-2))).toBe('6282');
    expect(all.length - 2).toBeLessThan(256);
  });
});

describe('reading the owner file (the kiosk side) against the virtual card', () => {
  it('reads the patient in chunks: SELECT AID, SELECT file, READ BINARY at growing offsets', async () => {
    const log: string[] = [];
    const result = await readOmsOwner(appletTransmit('normal', log), { ...layout, chunkBytes: 32 });
    expect(result).toEqual({ ok: true, value: { ...patient, snils: null, expiry: null } });
    expect(log[0]).toBe('00A4040C05F04F4D5301');
    expect(log[1]).toBe('00A4020C020201');
    const reads = log.slice(2);
    expect(reads.length).toBeGreaterThan(2);
    expect(reads.map((r) => r.slice(4, 8))).toEqual(reads.map((_, i) => (i * 32).toString(16).padStart(4, '0').toUpperCase()));
  });

  it('tells some other card (no OMS application) from an unreadable one', async () => {
    expect(await readOmsOwner(appletTransmit('not-oms'), layout)).toEqual({ ok: false, error: { kind: 'not-oms', step: 'select-application', sw: '6A82' } });
    expect(await readOmsOwner(appletTransmit('garbled'), layout)).toMatchObject({ ok: false, error: { kind: 'unreadable' } });
  });

  it('reports a card pulled out mid-read as a transport failure', async () => {
    expect(await readOmsOwner(appletTransmit('remove-mid-read'), layout)).toEqual({ ok: false, error: { kind: 'transport', detail: 'card removed' } });
  });

  it('uses the file id and AID it is configured with', async () => {
    const other = { aid: parseHexBytes('A0000006330101'), ownerFileId: parseHexBytes('1F02') };
    const applet = createOmsCardApplet(patient, other);
    const transmit: Transmit = async (c) => applet.handle(c) as Uint8Array;
    expect((await readOmsOwner(transmit, other)).ok).toBe(true);
    expect(await readOmsOwner(transmit, layout)).toMatchObject({ ok: false, error: { kind: 'not-oms' } });
  });
});

// ---------------------------------------------------------------------------
// A stand-in for vpcd: a TCP server that sends what pcscd's vpcd driver sends.
let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function fakeVpcd(): Promise<{ port: number; card: Promise<Socket> }> {
  return new Promise((resolve) => {
    let onCard: (socket: Socket) => void = () => undefined;
    const card = new Promise<Socket>((r) => (onCard = r));
    server = createServer((socket) => onCard(socket));
    server.listen(0, '127.0.0.1', () => {
      const address = server!.address();
      resolve({ port: typeof address === 'object' && address ? address.port : 0, card });
    });
  });
}

function frames(socket: Socket): () => Promise<Buffer> {
  let buffer = Buffer.alloc(0);
  const waiting: ((b: Buffer) => void)[] = [];
  const ready: Buffer[] = [];
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
      const payload = buffer.subarray(2, 2 + buffer.readUInt16BE(0));
      buffer = buffer.subarray(2 + payload.length);
      const w = waiting.shift();
      if (w) w(payload);
      else ready.push(payload);
    }
  });
  return () => new Promise((resolve) => (ready.length ? resolve(ready.shift()!) : waiting.push(resolve)));
}

const frame = (payload: number[] | Uint8Array) => {
  const b = Buffer.alloc(2 + payload.length);
  b.writeUInt16BE(payload.length, 0);
  Buffer.from(payload).copy(b, 2);
  return b;
};

describe('virtual OMS card: the vpcd socket protocol', () => {
  it('is inserted once the reader asks for its ATR, answers APDUs split across TCP chunks, and is out when removed', async () => {
    const vpcd = await fakeVpcd();
    const inserting = insertVirtualOmsCard({ patient, layout, port: vpcd.port });
    const socket = await vpcd.card;
    const next = frames(socket);
    socket.write(frame([1])); // power on: no answer
    socket.write(frame([4])); // get ATR
    expect(hex(await next())).toBe(hex(virtualCardAtr()));
    const inserted = await inserting;
    expect(inserted.ok).toBe(true);
    if (!inserted.ok) return;

    const select = frame(parseHexBytes('00A4040C05F04F4D5301'));
    socket.write(select.subarray(0, 3));
    await new Promise((r) => setTimeout(r, 20));
    socket.write(select.subarray(3));
    expect(hex(await next())).toBe('9000');
    expect(inserted.value.apduCount()).toBe(1);

    const closed = new Promise((r) => socket.once('close', r));
    await inserted.value.remove();
    await closed;
  });

  it('is a typed error when nothing listens on the port', async () => {
    const vpcd = await fakeVpcd();
    await new Promise<void>((r) => server!.close(() => r()));
    server = null;
    const result = await insertVirtualOmsCard({ patient, layout, port: vpcd.port });
    expect(result).toMatchObject({ ok: false, error: { kind: 'vpcd-unreachable' } });
  });

  it('is a typed error when the port answers but no reader polls it (another card is in)', async () => {
    const vpcd = await fakeVpcd(); // accepts, never asks for the ATR
    const result = await insertVirtualOmsCard({ patient, layout, port: vpcd.port, insertTimeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'reader-not-polling' } });
    (await vpcd.card).destroy();
  });

  it('vanishes instead of answering the first READ BINARY when set to be pulled out mid-read', async () => {
    const vpcd = await fakeVpcd();
    const inserting = insertVirtualOmsCard({ patient, layout, port: vpcd.port, behaviour: 'remove-mid-read' });
    const socket = await vpcd.card;
    const next = frames(socket);
    socket.write(frame([4]));
    await next();
    const inserted = await inserting;
    if (!inserted.ok) throw new Error('not inserted');
    socket.write(frame(parseHexBytes('00A4040C05F04F4D5301')));
    expect(hex(await next())).toBe('9000');
    socket.write(frame(parseHexBytes('00A4020C020201')));
    expect(hex(await next())).toBe('9000');
    const closed = new Promise((r) => socket.once('close', r));
    socket.write(frame(parseHexBytes('00B0000080')));
    await closed;
    await inserted.value.removed;
  });
});
