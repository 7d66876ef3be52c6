// The first part of a visit: who is the patient? A number typed on the keypad
// (an ЕНП, a temporary certificate or an old-style policy), a scanned code, a
// card read by the bridge, or a demo card in training mode; where the scheduler
// matches on it, the birth date typed after a typed or wedge-scanned number
// (a card or the paper policy's barcode carries its own); then «Это вы?».
// «Нет, это не я» and a number not found come back to the keypad, never to the start.
// Ends with the bridge's session and the patient's masked data, or with "left".
import { and, assertEvent, assign, enqueueActions, fromPromise, sendParent, setup, spawnChild } from 'xstate';
import type { ApiResult, PatientView, SessionStarted } from '../../device-bridge/contract';
import { typedPolicyLength, typedPolicyMaxLength, type TypedPolicyKind } from '../../device-bridge/domain/oms-policy';
import { errorIs, failedOutput, isOk, unwired, valueOf } from './bridge-answers';
import { isScannableEnp, policyComplete } from './selectors';
import type { Channel, EventOf, IdentityProblem, Notice, PartOutput, SessionEndReason } from './types';

/** The events this part takes (the shell passes these on while it runs). */
export const IDENTIFICATION_EVENTS = [
  'DIGIT', 'LETTER', 'SPACE', 'PICK_POLICY_KIND', 'ERASE', 'CLEAR', 'SUBMIT', 'DEMO_CARD',
  'IDENTIFIED', 'IDENTITY_ERROR', 'SCANNED', 'CONFIRM_IDENTITY', 'REJECT_IDENTITY', 'BACK', 'EDIT_NUMBER', 'BIRTH_DATE',
] as const;
type IdentificationEvent = EventOf<(typeof IDENTIFICATION_EVENTS)[number]>;

/** What began the visit: «Начать», a card, a scanned code, or a card or code that could not be read. */
export type Arrival = EventOf<'START' | 'IDENTIFIED' | 'SCANNED' | 'IDENTITY_ERROR'>;

export interface IdentificationContext {
  readonly training: boolean;
  /** What was typed so far: digits, or for an old-style policy letters, digits and single spaces («ЯБ 5721436»). */
  readonly policyDigits: string;
  /** The kind of number the patient said they have: the 16-digit ЕНП unless they chose another on the identify screen. */
  readonly policyKind: TypedPolicyKind;
  readonly channel: Channel;
  readonly identityProblem: IdentityProblem | null;
  readonly notice: Notice | null;
  readonly sessionId: string | null;
  readonly patient: PatientView | null;
  /** The scheduler matches on the birth date (kiosk info `identification.needsBirthDate`): a typed or wedge-scanned number is followed by it. */
  readonly askBirthDate: boolean;
  /** The birth date as typed, ДДММГГГГ without the dots (0–8 digits); gone with this part of the visit. */
  readonly birthDigits: string;
  /**
   * The typed birth date as the birth-date screen checked it (YYYY-MM-DD): the screen holds the
   * checker (device-bridge/domain/birth-date.ts), so it stays out of the first bundle.
   */
  readonly birthDate: string | null;
  /** What was last answered «не найден» (the number, and the birth date after it): sent again unchanged, it would only be refused again. */
  readonly rejected: string | null;
}

export const NOBODY_YET: IdentificationContext = {
  training: false, policyDigits: '', policyKind: 'enp', channel: 'keypad', identityProblem: null, notice: null, sessionId: null, patient: null,
  askBirthDate: false, birthDigits: '', birthDate: null, rejected: null,
};

const BAD_BARCODE: IdentityProblem = { reason: 'bad-barcode', message: 'Код не распознан. Поднесите полис ещё раз или введите номер.' };

function arrive(arrival: Arrival): Partial<IdentificationContext> {
  switch (arrival.type) {
    case 'IDENTIFIED':
      return { sessionId: arrival.session.sessionId, patient: arrival.session.patient };
    case 'IDENTITY_ERROR':
      return { identityProblem: arrival.problem };
    case 'SCANNED':
      return isScannableEnp(arrival.policyNumber) ? { policyDigits: arrival.policyNumber, channel: 'barcode' } : { identityProblem: BAD_BARCODE };
    case 'START':
      return {};
  }
}

const typed = (context: IdentificationContext, more: string) => ({ policyDigits: context.policyDigits + more, notice: null });
/** What the bridge is asked with: the number, and the birth date where one is asked for. */
export const lookupKey = (context: Pick<IdentificationContext, 'policyDigits' | 'birthDigits' | 'askBirthDate'>): string =>
  context.askBirthDate ? `${context.policyDigits.trim()}|${context.birthDigits}` : context.policyDigits.trim();
/** The typed number (and birth date) is what was just answered «не найден». */
export const sameAsRejected = (context: Pick<IdentificationContext, 'policyDigits' | 'birthDigits' | 'askBirthDate' | 'rejected'>): boolean =>
  context.rejected !== null && lookupKey(context) === context.rejected;
const roomFor = (context: IdentificationContext) => typedPolicyLength(context.policyDigits) < typedPolicyMaxLength(context.policyKind);

export const identificationMachine = setup({
  types: {
    context: {} as IdentificationContext,
    events: {} as IdentificationEvent,
    input: {} as { training: boolean; arrival: Arrival; askBirthDate?: boolean },
    output: {} as PartOutput,
  },
  actors: {
    startSession: fromPromise<ApiResult<SessionStarted>, { policyNumber: string; policyKind: TypedPolicyKind; channel: Channel; birthDate?: string }>(
      unwired('startSession'),
    ),
    endSession: fromPromise<void, { sessionId: string | null; reason: SessionEndReason }>(unwired('endSession')),
    insertDemoCard: fromPromise<unknown, { patient: number }>(unwired('insertDemoCard')),
  },
  guards: {
    cardRead: ({ context }) => context.patient !== null,
    codeScanned: ({ context }) => context.channel === 'barcode',
    scannedValid: ({ event }) => (assertEvent(event, 'SCANNED'), isScannableEnp(event.policyNumber)),
    digitFits: ({ context, event }) => (assertEvent(event, 'DIGIT'), /^\d$/.test(event.digit) && roomFor(context)),
    letterFits: ({ context, event }) => (assertEvent(event, 'LETTER'), context.policyKind === 'old' && /^[А-ЯЁ]$/.test(event.letter) && roomFor(context)),
    // One space between groups, never leading or doubled: the number reads as printed on the policy.
    spaceFits: ({ context }) => context.policyKind === 'old' && /\S$/.test(context.policyDigits) && roomFor(context),
    otherKind: ({ context, event }) => (assertEvent(event, 'PICK_POLICY_KIND'), event.kind !== context.policyKind),
    policyComplete: ({ context }) => policyComplete(context.policyKind, context.policyDigits),
    askBirthDate: ({ context }) => context.askBirthDate,
    // Sent again unchanged, a number (or number and birth date) answered «не найден» would only be refused again.
    newLookup: ({ context }) => !sameAsRejected(context),
    // The screen's keypad also stops at a digit that makes the date impossible (it says why).
    birthDigitFits: ({ context, event }) => (assertEvent(event, 'DIGIT'), /^\d$/.test(event.digit) && context.birthDigits.length < 8),
    // The date the screen checked is the one typed, and not the pair just answered «не найден».
    birthDateChecked: ({ context, event }) => {
      assertEvent(event, 'BIRTH_DATE');
      const [year, month, day] = event.date.split('-');
      return /^\d{4}-\d{2}-\d{2}$/.test(event.date) && `${day}${month}${year}` === context.birthDigits && !sameAsRejected(context);
    },
    notFound: ({ context }) => context.notice === 'patient-not-found',
    training: ({ context }) => context.training,
  },
  actions: {
    addDigit: assign(({ context, event }) => (assertEvent(event, 'DIGIT'), typed(context, event.digit))),
    addLetter: assign(({ context, event }) => (assertEvent(event, 'LETTER'), typed(context, event.letter))),
    addSpace: assign(({ context }) => typed(context, ' ')),
    pickKind: assign(({ event }) => (assertEvent(event, 'PICK_POLICY_KIND'), { policyKind: event.kind, policyDigits: '', notice: null, identityProblem: null })),
    erase: assign(({ context }) => ({ policyDigits: context.policyDigits.slice(0, -1), notice: null })),
    clear: assign({ policyDigits: '', notice: null }),
    acceptScan: assign(({ event }) => {
      assertEvent(event, 'SCANNED');
      return { policyDigits: event.policyNumber, policyKind: 'enp' as const, channel: 'barcode' as const, identityProblem: null, notice: null };
    }),
    rejectScan: assign({ identityProblem: BAD_BARCODE }),
    acceptCard: assign(({ event }) => {
      assertEvent(event, 'IDENTIFIED');
      return { sessionId: event.session.sessionId, patient: event.session.patient, policyDigits: '', identityProblem: null, notice: null };
    }),
    noteProblem: assign(({ event }) => (assertEvent(event, 'IDENTITY_ERROR'), { identityProblem: event.problem })),
    addBirthDigit: assign(({ context, event }) => (assertEvent(event, 'DIGIT'), { birthDigits: context.birthDigits + event.digit })),
    eraseBirthDigit: assign(({ context }) => ({ birthDigits: context.birthDigits.slice(0, -1) })),
    clearBirthDigits: assign({ birthDigits: '' }),
    // «Нет, это не я»: the bridge's session ends now, the shell forgets the patient, and the keypad starts empty.
    forgetPatient: enqueueActions(({ context, enqueue }) => {
      enqueue.spawnChild('endSession', { input: { sessionId: context.sessionId, reason: 'home' } });
      enqueue.sendParent({ type: 'PATIENT_FORGOTTEN' });
      enqueue.assign({ sessionId: null, patient: null, policyDigits: '', birthDigits: '', birthDate: null, channel: 'keypad', notice: null, identityProblem: null, rejected: null });
    }),
    // The bridge's `identified` event moves on, exactly as for a card in the reader.
    insertDemoCard: spawnChild('insertDemoCard', { input: ({ event }) => (assertEvent(event, 'DEMO_CARD'), { patient: event.patient }) }),
    tellShell: sendParent(({ context }) => ({ type: 'PATIENT_KNOWN', session: { sessionId: context.sessionId ?? '', patient: context.patient! } })),
    // A card read once the patient is known must not take over this visit: the bridge's new session is ended at once.
    endOtherSession: spawnChild('endSession', {
      input: ({ event }) => (assertEvent(event, 'IDENTIFIED'), { sessionId: event.session.sessionId, reason: 'home' as const }),
    }),
  },
}).createMachine({
  id: 'identification',
  context: ({ input }) => ({ ...NOBODY_YET, training: input.training, askBirthDate: input.askBirthDate === true, ...arrive(input.arrival) }),
  on: { IDENTIFIED: { actions: 'endOtherSession' } },
  initial: 'arriving',
  states: {
    arriving: {
      always: [
        { guard: 'cardRead', target: 'confirmIdentity' },
        { guard: and(['codeScanned', 'askBirthDate']), target: 'birthDate' },
        { guard: 'codeScanned', target: 'identifying' },
        { target: 'identify' },
      ],
    },
    identify: {
      on: {
        DIGIT: { guard: 'digitFits', actions: 'addDigit' },
        LETTER: { guard: 'letterFits', actions: 'addLetter' },
        SPACE: { guard: 'spaceFits', actions: 'addSpace' },
        PICK_POLICY_KIND: { guard: 'otherKind', actions: 'pickKind' },
        ERASE: { actions: 'erase' },
        CLEAR: { actions: 'clear' },
        SUBMIT: [
          { guard: and(['policyComplete', 'askBirthDate']), target: 'birthDate', actions: assign({ identityProblem: null }) },
          { guard: and(['policyComplete', 'newLookup']), target: 'identifying', actions: assign({ identityProblem: null }) },
        ],
        // «Исправить номер» after «не найден»: the same number, on the keypad, to be corrected (not sent again as it is).
        EDIT_NUMBER: { guard: 'notFound', actions: assign({ notice: null }) },
        DEMO_CARD: { guard: 'training', actions: 'insertDemoCard' },
        IDENTIFIED: { target: 'confirmIdentity', actions: 'acceptCard' },
        IDENTITY_ERROR: { actions: 'noteProblem' },
        SCANNED: [
          { guard: and(['scannedValid', 'askBirthDate']), target: 'birthDate', actions: 'acceptScan' },
          { guard: 'scannedValid', target: 'identifying', actions: 'acceptScan' },
          { actions: 'rejectScan' },
        ],
        BACK: 'left',
      },
    },
    /** ДД.ММ.ГГГГ on the same keypad, checked digit by digit; «Назад» returns to the number as typed. */
    birthDate: {
      on: {
        DIGIT: { guard: 'birthDigitFits', actions: 'addBirthDigit' },
        ERASE: { actions: 'eraseBirthDigit' },
        CLEAR: { actions: 'clearBirthDigits' },
        BIRTH_DATE: { guard: 'birthDateChecked', target: 'identifying', actions: assign(({ event }) => ({ birthDate: event.date })) },
        IDENTIFIED: { target: 'confirmIdentity', actions: 'acceptCard' },
        BACK: 'identify',
      },
    },
    identifying: {
      invoke: {
        src: 'startSession',
        input: ({ context }) => {
          const birthDate = context.askBirthDate && context.birthDate !== null ? { birthDate: context.birthDate } : {};
          return { policyNumber: context.policyDigits.trim(), policyKind: context.policyKind, channel: context.channel, ...birthDate };
        },
        onDone: [
          {
            guard: isOk,
            target: 'confirmIdentity',
            // The number has done its job: it leaves the UI's memory now, not at the end of the visit.
            actions: assign(({ event }) => {
              const started = valueOf(event.output);
              return { sessionId: started.sessionId, patient: started.patient, policyDigits: '' };
            }),
          },
          {
            guard: errorIs('patient-not-found'),
            target: 'identify',
            actions: assign(({ context }) => ({ notice: 'patient-not-found' as const, rejected: lookupKey(context), channel: 'keypad' as const })),
          },
          'failed',
        ],
        onError: 'failed',
      },
    },
    /** «Иванова Т. А., 1979 г. р.»: the patient confirms it is them before anything is booked. */
    confirmIdentity: {
      entry: 'tellShell',
      on: { CONFIRM_IDENTITY: 'identified', REJECT_IDENTITY: { target: 'identify', actions: 'forgetPatient' }, BACK: 'left' },
    },
    identified: { type: 'final', output: { kind: 'identified' } },
    left: { type: 'final', output: { kind: 'left' } },
    // The scheduler could not check the number: it rides along, for a request left now («Оставить заявку»).
    failed: {
      type: 'final',
      output: ({ context, event }) => {
        const failed = failedOutput({ event });
        const number = context.policyDigits.trim();
        return failed.kind === 'failed' && failed.failure === 'scheduler-unavailable' && number ? { ...failed, policy: { number, kind: context.policyKind } } : failed;
      },
    },
  },
  output: ({ event }) => event.output as PartOutput,
});
