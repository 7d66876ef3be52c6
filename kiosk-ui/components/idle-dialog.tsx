// "Нужно больше времени?": shown after a minute of silence, counts down before
// the session is reset, so a slow reader is asked before being thrown out.
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/translation-context';
import { IDLE_WARNING_SECONDS } from '../journey/selectors';
import { useJourneyActor } from '../journey/actor-context';
import { at, journeyView } from '../journey/journey-view';

export function IdleDialog() {
  const t = useT();
  const actor = useJourneyActor();
  const [left, setLeft] = useState(IDLE_WARNING_SECONDS);
  // On the done screen (a ticket that did not print stays there) the booking is made: nothing "stops", the screen only returns.
  const booked = at(journeyView(actor), 'session.done');
  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div class="overlay">
      <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text">
        <h2 id="idle-title" class="dialog__title">{t('idle.title')}</h2>
        <p id="idle-text" class="dialog__text">{t(booked ? 'idle.doneCountdown' : 'idle.countdown', { count: left })}</p>
        <div class="dialog__actions">
          <button type="button" class="button button--primary" onClick={() => actor.send({ type: 'STILL_HERE' })} autoFocus>
            {t('idle.more')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => actor.send({ type: 'HOME' })}>
            {t('idle.end')}
          </button>
        </div>
      </div>
    </div>
  );
}
