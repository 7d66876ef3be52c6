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
      {failure === 'scheduler-unavailable' && (
        <>
          <p class="lead">{t('request.offer')}</p>
          <button type="button" class="button button--primary button--wide" onClick={() => send({ type: 'LEAVE_REQUEST' })}>
            {t('request.leave')}
          </button>
        </>
      )}
      <button type="button" class={`button ${failure === 'scheduler-unavailable' ? 'button--secondary' : 'button--primary'} button--wide`} onClick={() => send({ type: 'RETRY' })}>
        {t('failed.restart')}
      </button>
      <CallVolunteerButton screen="failed" />
    </ScreenFrame>
  );
}
