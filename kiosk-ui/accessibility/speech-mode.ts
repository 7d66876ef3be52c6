// Speech mode for patients who cannot see the screen: whether the kiosk reads
// its screens aloud, and the wake-up that loads the rest on first use. Only
// this small part is in the first bundle; the narrator, the player and the
// keypad navigation (accessibility-runtime.ts) load with the first tap on
// «Озвучить» or the first key of a tactile keypad, so a sighted patient's first
// screen is no heavier (tests/integration/ui-bundle-size.test.ts).
import { useExternalStore } from '../components/use-external-store';
import { at, journeyView, watchJourney, type JourneyActor } from '../journey/journey-view';

let on = false;
const listeners = new Set<(on: boolean) => void>();

export const speechModeOn = (): boolean => on;

export function setSpeechMode(next: boolean): void {
  if (next !== on) {
    on = next;
    listeners.forEach((listener) => listener(on));
  }
}

export const onSpeechModeChange = (listener: (on: boolean) => void) => (listeners.add(listener), () => void listeners.delete(listener));

/** For «Озвучить»'s aria-pressed; a control mounted just before speech mode changes still shows the change. */
export const useSpeechMode = (): boolean => useExternalStore(onSpeechModeChange, speechModeOn);

const firstBundle = { at, journeyView, watchJourney, onSpeechModeChange, setSpeechMode, speechModeOn };
export type FirstBundle = typeof firstBundle;

let runtime: Promise<typeof import('./accessibility-runtime')> | null = null;
let journey: JourneyActor;

const load = () => (runtime ??= import('./accessibility-runtime').then((m) => (m.startAccessibility(journey, firstBundle), m)));

/** «Озвучить»: switches speech mode on (loading it) or off (silencing it at once). */
export function toggleSpeechMode(): void {
  if (on) setSpeechMode(false);
  else void load().then((m) => m.speechModeRequested());
}

/**
 * The first key of a tactile keypad (a USB numeric keypad, the kiosk's navigation keys) loads speech mode and
 * keypad navigation, and is handed to them; a keyboard-wedge scanner's burst never switches speech on (keypad-keys.ts).
 */
export function installAccessibilityWakeUp(actor: JourneyActor, target: Document = document): void {
  journey = actor;
  const onKey = (event: KeyboardEvent) => {
    if (!/^(Arrow|Page)|^(Enter|Escape|Insert|Delete|Clear|[0-9*+.-])$/.test(event.key) || event.ctrlKey || event.altKey || event.metaKey) return;
    target.removeEventListener('keydown', onKey, true);
    event.preventDefault();
    const press = { key: event.key, timeStamp: event.timeStamp };
    void load().then((m) => m.firstKey(press));
  };
  target.addEventListener('keydown', onKey, true);
}
