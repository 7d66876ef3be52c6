// The left half of the identify screen, whatever the kind of number: what to
// type, the number as typed so far, live feedback and «Продолжить». Once the
// number is typed in full, or at a dead end (not found, an unreadable card),
// the feedback takes the hint's place (so nothing is pushed off a landscape
// screen in large text), and the screen offers «Позвать волонтёра» in its
// footer at a dead end (identifyFooter). After «не найден» the main button is
// «Исправить номер» (submitAction): the same number is not sent again as it is.

import type { TFunction } from 'i18next';
import type { ComponentChildren } from 'preact';
import { sameAsRejected } from '../journey/identification-machine';
import type { JourneyView } from '../journey/journey-view';
import type { JourneyEvent } from '../journey/types';
import { isTraining } from '../journey/selectors';
import { CallVolunteerButton } from './call-volunteer-button';

/** «Позвать волонтёра» between Back and Home while the identify screen is at a dead end: always in view, whatever the text size. */
export const identifyFooter = (deadEnd: boolean) => (deadEnd ? <CallVolunteerButton screen="identify" nav /> : undefined);

export interface Feedback {
  readonly text: string;
  readonly tone: 'info' | 'ok' | 'error';
}

/** What outranks the typing feedback: "not found", a card or scan that failed, "checking…". Null while typing. */
export function identifyNotice(t: TFunction, view: JourneyView): Feedback | null {
  const { notice, identityProblem, policyDigits, askBirthDate } = view.context;
  // In training only the sandbox's demo patients exist: a real patient's number is "not found" there, and must hear why.
  if (notice === 'patient-not-found') {
    const text = isTraining(view.context.kiosk) ? t('training.notInSandbox') : t(askBirthDate ? 'identify.notFoundWithBirthDate' : 'identify.notFound');
    return { text, tone: 'error' };
  }
  // «Исправить номер» was tapped and the number is still the one not found (with a birth date to come, it may be the date that was wrong).
  if (!askBirthDate && sameAsRejected(view.context)) return { text: t('identify.fixHint'), tone: 'info' };
  if (identityProblem && policyDigits.length === 0) {
    return { text: t(`identityErrors.${identityProblem.reason}`, { defaultValue: identityProblem.message }), tone: 'error' };
  }
  if (view.state === 'session.identifying') return { text: t('identify.checking'), tone: 'info' };
  return null;
}

/** The main button: «Продолжить», or «Исправить номер» while «не найден» is shown. */
export function submitAction(t: TFunction, view: JourneyView, send: (event: JourneyEvent) => void, ready: boolean) {
  const notFound = view.context.notice === 'patient-not-found';
  const checking = view.state === 'session.identifying';
  return {
    canSubmit: notFound || (ready && !checking && (view.context.askBirthDate || !sameAsRejected(view.context))),
    submitLabel: notFound ? t('identify.fix') : t('identify.submit'),
    onSubmit: () => send({ type: notFound ? 'EDIT_NUMBER' : 'SUBMIT' }),
  };
}

interface PolicyEntryProps {
  /** What to type and where to find it; null once it has done its job. */
  readonly hint: string | null;
  /** Shown instead of the hint while there is one: the card/QR hint (device-hint.tsx), which ends «…или введите 16 цифр». */
  readonly hintBox?: ComponentChildren;
  readonly display: ComponentChildren;
  readonly displayClass?: string;
  /** What the display holds, for a screen reader (the birth date: «Дата рождения»). */
  readonly label?: string;
  readonly feedback: Feedback;
  readonly canSubmit: boolean;
  readonly submitLabel: string;
  readonly onSubmit: () => void;
}

export function PolicyEntry({ hint, hintBox, display, displayClass = '', label, feedback, canSubmit, submitLabel, onSubmit }: PolicyEntryProps) {
  return (
    <div class="identify__entry">
      {hint !== null && (hintBox || <p class="lead">{hint}</p>)}
      <output class={`policy-display ${displayClass}`} data-testid="policy-display" aria-live="polite" aria-label={label}>
        {display}
      </output>
      <p class={`feedback feedback--${feedback.tone}`} role={feedback.tone === 'error' ? 'alert' : 'status'}>
        {feedback.text}
      </p>
      <button type="button" class="button button--primary button--wide" disabled={!canSubmit} data-show-me="continue" onClick={onSubmit}>
        {submitLabel}
      </button>
    </div>
  );
}
