// A short plain-language explanation of the current step, over the screen.
import { useT } from '../i18n/translation-context';

export function HelpDialog({ screen, onClose }: { readonly screen: string; readonly onClose: () => void }) {
  const t = useT();
  return (
    <div class="overlay">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title">
        <h2 id="help-title" class="dialog__title">
          <span aria-hidden="true" class="dialog__icon">?</span> {t(`help.${screen}.title`)}
        </h2>
        <p class="dialog__text">{t(`help.${screen}.body`)}</p>
        <p class="dialog__text dialog__text--soft">{t('app.help')}</p>
        <button type="button" class="button button--primary button--wide" onClick={onClose} autoFocus>
          {t('help.close')}
        </button>
      </div>
    </div>
  );
}
