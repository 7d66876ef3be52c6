import { describe, expect, test } from 'vitest';
import { MAX_SPEECH_TEXT } from './speech';
import { firstOddCharacter, speechRequest } from './speech-request';

describe('POST /api/speech body', () => {
  test('takes what screens say, in Russian and English, cached unless told otherwise', () => {
    const parsed = speechRequest.parse({ text: 'Выберите время. Выбрано: «Завтра, 9:30», кабинет № 214 — 5 свободных.', language: 'ru' });
    expect(parsed.cache).toBe(true);
    expect(speechRequest.safeParse({ text: 'Check your booking: 10:00, room 214.', language: 'en', cache: false }).success).toBe(true);
  });

  test('refuses an over-long text, an empty one, an unknown language and unknown fields', () => {
    const long = speechRequest.safeParse({ text: 'а'.repeat(MAX_SPEECH_TEXT + 1), language: 'ru' });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe(`at most ${MAX_SPEECH_TEXT} characters`);
    expect(speechRequest.safeParse({ text: '   ', language: 'ru' }).error?.issues[0]?.message).toBe('nothing to say');
    expect(speechRequest.safeParse({ text: 'да', language: 'de' }).success).toBe(false);
    expect(speechRequest.safeParse({ text: 'да', language: 'ru', voice: 'en' }).success).toBe(false);
  });

  test('refuses control and format characters and emoji, naming the character, never echoing the text', () => {
    expect(firstOddCharacter('Иванова\u202Eавонави')).toBe('U+202E at position 8');
    expect(firstOddCharacter('строка\nдве')).toBe('U+000A at position 7');
    expect(firstOddCharacter('ок 👍')).toBe('U+1F44D at position 4');
    expect(firstOddCharacter('ну\u0000')).toBe('U+0000 at position 3');
    const refused = speechRequest.safeParse({ text: 'Иванова\u200Bх', language: 'ru' });
    expect(refused.error?.issues[0]).toMatchObject({ path: ['text'], message: 'only letters, digits, punctuation and spaces can be spoken; found U+200B at position 8' });
    expect(refused.error?.issues[0]?.message).not.toContain('Иванова');
  });
});
