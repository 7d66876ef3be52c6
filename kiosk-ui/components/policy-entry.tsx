// The left half of the identify screen, whatever the kind of number: what to
// type, the number as typed so far, live feedback and «Продолжить». Once the
// number is typed in full, or at a dead end (not found, an unreadable card),
// the feedback takes the hint's place (so nothing is pushed off a landscape
// screen in large text), and the screen offers «Позвать волонтёра» in its
// footer at a dead end (identifyFooter).

import type { TFunction } from 'i18next';
import type { ComponentChildren } from 'preact';
import type { JourneyView } from '../journey/journey-view';
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
  const { notice, identityProblem, policyDigits } = view.context;
  // In training only the sandbox's demo patients exist: a real patient's number is "not found" there, and must hear why.
  if (notice === 'patient-not-found') return { text: isTraining(view.context.kiosk) ? t('training.notInSandbox') : t('identify.notFound'), tone: 'error' };
  if (identityProblem && policyDigits.length === 0) {
    return { text: t(`identityErrors.${identityProblem.reason}`, { defaultValue: identityProblem.message }), tone: 'error' };
  }
  if (view.state === 'session.identifying') return { text: t('identify.checking'), tone: 'info' };
  return null;
}

interface PolicyEntryProps {
  /** What to type and where to find it; null once it has done its job. */
  readonly hint: string | null;
  readonly display: ComponentChildren;
  readonly displayClass?: string;
  readonly feedback: Feedback;
  readonly canSubmit: boolean;
  readonly submitLabel: string;
  readonly onSubmit: () => void;
}

export function PolicyEntry({ hint, display, displayClass = '', feedback, canSubmit, submitLabel, onSubmit }: PolicyEntryProps) {
  return (
    <div class="identify__entry">
      {hint !== null && <p class="lead">{hint}</p>}
      <output class={`policy-display ${displayClass}`} data-testid="policy-display" aria-live="polite">
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
