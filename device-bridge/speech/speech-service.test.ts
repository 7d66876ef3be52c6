import pino from 'pino';
import { describe, expect, test } from 'vitest';
import { err, ok } from '../contract/result';
import type { SpeechSynth, VoiceSettings } from './espeak-synth';
import type { SpeechConfig } from './speech-config';
import { createSpeechService } from './speech-service';

const config: SpeechConfig = { enabled: true, voice: { ru: 'ru', en: 'en-us' }, rate: 140, volume: 100, cacheMegabytes: 1 };

/** The narrowest seam: espeak-ng's process replaced by a counter; espeak-synth.test.ts runs the real one. */
function countingSynth(failing = false) {
  const calls: VoiceSettings[] = [];
  const synth: SpeechSynth = {
    async synthesize(_text, settings) {
      calls.push(settings);
      return failing ? err('espeak-ng exited with code 1') : ok(Buffer.from(`RIFF-${calls.length}`));
    },
    version: async () => (failing ? err('espeak-ng is not installed (not found on PATH)') : ok('eSpeak NG text-to-speech: 1.51')),
  };
  return { synth, calls };
}

describe('speech service', () => {
  test('a repeated prompt comes from the cache; one marked private is synthesised every time and never kept', async () => {
    const { synth, calls } = countingSynth();
    const speech = createSpeechService({ config: () => config, synth, logger: pino({ level: 'silent' }) });
    const first = await speech.speak('Выберите специальность', 'ru', true);
    const again = await speech.speak('Выберите специальность', 'ru', true);
    expect(again).toEqual(first);
    expect(calls).toEqual([{ voice: 'ru', rate: 140, volume: 100 }]);
    await speech.speak('Это вы? Иванова Т. А.', 'ru', false);
    await speech.speak('Это вы? Иванова Т. А.', 'ru', false);
    expect(calls).toHaveLength(3);
    expect(speech.cache.entries).toBe(1);
    await speech.speak('Choose a specialty', 'en', true);
    expect(calls.at(-1)?.voice).toBe('en-us');
  });

  test('a failing engine answers speech-unavailable and shows in the status; a disabled one is "disabled"', async () => {
    const { synth } = countingSynth(true);
    const speech = createSpeechService({ config: () => config, synth, logger: pino({ level: 'silent' }) });
    await speech.checked;
    expect(speech.status()).toEqual({ state: 'unavailable', detail: 'espeak-ng is not installed (not found on PATH)' });
    expect(await speech.speak('Да', 'ru', true)).toEqual({ ok: false, error: { kind: 'speech-unavailable', detail: 'espeak-ng exited with code 1' } });
    expect(speech.status()).toEqual({ state: 'unavailable', detail: 'espeak-ng exited with code 1' });
    const off = createSpeechService({ config: () => ({ ...config, enabled: false }), synth, logger: pino({ level: 'silent' }) });
    expect(off.status()).toEqual({ state: 'disabled' });
    expect(await off.speak('Да', 'ru', true)).toEqual({ ok: false, error: { kind: 'speech-disabled' } });
  });
});
