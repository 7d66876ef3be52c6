// POST /api/speech through the real bridge and the real espeak-ng: a WAV a
// player can use, the cache answering a repeated prompt with the same audio,
// clear refusals of over-long and odd text, and a missing or crashing engine
// that answers 503 and shows in /healthz and service status while the kiosk
// keeps booking. The spoken text never reaches the log.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { KIOSK_TOKEN_HEADER } from '../../device-bridge/contract/headers';
import { MAX_SPEECH_TEXT } from '../../device-bridge/contract/speech';
import { durationOf, peakOf, readWav } from '../../device-bridge/speech/wav';
import { bridgeCaller, kioskTokenOf } from '../bridge-http';
import { DEMO_PATIENT, startKioskUnderTest, TEST_SERVICE_PIN, type KioskUnderTest } from '../kiosk-harness';

let kut: KioskUnderTest | null = null;
afterEach(async () => {
  await kut?.kiosk.close();
  kut = null;
});

async function speak(port: number, body: unknown): Promise<{ status: number; type: string | null; bytes: Buffer; json: any }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/speech`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [KIOSK_TOKEN_HEADER]: await kioskTokenOf(port) },
    body: JSON.stringify(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type');
  return { status: response.status, type, bytes, json: type?.includes('json') ? JSON.parse(bytes.toString('utf8')) : null };
}

const SURNAME_PROMPT = 'Это вы? Иванова Т. А.';

describe('POST /api/speech', () => {
  test('answers a real WAV from espeak-ng: mono PCM, as long as the words, not silent; a repeat is the same audio', async () => {
    kut = await startKioskUnderTest();
    const first = await speak(kut.kiosk.port, { text: 'Выберите специальность. Терапевт. Хирург.', language: 'ru' });
    expect(first.status).toBe(200);
    expect(first.type).toBe('audio/wav');
    const info = readWav(first.bytes);
    expect(info).toMatchObject({ channels: 1, bitsPerSample: 16 });
    expect(durationOf(info!)).toBeGreaterThan(1.5);
    expect(peakOf(first.bytes, info!)).toBeGreaterThan(3000);
    const again = await speak(kut.kiosk.port, { text: 'Выберите специальность. Терапевт. Хирург.', language: 'ru' });
    expect(again.bytes.equals(first.bytes)).toBe(true);
    const english = await speak(kut.kiosk.port, { text: 'Choose a specialty.', language: 'en' });
    expect(english.status).toBe(200);
    expect(english.bytes.equals(first.bytes)).toBe(false);
    await speak(kut.kiosk.port, { text: SURNAME_PROMPT, language: 'ru', cache: false });
    expect(readFileSync(kut.logFile, 'utf8')).not.toContain('Иванова');
  });

  test('refuses an over-long text and odd characters with 400 invalid-request naming the field, and a call without the kiosk token', async () => {
    kut = await startKioskUnderTest();
    const long = await speak(kut.kiosk.port, { text: 'а'.repeat(MAX_SPEECH_TEXT + 1), language: 'ru' });
    expect(long.status).toBe(400);
    expect(long.json).toEqual({ ok: false, error: { kind: 'invalid-request', field: 'text', message: `at most ${MAX_SPEECH_TEXT} characters` } });
    const odd = await speak(kut.kiosk.port, { text: 'Иванова\u202Eх', language: 'ru' });
    expect(odd.status).toBe(400);
    expect(odd.json.error).toEqual({ kind: 'invalid-request', field: 'text', message: 'only letters, digits, punctuation and spaces can be spoken; found U+202E at position 8' });
    const language = await speak(kut.kiosk.port, { text: 'Да', language: 'fr' });
    expect(language.json.error).toMatchObject({ kind: 'invalid-request', field: 'language' });
    const noToken = await bridgeCaller(kut.kiosk.port)('POST', '/api/speech', { body: { text: 'Да', language: 'ru' }, kioskToken: false });
    expect(noToken.status).toBe(401);
  });

  test('a kiosk with speech switched off says so: 404 speech-disabled, kiosk info and /healthz agree', async () => {
    kut = await startKioskUnderTest({ speech: { enabled: false } });
    const api = bridgeCaller(kut.kiosk.port);
    expect((await api('GET', '/api/kiosk')).json.value.speech).toEqual({ enabled: false });
    const refused = await speak(kut.kiosk.port, { text: 'Да', language: 'ru' });
    expect(refused.status).toBe(404);
    expect(refused.json).toEqual({ ok: false, error: { kind: 'speech-disabled' } });
    expect((await api('GET', '/healthz')).json.components.speech).toMatchObject({ state: 'ok', speechState: 'disabled' });
  });

  for (const engine of ['missing', 'crashing'] as const) {
    test(`a ${engine} espeak-ng answers 503 speech-unavailable, shows in /healthz and service status, and booking still works`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'espeak-'));
      let command = join(dir, 'no-such-espeak-ng');
      if (engine === 'crashing') {
        command = join(dir, 'espeak-ng');
        writeFileSync(command, '#!/bin/sh\nkill -SEGV $$\n');
        chmodSync(command, 0o755);
      }
      kut = await startKioskUnderTest({}, { speechCommand: command });
      const api = bridgeCaller(kut.kiosk.port);
      const refused = await speak(kut.kiosk.port, { text: SURNAME_PROMPT, language: 'ru' });
      expect(refused.status).toBe(503);
      expect(refused.json.error.kind).toBe('speech-unavailable');
      expect(refused.json.error.detail).toBe(engine === 'missing' ? `${command} is not installed (not found on PATH)` : `${command} was stopped by SIGSEGV`);
      const health = await api('GET', '/healthz');
      expect(health.status).toBe(200);
      expect(health.json.status).not.toBe('down');
      expect(health.json.components.speech).toMatchObject({ state: 'down', speechState: 'unavailable' });
      const login = await api('POST', '/api/service/login', { body: { pin: TEST_SERVICE_PIN } });
      const status = await api('GET', '/api/service/status', { headers: { 'x-service-token': login.json.value.token } });
      expect(status.json.value.speech).toMatchObject({ state: 'unavailable' });
      // The patient's journey does not depend on speech.
      const session = await api('POST', '/api/sessions', { body: { policyNumber: DEMO_PATIENT.policy } });
      expect(session.status).toBe(200);
      expect((await api('GET', '/api/specialties', { session: session.json.value.sessionId })).status).toBe(200);
      expect(readFileSync(kut.logFile, 'utf8')).not.toContain('Иванова');
    });
  }
});
