import { useEffect, useState } from 'preact/hooks';
import { AppointmentSummary } from '../components/appointment-summary';
import { CallVolunteerButton } from '../components/call-volunteer-button';
import { BookAnotherButton, DoneChoices } from '../components/done-choices';
import { ScreenFrame } from '../components/screen-frame';
import { TicketCard } from '../components/ticket-card';
import { lazyPart } from '../components/lazy-part';
import { clinicToday } from '../i18n/format-date';
import { useT } from '../i18n/translation-context';
import { clinicTimeZone, doneSeconds } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

/** What a patient sees when the ticket did not print: loaded on first use (a rare screen), with its strings. */
const NotPrintedChoices = lazyPart(() => import('./done-not-printed').then((m) => m.NotPrintedChoices));
const NotRequired = lazyPart(() => import('./done-not-printed').then((m) => m.NotRequired));

export function DoneScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { booked, printResult, patient, kiosk, assistanceScreen, hold } = view.context;
  const printed = printResult?.outcome === 'printed';
  // The journey holds the return while a volunteer is called and counts again from the start when the dialog closes.
  const seconds = useCountdown(doneSeconds(kiosk), assistanceScreen === null && printed);
  const startsInMinutes = booked?.startsInMinutes ?? hold?.startsInMinutes ?? null;
  const printingAgain = view.state === 'session.printingAgain';
  return (
    <ScreenFrame
      name="done"
      title={t('done.title')}
      clinicName={kiosk?.clinic.name}
      patient={patient}
      step="ticket"
      // Not printed: the screen stays until the patient leaves, so «Готово» and «Позвать волонтёра» wait in the
      // bottom bar (where Home and the volunteer are on every other screen) and the body keeps the ticket and its answers.
      onHome={printed ? undefined : () => send({ type: 'FINISH' })}
      homeLabel={t('done.finish')}
      footerExtra={printed ? undefined : <CallVolunteerButton screen="done" nav />}
    >
      {printed && <p class="feedback feedback--ok feedback--large" role="status">{t('done.takeTicket')}</p>}
      <div class={printed ? 'done' : 'done done--with-ticket'}>
        {!printed && (
          <div class="done__ticket">
            {/* One block: what went wrong and why it does not matter, read together. */}
            <div class="feedback feedback--warning done__not-printed" role="alert">
              <p class="done__not-printed-title">{t('done.notPrinted')}</p>
              {booked && <NotRequired booked={booked} today={clinicToday(clinicTimeZone(kiosk))} />}
            </div>
            {booked && <TicketCard ticket={booked.ticket} />}
          </div>
        )}
        {/* Speech mode reads the booking number too, printed or not (accessibility/screen-reading.ts). */}
        <div class="done__side" data-speak={booked ? `${t('done.bookingNumber')}: ${booked.ticket.bookingNumber}` : undefined}>
          {/* Not printed: «Напечатать ещё раз» first, where a finger reaches it in either orientation. */}
          {!printed && <NotPrintedChoices view={view} send={send} />}
          {booked && <AppointmentSummary slot={booked.slot} startsInMinutes={startsInMinutes} />}
          {printed ? <DoneChoices send={send} /> : <BookAnotherButton send={send} disabled={printingAgain} wide />}
          {printed && <p class="hint">{t('done.autoReturn', { seconds })}</p>}
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
