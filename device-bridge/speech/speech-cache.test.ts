import { describe, expect, test } from 'vitest';
import { createSpeechCache, speechCacheKey } from './speech-cache';

const settings = { voice: 'ru', rate: 140, volume: 100 };
const wav = (bytes: number) => Buffer.alloc(bytes, 1);

describe('speech cache', () => {
  test('keeps what fits and drops the least recently used first', () => {
    const cache = createSpeechCache(300);
    cache.set('a', wav(100));
    cache.set('b', wav(100));
    cache.set('c', wav(100));
    // Reading "a" makes "b" the least recently used.
    expect(cache.get('a')).toBeDefined();
    cache.set('d', wav(100));
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((key) => cache.get(key)?.length)).toEqual([100, 100, 100]);
    expect(cache.bytes).toBe(300);
  });

  test('never holds more bytes than its bound, and keeps no prompt bigger than the whole cache', () => {
    const cache = createSpeechCache(250);
    cache.set('a', wav(200));
    cache.set('b', wav(200));
    expect(cache.bytes).toBe(200);
    expect(cache.get('a')).toBeUndefined();
    cache.set('huge', wav(251));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('b')?.length).toBe(200);
  });

  test('keys differ by text and by every voice setting, and never contain the text', () => {
    const key = speechCacheKey('Иванова Т. А.', settings);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).toBe(speechCacheKey('Иванова Т. А.', { ...settings }));
    expect(new Set([key, speechCacheKey('Петрова', settings), speechCacheKey('Иванова Т. А.', { ...settings, rate: 150 }), speechCacheKey('Иванова Т. А.', { ...settings, voice: 'en-us' }), speechCacheKey('Иванова Т. А.', { ...settings, volume: 90 })]).size).toBe(5);
  });
});
