import { DisplayControls } from '../components/display-controls';
import { useT } from '../i18n/translation-context';
import type { Language } from '../journey/journey-machine';
import type { ScreenProps } from './screen-props';

const LANGUAGE_NAMES: Record<Language, string> = { ru: 'Русский', en: 'English' };

export function AttractScreen({ snapshot, send }: ScreenProps) {
  const t = useT();
  const { kiosk, language } = snapshot.context;
  const clinic = kiosk?.clinic;
  return (
    <div class="screen screen--attract" data-screen="attract">
      <div class="attract__bar">
        <div class="language-switch" role="group" aria-label={t('attract.language')}>
          {(Object.keys(LANGUAGE_NAMES) as Language[]).map((code) => (
            <button key={code} type="button" lang={code} class="control" aria-pressed={language === code} onClick={() => send({ type: 'SET_LANGUAGE', language: code })}>
              <span class="control__label">{LANGUAGE_NAMES[code]}</span>
            </button>
          ))}
        </div>
        <DisplayControls screen="attract" />
      </div>
      <div class="attract">
        <div class="attract__clinic">{clinic?.name}</div>
        <h1 class="attract__title">{t('attract.title')}</h1>
        <p class="attract__lead">{t('attract.lead')}</p>
        <button type="button" class="button button--primary button--hero" onClick={() => send({ type: 'START' })}>
          {t('attract.start')}
        </button>
        <p class="attract__hint">{t('attract.needPolicy')}</p>
        {clinic && (
          <p class="attract__address">
            {clinic.address} · {clinic.phone}
          </p>
        )}
      </div>
    </div>
  );
}
