import { ScreenFrame } from '../components/screen-frame';
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from './screen-props';

export function WaitingListScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { specialty, patient, kiosk } = view.context;
  return (
    <ScreenFrame name="waitingList" title={t('waitingList.title')} clinicName={kiosk?.clinic.name} patient={patient}>
      <p class="feedback feedback--ok feedback--large" role="status">
        {t('waitingList.text', { specialty: specialty?.name ?? '' })}
      </p>
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
