// «Оставить заявку» (issue 15): when there is nothing to book or the schedule
// is down, the patient leaves a request the registry answers by phone:
// specialty (unless already chosen) → claim → mobile number on the keypad
// (+7 and 10 digits, the first a 9, checked as typed) → sent → slip. The bridge
// keeps it on disk before it answers (device-bridge/outbox/); a kiosk whose
// outbox cannot be written says so and sends the patient to the registry, and
// never says «принято». The shell (journey-machine.ts) invokes it from the
// failed and no-slots screens; the phone number lives only in this machine.
import { assertEvent, assign, fromPromise, setup } from 'xstate';
import type { OutboxOptions, RequestAccepted, RequestSpecialty, WaitingListClaim } from '../../device-bridge/contract';
import type { Result } from '../../device-bridge/contract/result';
import type { TypedPolicyKind } from '../../device-bridge/domain/oms-policy';
import { PHONE_DIGITS, phoneState } from '../../device-bridge/domain/phone';
import { unwired } from './bridge-answers';
import type { EventOf, Language, PartOutput } from './types';

export const REQUEST_EVENTS = [
  'PICK_REQUEST_SPECIALTY', 'PICK_CLAIM', 'PHONE_DIGIT', 'PHONE_ERASE', 'PHONE_CLEAR', 'SEND_REQUEST', 'BACK', 'FINISH',
] as const;
type RequestEvent = EventOf<(typeof REQUEST_EVENTS)[number]>;

/** Who the request is for: the bridge's session, or (the scheduler could not identify anyone) the number typed or scanned. */
export interface RequestInput {
  readonly sessionId: string | null;
  readonly policy: { readonly number: string; readonly kind: TypedPolicyKind } | null;
  readonly specialty: RequestSpecialty | null;
  readonly doctorId: string | null;
  readonly language: Language;
}

/** What the phone keypad says under the number, as the patient types. */
export type PhoneHint = 'start' | 'not-mobile' | 'digits-left' | 'too-short' | 'complete';

export interface RequestForm {
  readonly specialties: readonly RequestSpecialty[];
  readonly specialty: RequestSpecialty | null;
  readonly claim: WaitingListClaim | null;
  /** The digits after +7. */
  readonly phone: string;
  readonly phoneHint: PhoneHint;
  readonly accepted: RequestAccepted | null;
}

export interface RequestContext {
  readonly input: RequestInput;
  /** One per request: a retried send keeps one request, and the scheduler dedupes on it. */
  readonly clientKey: string;
  /** Sends retried after an answer that never came (same key: still one request). */
  readonly sendAttempts: number;
  readonly requestForm: RequestForm;
}

export const NO_REQUEST_FORM: RequestForm = { specialties: [], specialty: null, claim: null, phone: '', phoneHint: 'start', accepted: null };

export interface LeaveRequestCall {
  readonly sessionId: string | null;
  readonly clientKey: string;
  readonly policy: RequestInput['policy'];
  readonly specialtyCode: string;
  readonly doctorId: string | null;
  readonly claim: WaitingListClaim;
  readonly phone: string;
  readonly language: Language;
}

type Answer<T> = Result<T, { readonly kind: string }>;
const form = (context: RequestContext, change: Partial<RequestForm>) => ({ requestForm: { ...context.requestForm, ...change } });

export const requestMachine = setup({
  types: {
    context: {} as RequestContext,
    events: {} as RequestEvent,
    input: {} as RequestInput,
    output: {} as PartOutput,
  },
  actors: {
    outboxOptions: fromPromise<Answer<OutboxOptions>, void>(unwired('outboxOptions')),
    leaveRequest: fromPromise<Answer<RequestAccepted>, LeaveRequestCall>(unwired('leaveRequest')),
  },
  guards: {
    specialtyGiven: ({ context }) => context.input.specialty !== null,
    phoneComplete: ({ context }) => phoneState(context.requestForm.phone).state === 'complete',
  },
  actions: {
    typeDigit: assign(({ context, event }) => {
      assertEvent(event, 'PHONE_DIGIT');
      const { phone } = context.requestForm;
      if (!/^\d$/.test(event.digit) || phone.length >= PHONE_DIGITS) return {};
      // A first digit other than 9 is not taken: the patient sees why at once, not after ten digits.
      if (phone === '' && event.digit !== '9') return form(context, { phoneHint: 'not-mobile' });
      const next = phone + event.digit;
      return form(context, { phone: next, phoneHint: next.length === PHONE_DIGITS ? 'complete' : 'digits-left' });
    }),
    erase: assign(({ context }) => {
      const phone = context.requestForm.phone.slice(0, -1);
      return form(context, { phone, phoneHint: phone ? 'digits-left' : 'start' });
    }),
  },
}).createMachine({
  id: 'request',
  context: ({ input }) => ({ input, clientKey: crypto.randomUUID(), sendAttempts: 0, requestForm: { ...NO_REQUEST_FORM, specialty: input.specialty } }),
  initial: 'requestLoading',
  states: {
    requestLoading: {
      invoke: {
        src: 'outboxOptions',
        onDone: [
          {
            guard: ({ event }) => event.output.ok && event.output.value.accepting,
            target: 'choosing',
            actions: assign(({ context, event }) => form(context, { specialties: event.output.ok ? event.output.value.specialties : [] })),
          },
          'requestUnavailable',
        ],
        onError: 'requestUnavailable',
      },
    },
    choosing: { always: [{ guard: 'specialtyGiven', target: 'requestClaim' }, { target: 'requestSpecialty' }] },
    requestSpecialty: {
      on: {
        PICK_REQUEST_SPECIALTY: {
          guard: ({ context, event }) => context.requestForm.specialties.some((s) => s.code === event.code),
          target: 'requestClaim',
          actions: assign(({ context, event }) => form(context, { specialty: context.requestForm.specialties.find((s) => s.code === event.code) ?? null })),
        },
        BACK: 'left',
      },
    },
    requestClaim: {
      on: {
        PICK_CLAIM: { target: 'requestPhone', actions: assign(({ context, event }) => form(context, { claim: event.claim })) },
        BACK: [{ guard: 'specialtyGiven', target: 'left' }, { target: 'requestSpecialty' }],
      },
    },
    requestPhone: {
      on: {
        PHONE_DIGIT: { actions: 'typeDigit' },
        PHONE_ERASE: { actions: 'erase' },
        PHONE_CLEAR: { actions: assign(({ context }) => form(context, { phone: '', phoneHint: 'start' })) },
        SEND_REQUEST: [
          { guard: 'phoneComplete', target: 'requestSending' },
          { actions: assign(({ context }) => form(context, { phoneHint: 'too-short' })) },
        ],
        BACK: 'requestClaim',
      },
    },
    requestSending: {
      invoke: {
        src: 'leaveRequest',
        input: ({ context }) => ({
          sessionId: context.input.sessionId,
          clientKey: context.clientKey,
          policy: context.input.policy,
          specialtyCode: context.requestForm.specialty?.code ?? '',
          doctorId: context.input.doctorId,
          claim: context.requestForm.claim ?? 'no-slots',
          phone: context.requestForm.phone,
          language: context.input.language,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'requestAccepted',
            // The number has done its job: it leaves the screen's memory now.
            actions: assign(({ context, event }) => form(context, { accepted: event.output.ok ? event.output.value : null, phone: '' })),
          },
          // The answer was lost (a timeout, the bridge restarting): the same key again cannot make a second request.
          {
            guard: ({ context, event }) => !event.output.ok && event.output.error.kind === 'unavailable' && context.sendAttempts < 2,
            target: 'requestSending',
            reenter: true,
            actions: assign(({ context }) => ({ sendAttempts: context.sendAttempts + 1 })),
          },
          'requestUnavailable',
        ],
        onError: 'requestUnavailable',
      },
    },
    /** «Заявка принята»: on disk in the bridge; the slip printed or, if not, the reference on screen. */
    requestAccepted: { on: { FINISH: 'finished' } },
    /** Nothing was kept: the patient is told plainly to call the registry. */
    requestUnavailable: { on: { FINISH: 'finished', BACK: 'left' } },
    finished: { type: 'final', output: { kind: 'finished' } },
    left: { type: 'final', output: { kind: 'left' } },
  },
  output: ({ event }) => (event as unknown as { output: PartOutput }).output,
});
