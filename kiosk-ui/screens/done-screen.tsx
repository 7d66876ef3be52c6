import { useEffect, useState } from 'preact/hooks';
import { AppointmentSummary } from '../components/appointment-summary';
import { ScreenFrame } from '../components/screen-frame';
import { TicketCard } from '../components/ticket-card';
import { useT } from '../i18n/translation-context';
import type { ScreenProps } from './screen-props';

export function DoneScreen({ snapshot, send }: ScreenProps) {
  const t = useT();
  const { booked, printResult, patient, kiosk } = snapshot.context;
  const printed = printResult?.outcome === 'printed';
  const seconds = useCountdown(kiosk?.session.doneSeconds ?? 15);
  return (
    <ScreenFrame name="done" title={t('done.title')} clinicName={kiosk?.clinic.name} patient={patient} step="ticket">
      {printed && <p class="feedback feedback--ok feedback--large" role="status">{t('done.takeTicket')}</p>}
      <div class={printed ? 'done' : 'done done--with-ticket'}>
        {!printed && (
          <div class="done__ticket">
            <p class="feedback feedback--warning feedback--large" role="alert">{t('done.notPrinted')}</p>
            <p class="lead">{t('done.notPrintedHint')}</p>
            {booked && <TicketCard ticket={booked.ticket} />}
          </div>
        )}
        <div class="done__side">
          {booked && <AppointmentSummary slot={booked.slot} />}
          <div class="choice-pair">
            <button type="button" class="button button--primary" onClick={() => send({ type: 'FINISH' })}>
              {t('done.finish')}
            </button>
            <button type="button" class="button button--secondary" onClick={() => send({ type: 'BOOK_ANOTHER' })}>
              {t('done.bookAnother')}
            </button>
          </div>
          <p class="hint">{t('done.autoReturn', { seconds })}</p>
        </div>
      </div>
    </ScreenFrame>
  );
}

function useCountdown(from: number): number {
  const [left, setLeft] = useState(from);
  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(timer);
  }, []);
  return left;
}
