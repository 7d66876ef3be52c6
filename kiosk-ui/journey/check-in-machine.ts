// «Отметиться о приходе»: records the arrival of a patient who identified (the
// session) or scanned their own ticket's QR (its code), then shows the answer:
// arrived (with the slip), too early, too late, no appointment today, or a
// ticket that is not this clinic's or not genuine. One bridge call, no taps in
// between: the patient already chose «Отметиться о приходе». Ends with
// «Готово» / «В начало», or by itself after the done time.
import { assign, fromPromise, setup } from 'xstate';
import type { ApiError, CheckInBody, CheckInError, CheckInOutcome, Result } from '../../device-bridge/contract';
import { failedOutput, unwired } from './bridge-answers';
import type { EventOf, PartOutput } from './types';

export const CHECK_IN_EVENTS = ['FINISH'] as const;
type CheckInEvent = EventOf<(typeof CHECK_IN_EVENTS)[number]>;

export type CheckInAnswer = Result<CheckInOutcome, ApiError | CheckInError>;
/** What the check-in screen says: the outcome, or why a scanned ticket was refused. */
export type CheckInResult = CheckInOutcome | { readonly outcome: 'ticket-refused'; readonly reason: CheckInError['kind'] };

export interface CheckInContext {
  readonly checkIn: CheckInResult | null;
}

export const NO_CHECK_IN: CheckInContext = { checkIn: null };

export interface CheckInInput {
  readonly sessionId: string | null;
  readonly body: CheckInBody;
  readonly doneSeconds: number;
}

/** The screen's answer: the outcome, or a scanned ticket's refusal; null for anything else (the dead end). */
const resultOf = (answer: CheckInAnswer): CheckInResult | null =>
  answer.ok ? answer.value : answer.error.kind === 'ticket-forged' || answer.error.kind === 'ticket-other-clinic' ? { outcome: 'ticket-refused', reason: answer.error.kind } : null;

export const checkInMachine = setup({
  types: {
    context: {} as CheckInContext & { readonly input: CheckInInput },
    events: {} as CheckInEvent,
    input: {} as CheckInInput,
    output: {} as PartOutput,
  },
  actors: {
    checkIn: fromPromise<CheckInAnswer, { sessionId: string | null; body: CheckInBody }>(unwired('checkIn')),
  },
  delays: {
    doneReturn: ({ context }) => context.input.doneSeconds * 1000,
  },
}).createMachine({
  id: 'checkIn',
  context: ({ input }) => ({ ...NO_CHECK_IN, input }),
  initial: 'checkingIn',
  states: {
    checkingIn: {
      invoke: {
        src: 'checkIn',
        input: ({ context }) => ({ sessionId: context.input.sessionId, body: context.input.body }),
        onDone: [{ guard: ({ event }) => resultOf(event.output) !== null, target: 'checkedIn', actions: assign({ checkIn: ({ event }) => resultOf(event.output) }) }, 'failed'],
        onError: 'failed',
      },
    },
    checkedIn: {
      after: { doneReturn: 'finished' },
      on: { FINISH: 'finished' },
    },
    finished: { type: 'final', output: { kind: 'finished' } },
    failed: { type: 'final', output: failedOutput },
  },
  output: ({ event }) => event.output as PartOutput,
});
