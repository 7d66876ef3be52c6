import '../i18n/not-printed-strings';
import { ScreenFrame } from '../components/screen-frame';
import { specialtyName } from '../i18n/specialty-name';
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from './screen-props';

export function WaitingListScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { specialty, patient, kiosk, waitingListEntry } = view.context;
  const phone = waitingListEntry?.callPhone;
  return (
    <ScreenFrame name="waitingList" title={t('waitingList.title')} clinicName={kiosk?.clinic.name} patient={patient}>
      <p class="feedback feedback--ok feedback--large" role="status">
        {t('waitingList.text', { specialty: specialty ? specialtyName(t, specialty) : '' })}
      </p>
      {/* The number it will call, masked, so a patient with a changed phone knows to tell the registry. */}
      {typeof phone === 'string' && (
        <p class="lead lead--strong" data-testid="waiting-list-phone">
          {t('waitingList.phone', { phone })}
        </p>
      )}
      {phone === null && (
        <p class="feedback feedback--warning" role="alert" data-testid="waiting-list-phone">
          {t('waitingList.noPhone')}
        </p>
      )}
      <div class="choice-pair">
        <button type="button" class="button button--primary" onClick={() => send({ type: 'FINISH' })}>
          {t('waitingList.finish')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => send({ type: 'BOOK_ANOTHER' })}>
          {t('done.bookAnother')}
        </button>
      </div>
    </ScreenFrame>
  );
}
