import { useEffect, useState } from 'preact/hooks';
import { AppointmentSummary } from '../components/appointment-summary';
import { CallVolunteerButton } from '../components/call-volunteer-button';
import { ScreenFrame } from '../components/screen-frame';
import { TicketCard } from '../components/ticket-card';
import { useT } from '../i18n/translation-context';
import { doneSeconds } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

export function DoneScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { booked, printResult, patient, kiosk, assistanceScreen } = view.context;
  const printed = printResult?.outcome === 'printed';
  // The journey holds the return while a volunteer is called and counts again from the start when the dialog closes.
  const seconds = useCountdown(doneSeconds(kiosk), assistanceScreen === null);
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
        {/* Speech mode reads the booking number too, printed or not (accessibility/screen-reading.ts). */}
        <div class="done__side" data-speak={booked ? `${t('done.bookingNumber')}: ${booked.ticket.bookingNumber}` : undefined}>
          {booked && <AppointmentSummary slot={booked.slot} />}
          <div class="choice-pair">
            <button type="button" class="button button--primary" data-show-me="done" onClick={() => send({ type: 'FINISH' })}>
              {t('done.finish')}
            </button>
            <button type="button" class="button button--secondary" onClick={() => send({ type: 'BOOK_ANOTHER' })}>
              {t('done.bookAnother')}
            </button>
          </div>
          {/* The ticket did not print: a person can print it at the desk or take the patient there. */}
          {!printed && <CallVolunteerButton screen="done" />}
          <p class="hint">{t('done.autoReturn', { seconds })}</p>
        </div>
      </div>
    </ScreenFrame>
  );
}

function useCountdown(from: number, running: boolean): number {
  const [left, setLeft] = useState(from);
  useEffect(() => {
    setLeft(from);
    if (!running) return;
    const timer = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return left;
}
