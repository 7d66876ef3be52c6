// The frame every screen shares: who is at the kiosk and where in the booking
// they are on top, the one decision in the middle, and at the bottom, within
// reach of a seated or short patient, Back and Home and the display controls
// (large text, contrast, help), always in the same place so nobody hunts for them.
import type { ComponentChildren } from 'preact';
import type { PatientView } from '../../device-bridge/contract';
import { useT } from '../i18n/translation-context';
import { DisplayControls } from './display-controls';
import { Hyphenated } from './hyphenated';

export const BOOKING_STEPS = ['specialty', 'slot', 'review', 'ticket'] as const;
export type BookingStep = (typeof BOOKING_STEPS)[number];

interface ScreenFrameProps {
  readonly name: string;
  readonly title: string;
  readonly clinicName?: string | undefined;
  readonly patient?: PatientView | null;
  readonly step?: BookingStep;
  readonly onBack?: (() => void) | undefined;
  readonly onHome?: (() => void) | undefined;
  /** The home button's words where it does something else than «В начало» (service mode: «Выйти»). */
  readonly homeLabel?: string;
  /** A screen's secondary way elsewhere (e.g. «Мои записи»), between Back and Home. */
  readonly footerExtra?: ComponentChildren;
  readonly children: ComponentChildren;
}

export function ScreenFrame({ name, title, clinicName, patient, step, onBack, onHome, homeLabel, footerExtra, children }: ScreenFrameProps) {
  const t = useT();
  const stepIndex = step ? BOOKING_STEPS.indexOf(step) : -1;
  return (
    <div class="screen" data-screen={name}>
      <header class="screen__header">
        <div class="screen__who">
          <span class="screen__clinic">{clinicName}</span>
          {patient && (
            <span class="screen__patient" data-testid="patient-greeting" data-private>
              {patient.displayName === null
                ? t('patient.policyOnly', { last4: patient.policyLast4 })
                : t('patient.greeting', { name: patient.displayName, year: patient.birthYear })}
            </span>
          )}
        </div>
        {stepIndex >= 0 && (
          <ol class="steps" aria-label={t('app.step', { current: stepIndex + 1, total: BOOKING_STEPS.length })}>
            {BOOKING_STEPS.map((s, i) => (
              <li key={s} class={i < stepIndex ? 'steps__item steps__item--done' : i === stepIndex ? 'steps__item steps__item--current' : 'steps__item'} aria-current={i === stepIndex ? 'step' : undefined}>
                <span class="steps__number">{i + 1}</span>
                <span class="steps__label">{t(`steps.${s}`)}</span>
              </li>
            ))}
          </ol>
        )}
        <h1 class="screen__title">
          <Hyphenated text={title} />
        </h1>
      </header>
      <main class="screen__body">{children}</main>
      <footer class="screen__footer">
        {(onBack || onHome) && (
          <div class="screen__nav">
            {onBack ? (
              <button type="button" class="button button--secondary button--nav" data-nav="back" onClick={onBack}>
                <span aria-hidden="true">←</span> {t('app.back')}
              </button>
            ) : footerExtra ? null : (
              // Home stays at the right edge when there is nothing on the left.
              <span />
            )}
            {footerExtra}
            {onHome && (
              <button type="button" class="button button--secondary button--nav" onClick={onHome}>
                <span aria-hidden="true">⌂</span> {homeLabel ?? t('app.home')}
              </button>
            )}
          </div>
        )}
        <DisplayControls screen={name} />
      </footer>
    </div>
  );
}
