import { useEffect, useState } from 'preact/hooks';
import type { Booked } from '../../device-bridge/contract';
import { AppointmentSummary } from '../components/appointment-summary';
import { CallVolunteerButton } from '../components/call-volunteer-button';
import { ScreenFrame } from '../components/screen-frame';
import { TicketCard } from '../components/ticket-card';
import { clinicToday, relativeDay } from '../i18n/format-date';
import { useT } from '../i18n/translation-context';
import { clinicTimeZone, doneSeconds, printerDown, slotDay } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

export function DoneScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { booked, printResult, patient, kiosk, assistanceScreen, hold } = view.context;
  const printed = printResult?.outcome === 'printed';
  // The journey holds the return while a volunteer is called and counts again from the start when the dialog closes.
  const seconds = useCountdown(doneSeconds(kiosk), assistanceScreen === null && printed);
  const startsInMinutes = booked?.startsInMinutes ?? hold?.startsInMinutes ?? null;
  return (
    <ScreenFrame name="done" title={t('done.title')} clinicName={kiosk?.clinic.name} patient={patient} step="ticket">
      {printed && <p class="feedback feedback--ok feedback--large" role="status">{t('done.takeTicket')}</p>}
      <div class={printed ? 'done' : 'done done--with-ticket'}>
        {!printed && (
          <div class="done__ticket">
            <p class="feedback feedback--warning feedback--large" role="alert">{t('done.notPrinted')}</p>
            {booked && (
              <p class="lead lead--strong" data-testid="ticket-not-required">
                {notRequiredText(t, booked, clinicToday(clinicTimeZone(kiosk)))}
              </p>
            )}
            {booked && <TicketCard ticket={booked.ticket} />}
            {/* The ticket did not print: a person can print it at the desk or take the patient there. */}
            <CallVolunteerButton screen="done" />
          </div>
        )}
        <div class="done__side">
          {booked && <AppointmentSummary slot={booked.slot} startsInMinutes={startsInMinutes} />}
          {printed ? (
            <DoneChoices send={send} primary="finish" />
          ) : (
            <NotPrintedChoices view={view} send={send} />
          )}
          {printed && <p class="hint">{t('done.autoReturn', { seconds })}</p>}
        </div>
      </div>
    </ScreenFrame>
  );
}

/** «Талон не обязателен: приходите в кабинет 310 к 08:00» (with the day when it is not today). */
function notRequiredText(t: ReturnType<typeof useT>, booked: Booked, today: string): string {
  const day = slotDay(booked.slot);
  const facts = { room: booked.slot.doctor.room, time: booked.slot.start.slice(11, 16) };
  return day === today ? t('done.notRequiredToday', facts) : t('done.notRequiredOnDay', { ...facts, day: relativeDay(t, day, today) });
}

/**
 * The ticket did not print: «Напечатать ещё раз» tries again (the printer's state says whether that can work now),
 * and the patient is never hurried away: no countdown, only the idle question after a silence.
 */
function NotPrintedChoices({ view, send }: ScreenProps) {
  const t = useT();
  const printing = view.state === 'session.printingAgain';
  const down = printerDown(view.context.printerStatus);
  return (
    <>
      <p class={down ? 'feedback feedback--info' : 'feedback feedback--ok'} role="status" data-testid="printer-state">
        {down ? t('done.printerStillDown') : t('done.printerBack')}
      </p>
      <button type="button" class="button button--primary button--wide" disabled={printing} onClick={() => send({ type: 'PRINT_AGAIN' })}>
        {printing ? t('printing.progress') : t('done.printAgain')}
      </button>
      <DoneChoices send={send} primary={null} disabled={printing} />
    </>
  );
}

function DoneChoices({ send, primary, disabled = false }: Pick<ScreenProps, 'send'> & { primary: 'finish' | null; disabled?: boolean }) {
  const t = useT();
  return (
    <div class="choice-pair">
      <button
        type="button"
        class={primary === 'finish' ? 'button button--primary' : 'button button--secondary'}
        data-show-me="done"
        disabled={disabled}
        onClick={() => send({ type: 'FINISH' })}
      >
        {t('done.finish')}
      </button>
      <button type="button" class="button button--secondary" disabled={disabled} onClick={() => send({ type: 'BOOK_ANOTHER' })}>
        {t('done.bookAnother')}
      </button>
    </div>
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
