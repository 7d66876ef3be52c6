import { CallVolunteerButton } from '../components/call-volunteer-button';
import { ScreenFrame } from '../components/screen-frame';
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from './screen-props';

export function FailedScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { failure, kiosk } = view.context;
  return (
    <ScreenFrame name="failed" title={t('failed.title')} clinicName={kiosk?.clinic.name} onHome={() => send({ type: 'HOME' })}>
      <p class="feedback feedback--error feedback--large" role="alert">{t(`failed.${failure ?? 'unexpected'}`)}</p>
      <p class="lead">{t('app.help')}</p>
      <button type="button" class="button button--primary button--wide" onClick={() => send({ type: 'RETRY' })}>
        {t('failed.restart')}
      </button>
      <CallVolunteerButton screen="failed" />
    </ScreenFrame>
  );
}
