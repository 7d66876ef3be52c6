// Large text, high contrast, help and «Озвучить» (speech mode, accessibility/speech-mode.ts): on every screen, in the same place.
import { useState } from 'preact/hooks';
import { toggleSpeechMode, useSpeechMode } from '../accessibility/speech-mode';
import { useT } from '../i18n/translation-context';
import { useJourneyActor } from '../journey/actor-context';
import { useJourney } from '../journey/use-journey';
import { lazyPart } from './lazy-part';

/** The help dialog and its pictures load on first use (preloaded after start-up, app.tsx): bytes the first screen does without. */
export const HelpDialog = lazyPart(() => import('./help-dialog').then((m) => m.HelpDialog));

export function DisplayControls({ screen }: { readonly screen: string }) {
  const t = useT();
  const actor = useJourneyActor();
  const { largeText, highContrast, kiosk } = useJourney(actor).context;
  const speaking = useSpeechMode();
  const [helpOpen, setHelpOpen] = useState(false);
  return (
    <div class="display-controls">
      <button type="button" class="control" aria-pressed={largeText} onClick={() => actor.send({ type: 'TOGGLE_LARGE_TEXT' })}>
        <span class="control__icon" aria-hidden="true">{t('display.largeTextIcon')}</span>
        <span class="control__label">{t('display.largeText')}</span>
      </button>
      <button type="button" class="control" aria-pressed={highContrast} onClick={() => actor.send({ type: 'TOGGLE_HIGH_CONTRAST' })}>
        <span class="control__icon" aria-hidden="true">◐</span>
        <span class="control__label">{t('display.highContrast')}</span>
      </button>
      <button type="button" class="control" onClick={() => setHelpOpen(true)}>
        <span class="control__icon" aria-hidden="true">?</span>
        <span class="control__label">{t('help.open')}</span>
      </button>
      {kiosk?.speech?.enabled !== false && (
        <button type="button" class="control" aria-pressed={speaking} onClick={toggleSpeechMode}>
          <span class="control__icon" aria-hidden="true">♪</span>
          <span class="control__label">{t('display.speak')}</span>
        </button>
      )}
      {helpOpen && <HelpDialog screen={screen} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
