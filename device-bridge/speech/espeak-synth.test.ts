// The real espeak-ng (scripts/ensure-system-deps.sh installs it): a prompt
// becomes a WAV a player can read, long enough and not silent; a missing or
// crashing engine is a value, never a throw.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createEspeakSynth, engineName } from './espeak-synth';
import { durationOf, peakOf, readWav } from './wav';

const ru = { voice: 'ru', rate: 140, volume: 100 };

describe('espeak-ng synthesis', () => {
  test('Russian text becomes a WAV with true sizes, about as long as the words, and not silent', async () => {
    const wav = await createEspeakSynth().synthesize('Выберите специальность. Терапевт, кабинет 214.', ru);
    expect(wav.ok).toBe(true);
    if (!wav.ok) return;
    const info = readWav(wav.value);
    expect(info).toMatchObject({ channels: 1, bitsPerSample: 16, sampleRate: 22050 });
    expect(wav.value.readUInt32LE(4)).toBe(wav.value.length - 8);
    expect(info!.dataOffset + info!.dataBytes).toBe(wav.value.length);
    expect(durationOf(info!)).toBeGreaterThan(1.5);
    expect(durationOf(info!)).toBeLessThan(10);
    expect(peakOf(wav.value, info!)).toBeGreaterThan(3000);
  });

  test('text that looks like options or shell is only ever spoken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'espeak-'));
    const marker = join(dir, 'pwned');
    const wav = await createEspeakSynth().synthesize(`--version -w ${marker}; touch ${marker} $(touch ${marker})`, ru);
    expect(wav.ok && readWav(wav.value) !== null).toBe(true);
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });

  test('a missing engine and a crashing one are failures with a reason, not exceptions', async () => {
    const missing = createEspeakSynth({ command: '/nonexistent/espeak-ng' });
    expect(await missing.synthesize('Да', ru)).toEqual({ ok: false, error: '/nonexistent/espeak-ng is not installed (not found on PATH)' });
    expect((await missing.version()).ok).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'espeak-'));
    const crashing = join(dir, 'espeak-crash');
    writeFileSync(crashing, '#!/bin/sh\nkill -SEGV $$\n');
    chmodSync(crashing, 0o755);
    expect(await createEspeakSynth({ command: crashing }).synthesize('Да', ru)).toEqual({ ok: false, error: `${crashing} was stopped by SIGSEGV` });
    const silent = join(dir, 'espeak-nothing');
    writeFileSync(silent, '#!/bin/sh\ncat >/dev/null\n');
    chmodSync(silent, 0o755);
    expect(await createEspeakSynth({ command: silent }).synthesize('Да', ru)).toEqual({ ok: false, error: `${silent} gave no WAV audio (0 bytes)` });
  });
});

describe('the engine as the service panel names it', () => {
  test('name and version, without the data path', () => {
    expect(engineName('eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/x86_64-linux-gnu/espeak-ng-data')).toBe('eSpeak NG 1.51');
    expect(engineName('espeak-ng 1.52-dev  Data at: /opt/espeak')).toBe('espeak-ng 1.52-dev');
  });

  test('the installed engine reports a short name with a version', async () => {
    const version = await createEspeakSynth().version();
    expect(version.ok && version.value).toMatch(/^eSpeak NG \d+\.\d+/);
  });
});
