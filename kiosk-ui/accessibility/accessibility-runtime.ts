// Speech mode and keypad navigation, loaded on first use (speech-mode.ts): the
// narrator reads each new screen (screen-reading.ts) and the keypad moves focus
// through the controls in reading order, presses them, types the policy number,
// repeats the prompt, changes the volume and goes back (keypad-keys.ts). All of
// it is driven by the DOM, so a screen needs no speech code of its own. Speech
// stops, and speech mode ends, when the patient's session ends.
import type { TFunction } from 'i18next';
import { createCaller } from '../bridge-client/bridge-call';
import { currentI18n } from '../i18n/i18n';
import '../i18n/speech-strings';
import type { JourneyActor } from '../journey/journey-view';
import type { SpeechLanguage } from '../../device-bridge/contract/speech';
import { commandOf, createBurstFilter, type KeypadCommand, type KeyPress } from './keypad-keys';
import { activeRoot, feedbackText, firstStop, narration, placeOf, reachable, spokenName, type ReadingWords, type Utterance } from './screen-reading';
import { createSpeechPlayer } from './speech-player';
import type { FirstBundle } from './speech-mode';

/** How long the DOM must stay still before a new screen counts as shown (a render, a lazy screen's chunk). */
const SETTLE_MS = 120;

let started: { readonly firstKey: (press: KeyPress) => void; readonly requested: () => void } | null = null;

const isServiceScreen = () => document.querySelector('[data-screen^="service"]') !== null;

const language = (): SpeechLanguage => (document.documentElement.lang === 'en' ? 'en' : 'ru');

function translator(): TFunction | null {
  return currentI18n()?.getFixedT(language()) ?? null;
}

function wordsOf(t: TFunction): ReadingWords {
  return {
    selected: (items) => t('speech.selected', { items }),
    choices: t('speech.choices'),
    pressed: t('speech.pressed'),
    digitEntry: t('speech.digitEntry'),
  };
}

/**
 * `first`: speech mode's switch and the journey's view, handed in from the first bundle: a static import of
 * them here makes the bundler split the first bundle into more chunks, which costs the first screen bytes.
 */
export function startAccessibility(actor: JourneyActor, first: FirstBundle): void {
  const { at, journeyView, watchJourney, onSpeechModeChange, setSpeechMode, speechModeOn } = first;
  if (started) return;
  const player = createSpeechPlayer(createCaller(location.origin, { fetch: (input, init) => fetch(input, init) }));
  let place = '';
  let explained = false;
  /** What the next settled DOM should say: the digit just typed, or the control just pressed. */
  let echo: { readonly kind: 'digit'; readonly digit: string } | { readonly kind: 'pressed' } | null = null;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** A key or «Озвучить» was used this session: focus follows the screens, its ring shows. Off again for the next patient. */
  let active = false;
  const activate = () => {
    active = true;
    document.documentElement.classList.add('keypad-nav');
  };

  const say = (utterances: readonly Utterance[]) => {
    if (speechModeOn() && utterances.length > 0) player.say(utterances, language());
  };
  const sayText = (text: string) => say([{ text, private: false }]);

  const words = () => {
    const t = translator();
    return t ? wordsOf(t) : null;
  };

  function readScreen(): void {
    const w = words();
    if (!w) return;
    const prompt = narration(w, document);
    if (!explained) {
      explained = true;
      prompt.push({ text: translator()?.('speech.keys') ?? '', private: false });
    }
    say(prompt);
  }

  function focus(el: HTMLElement | null): void {
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
  }

  /** After each render: a new place is read and focused; a control that vanished gives its focus to the next best. */
  function settled(): void {
    if (!active) return;
    const now = placeOf(document);
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const lost = !focused || focused === document.body || !reachable(document).includes(focused);
    if (now !== place) {
      place = now;
      echo = null;
      focus(firstStop(document));
      readScreen();
      return;
    }
    if (lost) focus(firstStop(document));
    const pending = echo;
    echo = null;
    const w = words();
    if (!pending || !w) return;
    // A PIN (service mode) is never said aloud: only the number a patient types is.
    if (pending.kind === 'digit') sayText(isServiceScreen() ? feedbackText(document) : `${pending.digit}. ${feedbackText(document)}`);
    else if (document.activeElement instanceof HTMLElement) sayText(spokenName(document.activeElement, w));
  }

  const observer = new MutationObserver(() => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(settled, SETTLE_MS);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-pressed', 'disabled', 'hidden', 'aria-modal'] });

  function move(by: -1 | 1): void {
    const stops = reachable(document);
    const current = stops.indexOf(document.activeElement as HTMLElement);
    const next = current < 0 ? firstStop(document) : stops[current + by];
    const w = words();
    if (!next) {
      const t = translator();
      if (t) sayText(t(by < 0 ? 'speech.first' : 'speech.last'));
      return;
    }
    focus(next);
    if (w) sayText(spokenName(next, w));
  }

  function press(el: Element | null | undefined): void {
    if (!(el instanceof HTMLElement) || (el as HTMLButtonElement).disabled) return;
    echo = { kind: 'pressed' };
    el.click();
  }

  function run(command: KeypadCommand): void {
    actor.send({ type: 'ACTIVITY' });
    const root = activeRoot(document);
    switch (command.kind) {
      case 'move':
        return move(command.by);
      case 'select':
        return press(document.activeElement);
      case 'submit': {
        const primary = root?.querySelector<HTMLButtonElement>('.button--primary:not(:disabled)');
        if (primary) return press(primary);
        return sayText(feedbackText(document));
      }
      case 'digit': {
        const key = root?.querySelector<HTMLButtonElement>(`[data-digit-entry] [data-key="${command.digit}"]`);
        if (!key || key.disabled) return sayText(feedbackText(document));
        echo = { kind: 'digit', digit: command.digit };
        key.click();
        return;
      }
      case 'erase':
        echo = null;
        root?.querySelector<HTMLButtonElement>('[data-digit-entry] [data-key="erase"]')?.click();
        return;
      case 'repeat':
        explained = false;
        return readScreen();
      case 'volume': {
        const step = player.changeVolume(command.by);
        const t = translator();
        if (t) sayText(t('speech.volume', { step }));
        return;
      }
      case 'back': {
        if (root?.getAttribute('aria-modal') === 'true') return press(root.querySelector('button'));
        const back = [...document.querySelectorAll<HTMLElement>('[data-nav="back"]')].find((el) => reachable(document).includes(el));
        if (back) return press(back);
        const t = translator();
        if (t) sayText(t('speech.noBack'));
        return;
      }
    }
  }

  /** A person's press, after the burst filter: the first one of a session switches speech mode on. */
  const deliver = (press: KeyPress) => {
    if (!active) {
      activate();
      place = placeOf(document);
      if (!reachable(document).includes(document.activeElement as HTMLElement)) focus(firstStop(document));
    }
    const digitEntry = document.activeElement?.closest('[data-digit-entry]') != null;
    const command = commandOf(press.key, digitEntry);
    if (!speechModeOn()) {
      setSpeechMode(true);
      // The first key wakes the kiosk up: it reads where the patient is before anything moves.
      if (command?.kind !== 'digit') return readScreen();
    }
    if (command) run(command);
  };
  const filter = createBurstFilter(deliver);

  document.addEventListener(
    'keydown',
    (event) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const digitEntry = document.activeElement?.closest('[data-digit-entry]') != null;
      if (!commandOf(event.key, digitEntry)) return;
      // Handled here, not by the browser: no scrolling on arrows, no double press on Enter.
      event.preventDefault();
      filter.push({ key: event.key, timeStamp: event.timeStamp });
    },
    { capture: true },
  );

  onSpeechModeChange((on) => {
    if (on) return;
    player.stop();
    player.resetVolume();
    explained = false;
  });

  // The session ended (done, cancel, idle timeout): silence now, and the next patient starts without speech.
  let inSession = at(journeyView(actor), 'session');
  watchJourney(actor, () => {
    const now = at(journeyView(actor), 'session');
    if (inSession && !now) {
      filter.reset();
      setSpeechMode(false);
      active = false;
      document.documentElement.classList.remove('keypad-nav');
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    }
    inSession = now;
  });

  place = placeOf(document);
  started = {
    firstKey: (press) => filter.push(press),
    requested: () => {
      activate();
      setSpeechMode(true);
      place = placeOf(document);
      focus(firstStop(document));
      readScreen();
    },
  };
}

/** The first key of a tactile keypad, handed over by the wake-up (speech-mode.ts). */
export function firstKey(press: KeyPress): void {
  started?.firstKey(press);
}

/** «Озвучить» was pressed: speech on, and the screen is read from its title. */
export function speechModeRequested(): void {
  started?.requested();
}
