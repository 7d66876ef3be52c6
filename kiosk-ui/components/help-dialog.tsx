// A short plain-language explanation of the current step, with a simple picture, over the screen.
import { isAssistanceScreen } from '../../device-bridge/contract/assistance-screens';
import '../i18n/help-strings';
import { useT } from '../i18n/translation-context';
import { CallVolunteerButton } from './call-volunteer-button';
import { lazyPart } from './lazy-part';

/** The pictures load with the first «Помощь», not before the first screen (tests/integration/ui-bundle-size.test.ts). */
const HelpPicture = lazyPart(() => import('./help-picture').then((m) => m.HelpPicture));

export function HelpDialog({ screen, onClose }: { readonly screen: string; readonly onClose: () => void }) {
  const t = useT();
  return (
    <div class="overlay">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title">
        <h2 id="help-title" class="dialog__title">
          <span aria-hidden="true" class="dialog__icon">?</span> {t(`help.${screen}.title`)}
        </h2>
        <div class="help-body">
          <HelpPicture screen={screen} />
          <p class="dialog__text">{t(`help.${screen}.body`)}</p>
        </div>
        <p class="dialog__text dialog__text--soft">{t('app.help')}</p>
        <button type="button" class="button button--primary button--wide" onClick={onClose} autoFocus>
          {t('help.close')}
        </button>
        {/* The patient's screens only: service mode is clinic IT's own, nobody to call there. */}
        {isAssistanceScreen(screen) && <CallVolunteerButton screen={screen} onCall={onClose} />}
      </div>
    </div>
  );
}
