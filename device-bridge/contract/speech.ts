// Speech output (POST /api/speech, device-bridge/speech/): the UI sends what a
// screen says, the bridge answers it as WAV audio synthesised offline by
// espeak-ng. Zod-free: the UI imports the limits and error kinds from here; the
// request's schema is in contract/speech-request.ts, which only the bridge loads.
import type { InvalidRequest } from './invalid-request';

/** The languages the kiosk speaks: the languages of its screens. */
export const SPEECH_LANGUAGES = ['ru', 'en'] as const;
export type SpeechLanguage = (typeof SPEECH_LANGUAGES)[number];

/** The longest text one request may carry: a screen's title, what is selected and its choices fit well within it. */
export const MAX_SPEECH_TEXT = 1000;

/**
 * One character a screen may say: letters (Cyrillic, Latin), digits, punctuation, spaces and a few signs
 * (№, °, currency, maths), and the stress mark. Control and format characters (bidi overrides, zero-width
 * marks), emoji and private-use characters are refused by the bridge (contract/speech-request.ts); the UI
 * leaves them out of what it sends.
 */
export const SPEAKABLE_CHARACTER = /[\p{Script=Cyrillic}\p{Script=Latin}\p{N}\p{P}\p{Zs}\p{Sm}\p{Sc}№°\u0301]/u;

/** The answer's content type: a whole RIFF/WAVE file (PCM), never JSON. */
export const SPEECH_CONTENT_TYPE = 'audio/wav';

export interface SpeechRequest {
  readonly text: string;
  readonly language: SpeechLanguage;
  /**
   * false: the text holds what the screen shows of the patient (surname and initials); the bridge
   * synthesises it once and keeps neither the text nor the audio. Default true (cached).
   */
  readonly cache?: boolean;
}

/** `speech.enabled: false` in the config: the kiosk does not speak. */
export interface SpeechDisabled {
  readonly kind: 'speech-disabled';
}

/** espeak-ng is missing, crashed, timed out or gave no audio; `detail` says which, never the text. */
export interface SpeechUnavailable {
  readonly kind: 'speech-unavailable';
  readonly detail: string;
}

export type SpeechApiError = InvalidRequest | SpeechDisabled | SpeechUnavailable;

/** The speech engine as /healthz and service mode report it. */
export type SpeechStatus =
  | { readonly state: 'disabled' }
  /** Not yet known: the engine's first check is still running. */
  | { readonly state: 'starting' }
  | { readonly state: 'ready'; readonly engine: string }
  | { readonly state: 'unavailable'; readonly detail: string };

/** What GET /api/kiosk tells the UI: whether to offer «Озвучить» at all. */
export interface SpeechInfo {
  readonly enabled: boolean;
}
