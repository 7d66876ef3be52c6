// The schema of POST /api/speech's body (contract/speech.ts has the why). The
// text must be something a screen shows: letters (Cyrillic, Latin), digits,
// punctuation, spaces and a few signs (№, °, currency, maths). Control and
// format characters (bidi overrides, zero-width marks), emoji and private-use
// characters are refused with the first one's code point and position, never
// the text itself (it may hold a surname).
import { z } from 'zod';
import { MAX_SPEECH_TEXT, SPEAKABLE_CHARACTER, SPEECH_LANGUAGES } from './speech';

/** The first character a screen never shows, as «U+202E at position 7», or null when all are fine. */
export function firstOddCharacter(text: string): string | null {
  let position = 0;
  for (const char of text) {
    position += 1;
    if (!SPEAKABLE_CHARACTER.test(char)) {
      const code = char.codePointAt(0) ?? 0;
      return `U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${position}`;
    }
  }
  return null;
}

export const speechRequest = z
  .object({
    text: z
      .string()
      .max(MAX_SPEECH_TEXT, `at most ${MAX_SPEECH_TEXT} characters`)
      .refine((text) => text.trim().length > 0, 'nothing to say')
      .superRefine((text, ctx) => {
        const odd = firstOddCharacter(text);
        if (odd) ctx.addIssue({ code: 'custom', message: `only letters, digits, punctuation and spaces can be spoken; found ${odd}` });
      }),
    language: z.enum(SPEECH_LANGUAGES),
    cache: z.boolean().default(true),
  })
  .strict();
export type ParsedSpeechRequest = z.infer<typeof speechRequest>;
