import { useT } from '../i18n/translation-context';
import type { ScreenProps } from './screen-props';

export function AttractScreen({ snapshot, send }: ScreenProps) {
  const t = useT();
  const clinic = snapshot.context.kiosk?.clinic;
  return (
    <div class="screen screen--attract" data-screen="attract">
      <div class="attract">
        <div class="attract__clinic">{clinic?.name}</div>
        <h1 class="attract__title">{t('attract.title')}</h1>
        <p class="attract__lead">{t('attract.lead')}</p>
        <button type="button" class="button button--primary button--hero" onClick={() => send({ type: 'START' })}>
          {t('attract.start')}
        </button>
        <p class="attract__hint">{t('attract.needPolicy')}</p>
        {clinic && <p class="attract__address">{clinic.address} · {clinic.phone}</p>}
      </div>
    </div>
  );
}
