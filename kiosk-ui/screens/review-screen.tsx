import { AppointmentSummary } from '../components/appointment-summary';
import { ScreenFrame } from '../components/screen-frame';
import { useT } from '../i18n/translation-context';
import { printerDown as cannotPrint } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

export function ReviewScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { hold, patient, printerStatus, kiosk } = view.context;
  const booking = view.state === 'session.booking';
  const printerDown = cannotPrint(printerStatus);
  return (
    <ScreenFrame name="review" title={t('review.title')} clinicName={kiosk?.clinic.name} patient={patient} step="review" onBack={booking ? undefined : () => send({ type: 'BACK' })} onHome={booking ? undefined : () => send({ type: 'HOME' })}>
      <div class="review">
        {hold && <AppointmentSummary slot={hold.slot} patient={patient} startsInMinutes={hold.startsInMinutes} />}
        <div class="review__actions">
          {printerDown && <p class="feedback feedback--warning" role="alert">{t('review.printerDown')}</p>}
          {/* Without paper, booking is the patient's explicit choice of a ticket on screen. */}
          <button type="button" class="button button--primary button--wide" disabled={booking} data-show-me="confirm" onClick={() => send({ type: 'CONFIRM' })}>
            {booking ? t('booking.progress') : printerDown ? t('review.confirmOnScreen') : t('review.confirm')}
          </button>
        </div>
      </div>
    </ScreenFrame>
  );
}
