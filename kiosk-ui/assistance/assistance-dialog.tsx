// «Помощь уже идёт»: opened by «Позвать волонтёра» over whatever screen the
// patient was on. It says where help is (the config's text, in the patient's
// language) and what to do meanwhile; when the kiosk is set to signal a call,
// a pulsing banner across the top of the screen shows volunteers from across
// the lobby which kiosk needs them, and (screen-and-sound) a chime sounds.
// Closing it returns to the same screen; an idle reset closes it with the session.
import './assistance-dialog.css';
import { useEffect } from 'preact/hooks';
import type { AssistanceInfo } from '../../device-bridge/contract';
import { useT } from '../i18n/translation-context';
import type { Language } from '../journey/types';
import { createChime } from './chime';
import '../i18n/assistance-strings';

/** The chime again while nobody has come, so a volunteer who missed the first one hears the next; then quiet. */
const CHIME_EVERY_MS = 20_000;
const CHIMES = 3;
/** «Если никто не подошёл за 3 минуты:» — then where help is: one instruction (wait here), and a fallback after it. */
const WAIT_MINUTES = 3;

export interface AssistanceDialogProps {
  /** From KioskInfo; absent when an older bridge did not send it. */
  readonly assistance: AssistanceInfo | undefined;
  readonly language: Language;
  readonly onClose: () => void;
}

export function AssistanceDialog({ assistance, language, onClose }: AssistanceDialogProps) {
  const t = useT();
  const signal = assistance?.callSignal ?? 'none';
  const where = assistance ? (language === 'en' ? (assistance.where.en ?? assistance.where.ru) : assistance.where.ru) : null;
  useChime(signal === 'screen-and-sound');
  return (
    <div class="overlay overlay--assistance">
      {signal !== 'none' && (
        <div class="assistance-signal" data-testid="assistance-signal" role="status">
          <span class="assistance-signal__mark" aria-hidden="true">!</span> {t('assistance.signal')}
        </div>
      )}
      <div class="dialog dialog--assistance" role="dialog" aria-modal="true" aria-labelledby="assistance-title" aria-describedby={signal === 'none' ? 'assistance-where' : 'assistance-wait assistance-where'}>
        <h2 id="assistance-title" class="dialog__title">
          {signal === 'none' ? t('assistance.titleWhere') : t('assistance.titleComing')}
        </h2>
        {signal === 'none' ? (
          <>
            <p id="assistance-where" class="assistance-where" data-testid="assistance-where">
              {where ?? t('assistance.whereUnknown')}
            </p>
            <p class="dialog__text">{t('assistance.meanwhileGo')}</p>
          </>
        ) : (
          <>
            {/* Wait here first; where help is comes second, as what to do if nobody came (not as a place to go now). */}
            <p id="assistance-wait" class="dialog__text">{t('assistance.meanwhileWait')}</p>
            <p class="dialog__text dialog__text--soft">{t('assistance.ifNobody', { count: WAIT_MINUTES })}</p>
            <p id="assistance-where" class="assistance-where" data-testid="assistance-where">
              {where ?? t('assistance.whereUnknown')}
            </p>
          </>
        )}
        <button type="button" class="button button--primary button--wide" onClick={onClose} autoFocus>
          {t('assistance.close')}
        </button>
      </div>
    </div>
  );
}

function useChime(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const chime = createChime();
    let played = 0;
    const ring = () => {
      chime.play();
      if (++played >= CHIMES) clearInterval(timer);
    };
    const timer = setInterval(ring, CHIME_EVERY_MS);
    ring();
    return () => {
      clearInterval(timer);
      chime.close();
    };
  }, [enabled]);
}
