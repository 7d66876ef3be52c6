import { AppointmentSummary } from '../components/appointment-summary';
import { ScreenFrame } from '../components/screen-frame';
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from './screen-props';

export function ConfirmCancelScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { cancelTarget, patient, kiosk } = view.context;
  const cancelling = view.state === 'session.cancelling';
  return (
    <ScreenFrame name="confirmCancel" title={t('confirmCancel.title')} clinicName={kiosk?.clinic.name} patient={patient} onBack={cancelling ? undefined : () => send({ type: 'BACK' })} onHome={cancelling ? undefined : () => send({ type: 'HOME' })}>
      {cancelTarget && <AppointmentSummary slot={cancelTarget.slot} />}
      <p class="lead">{t('confirmCancel.text')}</p>
      <div class="choice-pair">
        <button type="button" class="button button--danger" disabled={cancelling} onClick={() => send({ type: 'CONFIRM_CANCEL' })}>
          {cancelling ? t('app.loading') : t('confirmCancel.yes')}
        </button>
        <button type="button" class="button button--primary" disabled={cancelling} onClick={() => send({ type: 'BACK' })}>
          {t('confirmCancel.no')}
        </button>
      </div>
    </ScreenFrame>
  );
}
