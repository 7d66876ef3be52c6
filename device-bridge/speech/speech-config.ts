// The `speech` part of the kiosk config (config/kiosk-config-schema.ts): speech
// output for patients who cannot see the screen (README "Accessibility"). One
// kiosk-wide voice per language, a rate and a volume, handed to espeak-ng
// (speech/espeak-synth.ts). Defaults in config/kiosk.defaults.json.
import { z } from 'zod';

/** An espeak-ng voice name, optionally with a variant: `ru`, `en-us`, `en-gb+f3` (`espeak-ng --voices` lists them). */
const voiceName = z
  .string()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{1,8})*(\+[a-z0-9]{1,12})?$/, { message: 'expected an espeak-ng voice name such as "ru", "en-us" or "en-gb+f3"' });

export const speechConfig = z
  .object({
    /** Off: no «Озвучить» control, POST /api/speech answers 404 `speech-disabled`; the keypad still moves between choices. */
    enabled: z.boolean(),
    /** The voice for each language of the screens. */
    voice: z.object({ ru: voiceName, en: voiceName }).strict(),
    /** Words per minute (espeak-ng `-s`): 80–300; slower than espeak's 175 suits elderly listeners. */
    rate: z.number().int().min(80).max(300),
    /** Loudness in per cent of espeak-ng's normal amplitude (`-a`): 10–200. The keypad's +/- adjust it for one session, below this. */
    volume: z.number().int().min(10).max(200),
    /** Synthesised prompts kept in memory (least recently used dropped first), in megabytes: 1–256. */
    cacheMegabytes: z.number().int().min(1).max(256),
  })
  .strict();

export type SpeechConfig = z.infer<typeof speechConfig>;
