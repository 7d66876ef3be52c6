// Service mode through the real bridge: the PIN from a file, the token on
// every service call, the status screen's picture (paper out after injecting
// it), test print, reprint from the journal, and the lockout after five wrong
// PINs. The lockout test runs last: the bridge's clock is frozen, so it stays locked.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bookThroughApi, bridgeCaller, type BridgeCall } from '../bridge-http';
import { BRIDGE_VERSION } from '../../device-bridge/version';
import { clinicMorning, DEMO_PATIENT, startKioskUnderTest, type KioskUnderTest } from '../kiosk-harness';

const PIN = '24681357';
let kut: KioskUnderTest;
let call: BridgeCall;
let pinFile: string;

beforeAll(async () => {
  pinFile = join(mkdtempSync(join(tmpdir(), 'kiosk-service-pin-')), 'service.pin');
  writeFileSync(pinFile, `${PIN}\n`, { mode: 0o600 });
  kut = await startKioskUnderTest({ service: { pinEnv: null, pinFile } });
  call = bridgeCaller(kut.kiosk.port);
});

afterAll(async () => {
  await kut.kiosk.close();
});

async function login(): Promise<Record<string, string>> {
  const { status, json } = await call('POST', '/api/service/login', { body: { pin: PIN } });
  expect(status).toBe(200);
  return { 'x-service-token': json.value.token };
}

describe('service mode', () => {
  test('without the service token every service call is refused with 401, and nothing happens', async () => {
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/service/status'],
      ['POST', '/api/service/test-print'],
      ['POST', '/api/service/virtual-printer/fault', { fault: 'paper-out' }],
      ['POST', '/api/service/journal/1/reprint'],
      ['GET', '/api/service/journal'],
      ['POST', '/api/service/config/reload'],
      ['POST', '/api/service/logout'],
    ];
    const printed = kut.kiosk.virtualPrinter!.tickets().length;
    for (const [method, path, body] of calls) {
      const missing = await call(method, path, { body });
      expect({ path, status: missing.status, error: missing.json?.error }).toEqual({ path, status: 401, error: { kind: 'service-token-required', reason: 'missing' } });
      const forged = await call(method, path, { body, headers: { 'x-service-token': 'forged' } });
      expect({ path, status: forged.status, reason: forged.json?.error?.reason }).toEqual({ path, status: 401, reason: 'invalid' });
    }
    expect(kut.kiosk.virtualPrinter!.fault()).toEqual({ fault: 'none' });
    expect(kut.kiosk.virtualPrinter!.tickets()).toHaveLength(printed);
  });

  test('a foreign Origin or Host is refused even with a valid token', async () => {
    const token = await login();
    const foreignOrigin = await call('POST', '/api/service/virtual-printer/fault', { body: { fault: 'paper-out' }, headers: { ...token, origin: 'http://evil.example' } });
    expect(foreignOrigin.status).toBe(403);
    const foreignHost = await call('POST', '/api/service/test-print', { headers: { ...token, host: 'evil.example:7070' } });
    expect(foreignHost.status).toBe(403);
    const foreignLogin = await call('POST', '/api/service/login', { body: { pin: PIN }, headers: { origin: 'http://evil.example' } });
    expect(foreignLogin.status).toBe(403);
    expect(kut.kiosk.virtualPrinter!.fault()).toEqual({ fault: 'none' });
  });

  test('a wrong PIN says how many tries are left; the right one gives a short-lived token', async () => {
    const wrong = await call('POST', '/api/service/login', { body: { pin: '1111' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ ok: false, error: { kind: 'wrong-pin', attemptsLeft: 4 } });
    const right = await call('POST', '/api/service/login', { body: { pin: PIN } });
    expect(right.status).toBe(200);
    expect(right.json.value.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    // 5 minutes unused by default (service.sessionSeconds); the harness froze the bridge's clock at 06:00 clinic time.
    expect(Date.parse(right.json.value.expiresAt) - clinicMorning().getTime()).toBe(300_000);
    expect((await call('POST', '/api/service/login', { body: {} })).status).toBe(400);
  });

  test('the status shows the virtual printer out of paper after injecting it; a test print after clearing it prints the sample ticket', async () => {
    const token = await login();
    const fault = await call('POST', '/api/service/virtual-printer/fault', { body: { fault: 'paper-out' }, headers: token });
    expect(fault.json).toEqual({ ok: true, value: { fault: 'paper-out' } });

    const { status, json } = await call('GET', '/api/service/status', { headers: token });
    expect(status).toBe(200);
    const s = json.value;
    expect(s.printer).toMatchObject({ virtual: true, model: 'generic-escpos-80', status: { state: 'paper-out' }, paper: 'out', fault: { fault: 'paper-out' } });
    expect(s.kiosk).toMatchObject({ kioskId: 'demo-01', version: BRIDGE_VERSION, configFiles: [], restartRequired: [] });
    expect(s.scheduler).toMatchObject({ adapter: 'embedded-sqlite', reachable: true, detail: null });
    expect(s.scheduler.latencyMs).toBeGreaterThanOrEqual(0);
    expect(s.readers.card.state).toEqual(expect.any(String));
    expect(s.readers.scanners).toEqual([]);
    expect(s.service.pinSource).toBe(`file ${pinFile}`);
    expect(JSON.stringify(s)).not.toContain(PIN);

    // Out of paper, the test print fails and says why; nothing comes out.
    const before = kut.kiosk.virtualPrinter!.tickets().length;
    const failed = await call('POST', '/api/service/test-print', { headers: token });
    expect(failed.json.value.print).toEqual({ outcome: 'failed', status: { state: 'paper-out' } });
    expect(kut.kiosk.virtualPrinter!.tickets()).toHaveLength(before);

    await call('POST', '/api/service/virtual-printer/fault', { body: { fault: 'none' }, headers: token });
    const printed = await call('POST', '/api/service/test-print', { headers: token });
    expect(printed.json.value).toEqual({ print: { outcome: 'printed' }, printer: { state: 'ready' } });
    const ticket = (await kut.kiosk.virtualPrinter!.waitForTicket(5000)).lines.join('\n');
    // The sample ticket, marked as one (the printer's code page has no em dash), with this kiosk's clinic and id.
    expect(ticket).toContain('ОБРАЗЕЦ - НЕ ДЕЙСТВИТЕЛЕН');
    expect(ticket).toContain(kut.config.clinic.address);
    expect(ticket).toContain(kut.config.kioskId);
    expect((await call('GET', '/api/service/status', { headers: token })).json.value.printer).toMatchObject({ paper: 'ok', fault: { fault: 'none' } });
  });

  test('a patient\'s ticket is reprinted from the journal in service mode', async () => {
    const booking = await bookThroughApi(call, DEMO_PATIENT.policy);
    await call('DELETE', '/api/sessions/current?reason=done', { headers: { 'x-kiosk-session': booking.sessionId } });
    await kut.kiosk.virtualPrinter!.waitForTicket(5000);
    const token = await login();
    const journal = await call('GET', '/api/service/journal?limit=5', { headers: token });
    const entry = journal.json.value.find((e: { bookingNumber: string }) => e.bookingNumber === booking.bookingNumber);
    expect(entry).toMatchObject({ outcome: 'printed' });

    const reprint = await call('POST', `/api/service/journal/${entry.id}/reprint`, { headers: token });
    expect(reprint.status).toBe(200);
    expect(reprint.json.value.print).toEqual({ outcome: 'printed' });
    expect(reprint.json.value.entry.attempts.map((a: { kind: string }) => a.kind)).toEqual(['print', 'reprint']);
    expect((await kut.kiosk.virtualPrinter!.waitForTicket(5000)).lines.join('\n')).toContain(booking.bookingNumber);

    const missing = await call('POST', '/api/service/journal/999999/reprint', { headers: token });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toEqual({ kind: 'journal-entry-not-found', entryId: 999999 });
  });

  test('the status lists recent warnings and errors, without personal data', async () => {
    await call('GET', '/api/kiosk', { headers: { origin: 'http://evil.example' } });
    const token = await login();
    const { json } = await call('GET', '/api/service/status', { headers: token });
    const events = json.value.lastErrors.map((e: { event: string }) => e.event);
    expect(events).toContain('foreign-request-refused');
    expect(events).toContain('service-login');
    expect(json.value.lastErrors[0]).toMatchObject({ level: expect.stringMatching(/^(warn|error|fatal)$/), time: expect.any(String) });
    const text = JSON.stringify(json.value.lastErrors);
    expect(text).not.toContain(DEMO_PATIENT.policy);
    expect(text).not.toContain(PIN);
  });

  test('logout ends the token at once', async () => {
    const token = await login();
    expect((await call('POST', '/api/service/logout', { headers: token })).status).toBe(200);
    const after = await call('GET', '/api/service/status', { headers: token });
    expect(after.status).toBe(401);
    expect(after.json.error).toEqual({ kind: 'service-token-required', reason: 'invalid' });
  });

  test('everything service mode did is in the log, without the PIN or the token', async () => {
    const token = await login();
    await call('POST', '/api/service/logout', { headers: token });
    const log = readFileSync(kut.logFile, 'utf8');
    const actions = log
      .split('\n')
      .filter((l) => l.includes('"event":"service-action"'))
      .map((l) => JSON.parse(l).action);
    expect(new Set(actions)).toEqual(new Set(['virtual-printer-fault', 'test-print', 'reprint', 'logout']));
    expect(log).toContain('"event":"service-login","outcome":"ok"');
    expect(log).toContain('"event":"service-login","outcome":"wrong-pin"');
    expect(log).toContain('"event":"service-refused"');
    expect(log).not.toContain(PIN);
    expect(log).not.toContain(token['x-service-token']);
  });

  test('five wrong PINs lock service mode for a while, even for the right PIN (runs last: the clock is frozen)', async () => {
    await login(); // a right PIN resets the count
    for (const left of [4, 3, 2, 1]) {
      const wrong = await call('POST', '/api/service/login', { body: { pin: '0000' } });
      expect(wrong.json.error).toEqual({ kind: 'wrong-pin', attemptsLeft: left });
    }
    const locked = await call('POST', '/api/service/login', { body: { pin: '0000' } });
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('300');
    expect(locked.json.error).toMatchObject({ kind: 'locked-out', retryAfterSeconds: 300 });
    const rightButLocked = await call('POST', '/api/service/login', { body: { pin: PIN } });
    expect(rightButLocked.status).toBe(429);
    expect(rightButLocked.json.error.kind).toBe('locked-out');
    expect(readFileSync(kut.logFile, 'utf8')).toContain('"event":"service-login","outcome":"locked-out"');
  });
});
