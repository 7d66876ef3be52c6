// Plays what the kiosk says: each prompt is asked of the bridge (POST
// /api/speech, device-bridge/speech/) as soon as it is queued, and played in
// order; a new prompt interrupts the old ones (the patient moved on). A prompt
// the bridge cannot synthesise is skipped: the screens never wait on speech.
import type { Caller } from '../bridge-client/bridge-call';
import { urlOf } from '../bridge-client/bridge-call';
import { KIOSK_TOKEN_HEADER } from '../../device-bridge/contract/headers';
import { routes } from '../../device-bridge/contract/routes';
import type { SpeechLanguage, SpeechRequest } from '../../device-bridge/contract/speech';
import type { Utterance } from './screen-reading';

/** Five volume steps for the session, below the kiosk's own (config `speech.volume`). */
const VOLUME_STEPS = [0.2, 0.4, 0.6, 0.8, 1] as const;

export interface SpeechPlayer {
  /** Stops what is playing and says these, in order. */
  say(utterances: readonly Utterance[], language: SpeechLanguage): void;
  stop(): void;
  /** One step louder (+1) or quieter (-1); answers the new step, 1–5. */
  changeVolume(by: -1 | 1): number;
  resetVolume(): void;
}

export function createSpeechPlayer(caller: Pick<Caller, 'kioskToken'>, base: string = location.origin): SpeechPlayer {
  const audio = new Audio();
  let step = VOLUME_STEPS.length - 1;
  let generation = 0;
  let aborter = new AbortController();

  async function fetchWav(utterance: Utterance, language: SpeechLanguage, signal: AbortSignal): Promise<Blob | null> {
    const body: SpeechRequest = { text: utterance.text, language, ...(utterance.private ? { cache: false } : {}) };
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await caller.kioskToken(attempt > 0);
      const response = await fetch(urlOf(routes.speak, base), {
        method: routes.speak.method,
        headers: { 'content-type': 'application/json', ...(token ? { [KIOSK_TOKEN_HEADER]: token } : {}) },
        body: JSON.stringify(body),
        signal,
      });
      // The bridge restarted under the page: one retry with its new token.
      if (response.status === 401) continue;
      // Not synthesised (espeak-ng missing or failing: /healthz and service mode say so): this prompt is skipped.
      return response.ok ? await response.blob() : null;
    }
    return null;
  }

  function play(wav: Blob, mine: number): Promise<void> {
    return new Promise((resolve) => {
      if (mine !== generation) return resolve();
      const url = URL.createObjectURL(wav);
      const done = () => {
        audio.removeEventListener('ended', done);
        audio.removeEventListener('error', done);
        audio.removeEventListener('pause', done);
        URL.revokeObjectURL(url);
        resolve();
      };
      audio.addEventListener('ended', done);
      audio.addEventListener('error', done);
      audio.addEventListener('pause', done);
      audio.src = url;
      audio.volume = VOLUME_STEPS[step] ?? 1;
      // A browser that refuses to play (no audio device, autoplay rules) must not stall the queue.
      audio.play().catch(done);
    });
  }

  function stop(): void {
    generation += 1;
    aborter.abort();
    aborter = new AbortController();
    audio.pause();
  }

  return {
    say(utterances, language) {
      stop();
      const mine = generation;
      const signal = aborter.signal;
      // Asked all at once: the bridge synthesises the next while this one plays.
      const wavs = utterances.map((u) => fetchWav(u, language, signal).catch(() => null));
      void (async () => {
        for (const wav of wavs) {
          const blob = await wav;
          if (mine !== generation) return;
          if (blob) await play(blob, mine);
        }
      })();
    },
    stop,
    changeVolume(by) {
      step = Math.min(VOLUME_STEPS.length - 1, Math.max(0, step + by));
      audio.volume = VOLUME_STEPS[step] ?? 1;
      return step + 1;
    },
    resetVolume() {
      step = VOLUME_STEPS.length - 1;
    },
  };
}
