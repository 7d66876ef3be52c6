// The done screen when the ticket did not print (done-screen.tsx loads it on first use): that the ticket is
// not required, where and when to come, and «Напечатать ещё раз», which says whether the printer is back.
import '../i18n/not-printed-strings';
import type { Booked } from '../../device-bridge/contract';
import { relativeDay } from '../i18n/format-date';
import { useT } from '../i18n/translation-context';
import { printerDown, slotDay } from '../journey/selectors';
import type { ScreenProps } from './screen-props';

export function NotRequired({ booked, today }: { readonly booked: Booked; readonly today: string }) {
  const t = useT();
  return (
    <p class="lead lead--strong" data-testid="ticket-not-required">
      {notRequiredText(t, booked, today)}
    </p>
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
export function NotPrintedChoices({ view, send }: ScreenProps) {
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
    </>
  );
}
