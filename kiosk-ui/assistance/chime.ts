// The volunteer call's chime: two soft tones (E5, then C5) made with WebAudio,
// so no sound file ships and nothing is fetched. Chromium lets a page make
// sound after a tap, and the call always follows the patient's tap.

/** How loud, 0–1: heard across a lobby corner, not a fire alarm. */
const VOLUME = 0.35;
const TONES = [659.25, 523.25] as const;
const TONE_SECONDS = 0.45;

export interface Chime {
  play(): void;
  close(): void;
}

/** A chime, or a silent one when the browser has no WebAudio (the screen signal still shows). */
export function createChime(): Chime {
  const AudioContextClass = globalThis.AudioContext as typeof AudioContext | undefined;
  if (!AudioContextClass) return { play: () => undefined, close: () => undefined };
  let audio: AudioContext | null = null;
  return {
    play() {
      audio ??= new AudioContextClass();
      const start = audio.currentTime + 0.05;
      TONES.forEach((frequency, i) => {
        const at = start + i * TONE_SECONDS;
        const tone = audio!.createOscillator();
        const envelope = audio!.createGain();
        tone.type = 'sine';
        tone.frequency.value = frequency;
        // A quick rise and a long fall: a bell, not a beep.
        envelope.gain.setValueAtTime(0, at);
        envelope.gain.linearRampToValueAtTime(VOLUME, at + 0.02);
        envelope.gain.exponentialRampToValueAtTime(0.001, at + TONE_SECONDS * 1.6);
        tone.connect(envelope).connect(audio!.destination);
        tone.start(at);
        tone.stop(at + TONE_SECONDS * 1.7);
      });
    },
    close() {
      void audio?.close();
      audio = null;
    },
  };
}
