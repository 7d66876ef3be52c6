// Speech output as the bridge offers it: the config in effect (voice, rate,
// volume, on/off), the cache, the engine, and the engine's state for /healthz
// and service mode. A failed synthesis is a value (`speech-unavailable`) and
// marks speech unavailable until the next one succeeds; nothing else in the
// kiosk waits on it. The text is never logged: it may hold a surname.
import type { Logger } from 'pino';
import type { Result } from '../contract/result';
import { err, ok } from '../contract/result';
import type { SpeechApiError, SpeechLanguage, SpeechStatus } from '../contract/speech';
import type { SpeechConfig } from './speech-config';
import { createSpeechCache, speechCacheKey, type SpeechCache } from './speech-cache';
import type { SpeechSynth, VoiceSettings } from './espeak-synth';

export interface SpeechService {
  speak(text: string, language: SpeechLanguage, cache: boolean): Promise<Result<Buffer, Exclude<SpeechApiError, { kind: 'invalid-request' }>>>;
  status(): SpeechStatus;
  /** Resolves when the engine's first check (`--version`) is done. */
  readonly checked: Promise<void>;
  readonly cache: Pick<SpeechCache, 'bytes' | 'entries'>;
}

export interface SpeechServiceOptions {
  /** The config in effect: read at every prompt, so a reload changes voice, rate and volume live. */
  readonly config: () => SpeechConfig;
  readonly synth: SpeechSynth;
  readonly logger: Logger;
}

export function createSpeechService({ config, synth, logger }: SpeechServiceOptions): SpeechService {
  // The cache's size is fixed at start (a reload asking for another needs a restart).
  const cache = createSpeechCache(config().cacheMegabytes * 1024 * 1024);
  let engine: SpeechStatus = { state: 'starting' };
  const markUnavailable = (detail: string) => {
    if (engine.state !== 'unavailable' || engine.detail !== detail) logger.warn({ event: 'speech-unavailable', detail }, 'speech output unavailable');
    engine = { state: 'unavailable', detail };
  };
  const checked = synth.version().then((version) => {
    if (version.ok) engine = { state: 'ready', engine: version.value };
    else markUnavailable(version.error);
  });

  return {
    checked,
    cache,
    status: () => (config().enabled ? engine : { state: 'disabled' }),
    async speak(text, language, cacheable) {
      const current = config();
      if (!current.enabled) return err({ kind: 'speech-disabled' });
      const settings: VoiceSettings = { voice: current.voice[language], rate: current.rate, volume: current.volume };
      const key = speechCacheKey(text, settings);
      const cached = cacheable ? cache.get(key) : undefined;
      if (cached) return ok(cached);
      const wav = await synth.synthesize(text, settings);
      if (!wav.ok) {
        markUnavailable(wav.error);
        return err({ kind: 'speech-unavailable', detail: wav.error });
      }
      if (engine.state !== 'ready') {
        logger.info({ event: 'speech-ready' }, 'speech output works again');
        const version = await synth.version();
        engine = { state: 'ready', engine: version.ok ? version.value : 'espeak-ng' };
      }
      if (cacheable) cache.set(key, wav.value);
      return ok(wav.value);
    },
  };
}
