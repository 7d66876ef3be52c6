// Prompts already synthesised, so a repeated one («Выберите специальность»,
// a choice read again) answers at once. Least recently used first out, bounded
// by the bytes of audio it holds. Keys are SHA-256 digests of the text and the
// voice settings: the cache never holds a prompt's text.
import { createHash } from 'node:crypto';
import type { VoiceSettings } from './espeak-synth';

export interface SpeechCache {
  get(key: string): Buffer | undefined;
  set(key: string, wav: Buffer): void;
  readonly bytes: number;
  readonly entries: number;
  clear(): void;
}

export const speechCacheKey = (text: string, settings: VoiceSettings): string =>
  createHash('sha256').update(JSON.stringify([text, settings.voice, settings.rate, settings.volume])).digest('hex');

export function createSpeechCache(maxBytes: number): SpeechCache {
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  const items = new Map<string, Buffer>();
  let bytes = 0;
  const drop = (key: string) => {
    const wav = items.get(key);
    if (!wav) return;
    items.delete(key);
    bytes -= wav.length;
  };
  return {
    get(key) {
      const wav = items.get(key);
      if (wav) {
        items.delete(key);
        items.set(key, wav);
      }
      return wav;
    },
    set(key, wav) {
      drop(key);
      // A prompt bigger than the whole cache is answered but not kept.
      if (wav.length > maxBytes) return;
      items.set(key, wav);
      bytes += wav.length;
      for (const oldest of items.keys()) {
        if (bytes <= maxBytes) break;
        drop(oldest);
      }
    },
    get bytes() {
      return bytes;
    },
    get entries() {
      return items.size;
    },
    clear() {
      items.clear();
      bytes = 0;
    },
  };
}
