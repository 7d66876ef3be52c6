// The памятка through the real bridge: POST /api/memo/print → config text with
// the clinic's phone → memo layout → ESC/POS over TCP → the virtual printer
// (a real socket), read back as paper. The printer's promise holds for it as
// for tickets: "printed" only after the cut, nothing sent to a printer without paper.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DecodedJob } from '../../device-bridge/printer/emulator/escpos-decoder';
import { bridgeCaller, type BridgeCall } from '../bridge-http';
import { startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest;
let api: BridgeCall;

beforeAll(async () => {
  kut = await startKioskUnderTest({ clinic: { phone: '+7 (812) 555-01-02' } });
  api = bridgeCaller(kut.kiosk.port);
});

afterAll(async () => {
  await kut.kiosk.close();
});

/** What the paper says, lines joined: a title may wrap, the text must still be there. */
const paperText = (job: DecodedJob): string => job.lines.map((line) => line.trim()).join(' ').replace(/\s+/g, ' ');
const cutJobs = () => kut.kiosk.virtualPrinter!.tickets().filter((job) => job.cut);

describe('POST /api/memo/print', () => {
  test('the kiosk info tells the UI to offer the memo', async () => {
    const info = await api('GET', '/api/kiosk');
    expect(info.json.value.memoEnabled).toBe(true);
  });

  test('prints the Russian memo, with the clinic phone from the config, and answers printed after the cut', async () => {
    const before = cutJobs().length;
    const answer = await api('POST', '/api/memo/print', { body: { language: 'ru' } });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ok: true, value: { outcome: 'printed' } });
    const paper = cutJobs().slice(before);
    expect(paper).toHaveLength(1);
    const text = paperText(paper[0]!);
    expect(text).toContain('Как записаться к врачу через инфомат');
    expect(text).toContain('Мои записи');
    expect(text).toContain('+7 (812) 555-01-02');
    expect(text).toContain('паспорт');
    expect(text).not.toContain('{clinicPhone}');
    expect(paper[0]!.cut).toBe(true);
  });

  test('prints the English memo when the screen is in English', async () => {
    const before = cutJobs().length;
    const answer = await api('POST', '/api/memo/print', { body: { language: 'en' } });
    expect(answer.json).toEqual({ ok: true, value: { outcome: 'printed' } });
    const text = paperText(cutJobs().slice(before)[0]!);
    expect(text).toContain('How to book a doctor at the kiosk');
    expect(text).toContain('+7 (812) 555-01-02');
  });

  test('paper out: failed with the printer status, and not a byte of the memo is sent', async () => {
    const printer = kut.kiosk.virtualPrinter!;
    const before = cutJobs().length;
    const bytesBefore = printer.receivedBytes().length;
    printer.setFault('paper-out');
    try {
      const answer = await api('POST', '/api/memo/print', { body: { language: 'ru' } });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ ok: true, value: { outcome: 'failed', status: { state: 'paper-out' } } });
      expect(cutJobs()).toHaveLength(before);
      expect(printer.droppedByteCount()).toBe(0);
      // Only status queries went out: nothing a refilled printer could print later, out of context.
      const sent = printer.receivedBytes().slice(bytesBefore);
      expect(sent.length).toBeLessThan(16);
    } finally {
      printer.setFault('none');
    }
  });

  test('a language the kiosk does not have, or no body, is a 400 and prints nothing', async () => {
    const before = cutJobs().length;
    const wrong = await api('POST', '/api/memo/print', { body: { language: 'de' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ ok: false, error: { kind: 'invalid-request', field: 'language' } });
    const empty = await api('POST', '/api/memo/print', { body: {} });
    expect(empty.status).toBe(400);
    expect(cutJobs()).toHaveLength(before);
  });

  test('a call without the kiosk token is refused before anything prints', async () => {
    const before = cutJobs().length;
    const refused = await api('POST', '/api/memo/print', { body: { language: 'ru' }, kioskToken: false });
    expect(refused.status).toBe(401);
    expect(cutJobs()).toHaveLength(before);
  });

  test('counted in /metrics as kind="memo", logged without anything personal', async () => {
    const metrics = await api('GET', '/metrics');
    expect(metrics.text).toMatch(/kiosk_ticket_prints_total\{kind="memo",outcome="printed",printer_state="ready",kiosk="[^"]+"\} 2/);
    expect(metrics.text).toMatch(/kiosk_ticket_prints_total\{kind="memo",outcome="failed",printer_state="paper-out",kiosk="[^"]+"\} 1/);
    const log = readFileSync(kut.logFile, 'utf8');
    expect(log).toMatch(/"event":"memo-print","language":"ru","outcome":"printed"/);
    expect(log).toMatch(/"event":"memo-print","language":"ru","outcome":"failed","printerState":"paper-out"/);
  });

  test('not journaled: the print journal holds tickets only', async () => {
    expect(kut.kiosk.journal.listRecent(50)).toEqual([]);
  });
});

describe('memo switched off in the config', () => {
  let off: KioskUnderTest;
  beforeAll(async () => {
    off = await startKioskUnderTest({ memo: { enabled: false } });
  });
  afterAll(async () => {
    await off.kiosk.close();
  });

  test('the UI is told not to offer it, and the bridge refuses it as a value', async () => {
    const call = bridgeCaller(off.kiosk.port);
    expect((await call('GET', '/api/kiosk')).json.value.memoEnabled).toBe(false);
    const answer = await call('POST', '/api/memo/print', { body: { language: 'ru' } });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ ok: false, error: { kind: 'memo-disabled' } });
    expect(off.kiosk.virtualPrinter!.tickets()).toEqual([]);
  });
});
