// The card reader's behaviour over a fake PC/SC host (the real pcscd + vpcd
// stack is exercised in tests/integration/identity-pcsc.test.ts).
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardReaderStatus } from '../contract';
import type { CardReadOutcome } from './card-reader';
import { parseHexBytes } from './oms-card-apdu';
import { createPcscCardReader, readerMatches } from './pcsc-card-reader';
import type { PcscHost, PcscHostEvent } from './pcsc-host-client';
import { createOmsCardApplet, type VirtualCardBehaviour } from './virtual-oms-card';

const layout = { aid: parseHexBytes('F04F4D5301'), ownerFileId: parseHexBytes('0201') };
const patient = { enp: '6449020886006380', surname: 'Иванова', name: 'Татьяна', patronymic: 'Алексеевна', birthDate: '1979-10-13', sex: 'female' } as const;
const logger = pino({ level: 'silent' });

/** A PC/SC host the test drives: it emits what pcscd would report, and a card applet answers APDUs. */
function fakeHost() {
  let listener: (event: PcscHostEvent) => void = () => undefined;
  let exitListener: (detail: string) => void = () => undefined;
  let applet: ReturnType<typeof createOmsCardApplet> | null = null;
  const host: PcscHost = {
    onEvent: (l) => void (listener = l),
    onExit: (l) => void (exitListener = l),
    connect: async () => {
      if (!applet) throw new Error('No smart card inserted');
      return 2;
    },
    transmit: async (_reader, _protocol, apdu) => {
      const answer = applet?.handle(apdu);
      if (!answer || answer === 'remove') {
        applet = null;
        throw new Error('Card was removed');
      }
      return answer;
    },
    disconnect: async () => undefined,
    stop: async () => exitListener('stopped'),
  };
  return {
    host,
    emit: (event: PcscHostEvent) => listener(event),
    exit: (detail: string) => exitListener(detail),
    insert(name: string, behaviour: VirtualCardBehaviour = 'normal') {
      applet = createOmsCardApplet(patient, layout, behaviour);
      listener({ event: 'status', name, present: true, mute: false });
    },
    remove(name: string) {
      applet = null;
      listener({ event: 'status', name, present: false, mute: false });
    },
  };
}

let pcscd: Server;
let socketPath: string;
beforeEach(async () => {
  socketPath = join(mkdtempSync(join(tmpdir(), 'pcsc-test-')), 'pcscd.comm');
  pcscd = createServer((s) => s.destroy());
  await new Promise<void>((r) => pcscd.listen(socketPath, r));
});
afterEach(() => new Promise<void>((r) => pcscd.close(() => r())));

async function readerWith(fake: ReturnType<typeof fakeHost>, pattern = '') {
  const statuses: CardReaderStatus[] = [];
  const reads: CardReadOutcome[] = [];
  let started = 0;
  const reader = createPcscCardReader({ reader: pattern, layout, logger, socketPath, startHost: () => (started++, fake.host), retryMs: 50 });
  reader.onStatus((s) => statuses.push(s));
  reader.onRead((o) => reads.push(o));
  await expect.poll(() => started).toBe(1); // pcscd answered: the host was started
  return { reader, statuses, reads };
}

describe('PC/SC card reader', () => {
  it('goes from "no reader" to ready when a matching reader is attached, and back when it is detached', async () => {
    const fake = fakeHost();
    const { reader } = await readerWith(fake);
    fake.emit({ event: 'ready' });
    expect(reader.status()).toEqual({ state: 'no-reader' });
    fake.emit({ event: 'reader', name: 'Virtual PCD 00 00' }); // virtual readers only when named
    expect(reader.status()).toEqual({ state: 'no-reader' });
    fake.emit({ event: 'reader', name: 'ACS ACR39U ICC Reader 00 00' });
    expect(reader.status()).toEqual({ state: 'ready', reader: 'ACS ACR39U ICC Reader 00 00' });
    fake.emit({ event: 'reader-end', name: 'ACS ACR39U ICC Reader 00 00' });
    expect(reader.status()).toEqual({ state: 'no-reader' });
    await reader.close();
  });

  it('reads the owner of an inserted card, then shows the card as present until it is taken out', async () => {
    const fake = fakeHost();
    const { reader, reads, statuses } = await readerWith(fake, 'virtual pcd 00 00');
    fake.emit({ event: 'ready' });
    fake.emit({ event: 'reader', name: 'Virtual PCD 00 00' });
    fake.insert('Virtual PCD 00 00');
    await expect.poll(() => reads.length).toBe(1);
    expect(reads[0]).toEqual({ kind: 'read', owner: { ...patient, snils: null, expiry: null } });
    expect(statuses.map((s) => s.state)).toContain('reading');
    expect(reader.status()).toEqual({ state: 'card-present', reader: 'Virtual PCD 00 00' });
    fake.remove('Virtual PCD 00 00');
    expect(reader.status()).toEqual({ state: 'ready', reader: 'Virtual PCD 00 00' });
    await reader.close();
  });

  it('says "card removed" when the card is pulled out mid-read', async () => {
    const fake = fakeHost();
    const { reader, reads } = await readerWith(fake, 'ACS');
    fake.emit({ event: 'ready' });
    fake.emit({ event: 'reader', name: 'ACS ACR39U' });
    fake.insert('ACS ACR39U', 'remove-mid-read');
    await expect.poll(() => reader.status().state).toBe('reading');
    // pcscd notices the empty slot a little after the failed transmit
    setTimeout(() => fake.remove('ACS ACR39U'), 30);
    await expect.poll(() => reads.length).toBe(1);
    expect(reads[0]).toMatchObject({ kind: 'failed', reason: 'card-removed' });
    await reader.close();
  });

  it('tells an unknown card, an unreadable card and a mute (upside-down) card apart', async () => {
    const fake = fakeHost();
    const { reader, reads } = await readerWith(fake);
    fake.emit({ event: 'ready' });
    fake.emit({ event: 'reader', name: 'ACS ACR39U' });
    fake.insert('ACS ACR39U', 'not-oms');
    await expect.poll(() => reads.length).toBe(1);
    fake.remove('ACS ACR39U');
    fake.insert('ACS ACR39U', 'garbled');
    await expect.poll(() => reads.length).toBe(2);
    fake.remove('ACS ACR39U');
    fake.emit({ event: 'status', name: 'ACS ACR39U', present: true, mute: true });
    await expect.poll(() => reads.length).toBe(3);
    expect(reads.map((r) => (r.kind === 'failed' ? r.reason : r.kind))).toEqual(['unknown-card', 'card-unreadable', 'card-unreadable']);
    await reader.close();
  });

  it('is "unavailable" while pcscd does not answer, and recovers when it comes back', async () => {
    await new Promise<void>((r) => pcscd.close(() => r()));
    const fake = fakeHost();
    let started = 0;
    const reader = createPcscCardReader({ reader: '', layout, logger, socketPath, startHost: () => (started++, fake.host), retryMs: 20 });
    await expect.poll(() => reader.status()).toMatchObject({ state: 'unavailable', reason: 'no-service' });
    expect(started).toBe(0);
    pcscd = createServer((s) => s.destroy());
    await new Promise<void>((r) => pcscd.listen(socketPath, r));
    await expect.poll(() => started).toBe(1);
    fake.emit({ event: 'ready' });
    expect(reader.status()).toEqual({ state: 'no-reader' });
    // the host dies (pcscd stopped): unavailable again, and it retries
    fake.exit('exit 0');
    expect(reader.status()).toMatchObject({ state: 'unavailable', reason: 'no-service' });
    await reader.close();
  });

  it('is "unavailable: no-driver" when the PC/SC binding is not installed', async () => {
    const reader = createPcscCardReader({ reader: '', layout, logger, socketPath, startHost: () => null });
    await expect.poll(() => reader.status()).toMatchObject({ state: 'unavailable', reason: 'no-driver' });
    await reader.close();
  });
});

describe('readerMatches', () => {
  it('takes any hardware reader by default, virtual ones only by name', () => {
    expect(readerMatches('', 'ACS ACR39U ICC Reader 00 00')).toBe(true);
    expect(readerMatches('', 'Virtual PCD 00 00')).toBe(false);
    expect(readerMatches('Virtual PCD 00 01', 'Virtual PCD 00 01')).toBe(true);
    expect(readerMatches('Virtual PCD 00 01', 'Virtual PCD 00 00')).toBe(false);
    expect(readerMatches('acr39', 'ACS ACR39U ICC Reader 00 00')).toBe(true);
  });
});
