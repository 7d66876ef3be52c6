import { useRef } from 'preact/hooks';
import { DisplayControls } from '../components/display-controls';
import { lazyPart } from '../components/lazy-part';
import { useT } from '../i18n/translation-context';
import { isTraining } from '../journey/selectors';
import type { Language } from '../journey/types';
import type { ScreenProps } from './screen-props';

const LANGUAGE_NAMES: Record<Language, string> = { ru: 'Русский', en: 'English' };
/** Clinic IT holds the top-left corner this long to reach service mode; a patient never does by chance. */
const SERVICE_HOLD_MS = 3000;

export function AttractScreen({ view, send }: ScreenProps) {
  const t = useT();
  const { kiosk, language } = view.context;
  const clinic = kiosk?.clinic;
  const hold = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const release = () => clearTimeout(hold.current);
  return (
    <div class="screen screen--attract" data-screen="attract">
      <div
        class="service-corner"
        data-testid="service-corner"
        aria-hidden="true"
        onPointerDown={() => {
          release();
          hold.current = setTimeout(() => send({ type: 'SERVICE_GESTURE' }), SERVICE_HOLD_MS);
        }}
        onPointerUp={release}
        onPointerLeave={release}
        onPointerCancel={release}
      />
      <div class="attract__bar">
        <div class="language-switch" role="group" aria-label={t('attract.language')}>
          {(Object.keys(LANGUAGE_NAMES) as Language[]).map((code) => (
            <button key={code} type="button" lang={code} class="control" aria-pressed={language === code} onClick={() => send({ type: 'SET_LANGUAGE', language: code })}>
              <span class="control__label">{LANGUAGE_NAMES[code]}</span>
            </button>
          ))}
        </div>
        <DisplayControls screen="attract" />
      </div>
      <div class={isTraining(kiosk) ? 'attract attract--training' : 'attract'}>
        {isTraining(kiosk) && <TrainingCard />}
        <div class="attract__clinic">{clinic?.name}</div>
        <h1 class="attract__title">{t('attract.title')}</h1>
        <p class="attract__lead">{t('attract.lead')}</p>
        <button type="button" class="button button--primary button--hero" data-show-me="start" onClick={() => send({ type: 'START' })}>
          {t('attract.start')}
        </button>
        <p class="attract__hint">{t('attract.needPolicy')}</p>
        <button type="button" class="button button--secondary attract__check-in" onClick={() => send({ type: 'START_CHECK_IN' })}>
          {t('attract.checkIn')}
          <span class="attract__memo-hint">{t('attract.checkInHint')}</span>
        </button>
        {kiosk?.memoEnabled && <MemoOffer view={view} send={send} />}
        {clinic && (
          <p class="attract__address">
            {clinic.address} · {clinic.phone}
          </p>
        )}
      </div>
    </div>
  );
}

/** Training mode's violet card: loaded only when the kiosk is in training mode (lazy-part.tsx). */
const TrainingCard = lazyPart(() => import('../components/training-card').then((m) => m.TrainingCard));

/** The notice loads with the first tap on «Распечатать памятку», while the memo prints (lazy-part.tsx). */
const MemoNotice = lazyPart(() => import('../components/memo-notice').then((m) => m.MemoNotice));

/**
 * «Распечатать памятку»: secondary to «Начать» (outlined, smaller, below it).
 * Its answer takes its place: "take it", or why not and where to get one.
 */
function MemoOffer({ view, send }: ScreenProps) {
  const t = useT();
  const result = view.context.memoResult;
  if (result) return <MemoNotice result={result} onDismiss={() => send({ type: 'DISMISS_MEMO' })} />;
  const printing = view.state === 'attract.printingMemo';
  return (
    <button
      type="button"
      class="button button--secondary attract__memo-button"
      disabled={printing}
      onClick={() => {
        MemoNotice.preload();
        send({ type: 'PRINT_MEMO' });
      }}
    >
      {printing ? t('memo.printing') : t('memo.print')}
      <span class="attract__memo-hint">{t('memo.printHint')}</span>
    </button>
  );
}
