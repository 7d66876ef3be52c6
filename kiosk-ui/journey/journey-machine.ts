// The shell of the patient's journey: the attract screen (with the памятка),
// display choices, the idle watchdog, «Позвать волонтёра», and the session's
// start and end. The parts of a visit are child machines it invokes and passes
// the patient's events to: identification, booking and "my appointments"
// (and service mode, from the attract screen). Screens read all of it through
// journey-view.ts; every bridge call is a named actor, wired in wire-bridge.ts.
import { assertEvent, assign, cancel, enqueueActions, fromPromise, raise, sendTo, setup, spawnChild } from 'xstate';
import type { KioskInfo, MemoPrintAnswer, PatientView, PrinterStatus, PrintResult } from '../../device-bridge/contract';
import { appointmentsMachine, APPOINTMENTS_EVENTS } from './appointments-machine';
import { bookingMachine, BOOKING_EVENTS } from './booking-machine';
import { checkInMachine, CHECK_IN_EVENTS } from './check-in-machine';
import { printedOrFailed, PRINT_CALL_FAILED, unwired } from './bridge-answers';
import { identificationMachine, IDENTIFICATION_EVENTS } from './identification-machine';
import { idleTimer } from './idle-timer';
import { doneSeconds, IDLE_WARNING_SECONDS, idleResetMs, idleSeconds, isTraining, needsBirthDate } from './selectors';
import { requestMachine, REQUEST_EVENTS } from './request-machine';
import { serviceMachine, SERVICE_EVENTS } from './service-machine';
import { NO_IDENTITY_DEVICES, type FailureKind, type IdentityDevices, type JourneyEvent, type JourneyEventType, type Language, type OfflinePolicy, type PartOutput, type SessionEndReason } from './types';

export type { FailureKind, IdentityProblem, JourneyEvent, Language, Notice, ServiceLoginProblem, SessionEndReason } from './types';
/** The bridge the journey needs; bridge-client.ts implements it. */
export type { JourneyBridge } from './wire-bridge';
export { ENP_LENGTH, IDLE_WARNING_SECONDS } from './selectors';

export interface ShellContext {
  readonly kiosk: KioskInfo | null;
  readonly printerStatus: PrinterStatus;
  /** Which identity devices are ready now (a card reader, a scanner): the identify screen says what works. */
  readonly identityDevices: IdentityDevices;
  /**
   * Show-me mode (components/show-me-guide.tsx): the volunteer's choice, kept across the patients of a
   * training period (not reset with a session), always off outside training mode.
   */
  readonly showMe: boolean;
  /** Display choices of the person at the screen; back to the defaults when the session ends. */
  readonly language: Language;
  readonly largeText: boolean;
  readonly highContrast: boolean;
  /** True while the "Нужно больше времени?" dialog counts down. */
  readonly idleWarning: boolean;
  /** The screen a patient called a volunteer from while the «Помощь уже идёт» dialog is open; null when it is not. */
  readonly assistanceScreen: string | null;
  /** How the памятка printed from the attract screen came out; shown there until dismissed (null: nothing to say). */
  readonly memoResult: PrintResult | null;
  /** The bridge's session and the patient's masked data, from identification to the end of the visit. */
  readonly sessionId: string | null;
  readonly patient: PatientView | null;
  readonly failure: FailureKind | null;
  /**
   * «Начать» tapped while the last session was still being closed at the bridge (the attract screen is
   * already showing): the tap is kept and starts the new session the moment the old one is gone.
   */
  readonly startQueued: boolean;
  /** Where «Оставить заявку» starts from (request-machine.ts): the number the scheduler could not check, the specialty chosen. */
  readonly requestStart: {
    readonly policy: OfflinePolicy | null;
    readonly specialty: { readonly code: string; readonly name: string } | null;
    readonly doctorId: string | null;
    readonly from: 'failed' | 'booking';
  } | null;
  /** The session began with «Отметиться о приходе»: once identified, the arrival is recorded instead of booking. */
  readonly checkInPurpose: boolean;
  /** The check-in code of a scanned ticket QR: the check-in goes by it, without identification. */
  readonly ticketCode: string | null;
}

/** Everything a session learns about the patient, and the display choices; reset on every return to attract. */
const sessionless = {
  language: 'ru', largeText: false, highContrast: false, idleWarning: false, assistanceScreen: null, memoResult: null,
  sessionId: null, patient: null, failure: null, requestStart: null, checkInPurpose: false, ticketCode: null,
} satisfies Omit<ShellContext, 'kiosk' | 'printerStatus' | 'identityDevices' | 'showMe' | 'startQueued'>;

/** The delayed close of a volunteer call made from the attract screen. */
const ASSISTANCE_TIMEOUT_ID = 'assistanceTimeout';
/** The child machines the shell passes the patient's (or IT's) events to, by invoke id. */
const PARTS = ['identification', 'booking', 'appointments', 'checkIn', 'service', 'request'] as const;
/** The events the shell does not answer itself but passes to the part that runs. */
const SHELL_OWN: readonly JourneyEventType[] = ['CALL_ASSISTANCE', 'CLOSE_ASSISTANCE', 'KIOSK_INFO', 'IDENTIFIED', 'HOME', 'ACTIVITY'];
const PATIENT_EVENTS = [...new Set([...IDENTIFICATION_EVENTS, ...BOOKING_EVENTS, ...APPOINTMENTS_EVENTS, ...CHECK_IN_EVENTS, ...REQUEST_EVENTS])].filter((type) => !SHELL_OWN.includes(type));
const passedOn = (types: readonly JourneyEventType[]) => Object.fromEntries(types.map((type) => [type, { actions: 'passOn' as const }]));

const outputIs =
  (...kinds: PartOutput['kind'][]) =>
  ({ event }: { event: { output: PartOutput } }) =>
    kinds.includes(event.output.kind);
/** The event that led to the end of a session says why it ended. */
const endReasonOf = (event: { type: string; output?: unknown }): SessionEndReason =>
  event.type === 'IDLE_TIMEOUT' ? 'idle' : (event.output as PartOutput | undefined)?.kind === 'finished' ? 'done' : 'home';

export const journeyMachine = setup({
  types: { context: {} as ShellContext, events: {} as JourneyEvent },
  actors: {
    idleTimer,
    identification: identificationMachine,
    booking: bookingMachine,
    appointments: appointmentsMachine,
    checkIn: checkInMachine,
    service: serviceMachine,
    request: requestMachine,
    callAssistance: fromPromise<void, { screen: string }>(unwired('callAssistance')),
    endSession: fromPromise<void, { sessionId: string | null; reason: SessionEndReason }>(unwired('endSession')),
    printMemo: fromPromise<MemoPrintAnswer | { ok: true; value: PrintResult } | { ok: false; error: { kind: string } }, { language: Language }>(
      unwired('printMemo'),
    ),
  },
  guards: {
    assistanceClosed: ({ context }) => context.assistanceScreen === null,
    // A request needs someone to deliver it for: the bridge's session, or the number typed before the scheduler failed.
    requestPossible: ({ context }) => context.failure === 'scheduler-unavailable' && (context.sessionId !== null || context.requestStart?.policy != null),
    trainingCanShow: ({ context }) => isTraining(context.kiosk),
    notAskingMoreTime: ({ context }) => !context.idleWarning,
    // Training mode switched under a session (its sandbox is gone, or a real one begins): this visit cannot go on.
    trainingSwitched: ({ context, event }) =>
      (assertEvent(event, 'KIOSK_INFO'), context.kiosk !== null && context.kiosk.training.active !== event.kiosk.training.active),
  },
  actions: {
    forgetPatient: assign(() => ({ ...sessionless })),
    queueStart: assign({ startQueued: true }),
    startIfQueued: enqueueActions(({ context, enqueue }) => {
      if (!context.startQueued) return;
      enqueue.assign({ startQueued: false });
      enqueue.raise({ type: 'START' });
    }),
    /** Browser storage is never written by the app; wiping it on reset makes that a guarantee. */
    clearBrowserStorage: () => undefined,
    /** The kiosk's info (a reload, training on or off); show-me mode ends with training. */
    acceptKioskInfo: assign(({ context, event }) => (assertEvent(event, 'KIOSK_INFO'), { kiosk: event.kiosk, showMe: event.kiosk.training.active && context.showMe })),
    /** Opens «Помощь уже идёт» over the current screen. */
    openAssistance: assign(({ event }) => (assertEvent(event, 'CALL_ASSISTANCE'), { assistanceScreen: event.screen })),
    closeAssistance: assign({ assistanceScreen: null }),
    /** Tells the bridge (fire and forget: nothing waits on it, and its failure changes nothing). */
    callAssistance: spawnChild('callAssistance', { input: ({ event }) => (assertEvent(event, 'CALL_ASSISTANCE'), { screen: event.screen }) }),
    // A card read mid-visit must not take over this patient's session: the bridge's new one is ended at once.
    endOtherSession: spawnChild('endSession', {
      input: ({ event }) => (assertEvent(event, 'IDENTIFIED'), { sessionId: event.session.sessionId, reason: 'home' as const }),
    }),
    /** A part ended at a dead end (its done event's output says which). */
    noteFailure: assign(({ event }) => {
      const output = (event as { output?: PartOutput }).output;
      if (output?.kind !== 'failed') return { failure: 'unexpected' as const };
      return { failure: output.failure, requestStart: { policy: output.policy ?? null, specialty: null, doctorId: null, from: 'failed' as const } };
    }),
    /** A scanned ticket QR: the check-in goes by its code. */
    takeTicket: assign(({ event }) => (assertEvent(event, 'TICKET_SCANNED'), { checkInPurpose: true, ticketCode: event.code })),
    /** The identification part learnt who the patient is: the session is theirs until it ends. */
    knowPatient: assign(({ event }) => (assertEvent(event, 'PATIENT_KNOWN'), { sessionId: event.session.sessionId, patient: event.session.patient })),
    /** The event goes on to the part of the visit (or service mode) that runs now, if any. */
    passOn: enqueueActions(({ enqueue, event, self }) => {
      const running = self.getSnapshot().children as Record<string, unknown>;
      for (const part of PARTS) if (running[part]) enqueue.sendTo(part, event);
    }),
  },
  delays: {
    doneReturn: ({ context }) => doneSeconds(context.kiosk) * 1000,
  },
}).createMachine({
  id: 'journey',
  context: () => ({ kiosk: null, printerStatus: { state: 'unknown', reason: 'not reported yet' }, identityDevices: NO_IDENTITY_DEVICES, showMe: false, startQueued: false, ...sessionless }),
  initial: 'attract',
  on: {
    KIOSK_INFO: { actions: 'acceptKioskInfo' },
    TOGGLE_SHOW_ME: { guard: 'trainingCanShow', actions: assign({ showMe: ({ context }) => !context.showMe }) },
    PRINTER_STATUS: { actions: assign({ printerStatus: ({ event }) => event.status }) },
    READER_STATUS: { actions: assign({ identityDevices: ({ event }) => event.devices }) },
    SET_LANGUAGE: { actions: assign({ language: ({ event }) => event.language }) },
    TOGGLE_LARGE_TEXT: { actions: assign({ largeText: ({ context }) => !context.largeText }) },
    TOGGLE_HIGH_CONTRAST: { actions: assign({ highContrast: ({ context }) => !context.highContrast }) },
    // Back to exactly where the patient was: the dialog is over the screen, the journey never moved.
    CLOSE_ASSISTANCE: { actions: [cancel(ASSISTANCE_TIMEOUT_ID), 'closeAssistance'] },
  },
  states: {
    attract: {
      entry: ['forgetPatient', 'clearBrowserStorage', 'startIfQueued'],
      exit: cancel(ASSISTANCE_TIMEOUT_ID),
      on: {
        START: 'session',
        START_CHECK_IN: { target: 'session', actions: assign({ checkInPurpose: true }) },
        // The patient's own ticket: its QR is the identification, the arrival is recorded at once.
        TICKET_SCANNED: { target: 'session.checkIn', actions: 'takeTicket' },
        // Nobody's session to reset here: a call nobody answered closes by itself after the idle time and its question.
        CALL_ASSISTANCE: {
          guard: 'assistanceClosed',
          actions: ['openAssistance', 'callAssistance', raise({ type: 'CLOSE_ASSISTANCE' }, { id: ASSISTANCE_TIMEOUT_ID, delay: ({ context }) => idleResetMs(context.kiosk) })],
        },
        // Service mode is clinic IT's, in Russian whatever language the last visitor chose on the attract screen.
        SERVICE_GESTURE: { target: 'service', actions: assign({ language: 'ru' as const }) },
        // A card, a scanned policy or a failed read starts the session in one gesture (identification-machine.ts takes it from there).
        IDENTIFIED: 'session',
        IDENTITY_ERROR: 'session',
        SCANNED: 'session',
      },
      // The памятка: printed and answered without leaving the attract screen, so
      // the language the patient chose stays (attract's entry would reset it).
      initial: 'idle',
      states: {
        idle: { on: { PRINT_MEMO: 'printingMemo' } },
        printingMemo: {
          invoke: {
            src: 'printMemo',
            input: ({ context }) => ({ language: context.language }),
            // Only a confirmed cut is "take it"; any refusal or failed call says it did not print.
            onDone: { target: 'memoNotice', actions: assign({ memoResult: ({ event }) => printedOrFailed(event.output) }) },
            onError: { target: 'memoNotice', actions: assign({ memoResult: PRINT_CALL_FAILED }) },
          },
        },
        memoNotice: {
          // However it is left (dismissed, timed out, «Начать»), the notice is gone.
          exit: assign({ memoResult: null }),
          after: { doneReturn: 'idle' },
          on: { DISMISS_MEMO: 'idle' },
        },
      },
    },

    /** Clinic IT's screen: never reachable during a patient's session, only from the attract screen. */
    service: {
      invoke: { id: 'service', src: 'service', onDone: 'attract' },
      on: passedOn(SERVICE_EVENTS),
    },

    session: {
      invoke: {
        id: 'idleTimer',
        src: 'idleTimer',
        input: ({ context }) => ({ idleMs: idleSeconds(context.kiosk) * 1000, warningMs: IDLE_WARNING_SECONDS * 1000 }),
      },
      on: {
        ...passedOn(PATIENT_EVENTS),
        // While "more time?" is asked, only its own answer counts: the touch that
        // closes the dialog must not land on the screen beneath it.
        ACTIVITY: { guard: 'notAskingMoreTime', actions: sendTo('idleTimer', { type: 'ACTIVITY' }) },
        STILL_HERE: { actions: [sendTo('idleTimer', { type: 'ACTIVITY' }), assign({ idleWarning: false })] },
        IDLE_WARNING: { actions: assign({ idleWarning: true }) },
        IDLE_TIMEOUT: '.ending',
        HOME: '.ending',
        KIOSK_INFO: [{ guard: 'trainingSwitched', target: '.ending', actions: 'acceptKioskInfo' }, { actions: ['acceptKioskInfo', 'passOn'] }],
        // The session and its idle timer go on under the dialog: an idle reset ends both (attract forgets the call).
        CALL_ASSISTANCE: { guard: 'assistanceClosed', actions: ['openAssistance', 'callAssistance', 'passOn'] },
        CLOSE_ASSISTANCE: { actions: ['closeAssistance', 'passOn'] },
        IDENTIFIED: { actions: 'endOtherSession' },
        PATIENT_KNOWN: { actions: 'knowPatient' },
        // «Нет, это не я»: back to an empty keypad; the identification part has ended that session.
        PATIENT_FORGOTTEN: { actions: assign({ sessionId: null, patient: null }) },
      },
      initial: 'identification',
      states: {
        identification: {
          invoke: {
            id: 'identification',
            src: 'identification',
            input: ({ context, event }) => {
              assertEvent(event, ['START', 'START_CHECK_IN', 'IDENTIFIED', 'SCANNED', 'IDENTITY_ERROR']);
              return {
                training: isTraining(context.kiosk),
                arrival: event.type === 'START_CHECK_IN' ? { type: 'START' as const } : event,
                askBirthDate: needsBirthDate(context.kiosk),
              };
            },
            onDone: [
              { guard: ({ context, event }) => outputIs('identified')({ event }) && context.checkInPurpose, target: 'checkIn' },
              { guard: outputIs('identified'), target: 'booking' },
              { guard: outputIs('failed'), target: 'failed', actions: 'noteFailure' },
              { target: 'ending' },
            ],
          },
          // The keypad's part decides: a card read there identifies the patient; once they are known it is ended.
          on: {
            IDENTIFIED: { actions: 'passOn' },
            // A ticket QR scanned on the identify screen: check in by it (a session the keypad started ends with the visit).
            TICKET_SCANNED: { target: 'checkIn', actions: 'takeTicket' },
          },
        },
        booking: {
          invoke: {
            id: 'booking',
            src: 'booking',
            input: ({ context }) => ({ sessionId: context.sessionId ?? '', doneSeconds: doneSeconds(context.kiosk), helpCalled: context.assistanceScreen !== null }),
            onDone: [
              { guard: outputIs('open-appointments'), target: 'appointments' },
              {
                guard: outputIs('leave-request'),
                target: 'request',
                actions: assign(({ event }) => {
                  const output = event.output as Extract<PartOutput, { kind: 'leave-request' }>;
                  return { requestStart: { policy: null, specialty: output.specialty, doctorId: output.doctorId, from: 'booking' as const } };
                }),
              },
              { guard: outputIs('failed'), target: 'failed', actions: 'noteFailure' },
              { target: 'ending' },
            ],
          },
        },
        appointments: {
          invoke: {
            id: 'appointments',
            src: 'appointments',
            input: ({ context }) => ({ sessionId: context.sessionId ?? '' }),
            onDone: [
              { guard: outputIs('back-to-booking'), target: 'booking' },
              { target: 'failed', actions: 'noteFailure' },
            ],
          },
        },
        checkIn: {
          invoke: {
            id: 'checkIn',
            src: 'checkIn',
            input: ({ context }) => ({
              sessionId: context.sessionId,
              body: context.ticketCode !== null ? { via: 'ticket' as const, code: context.ticketCode } : { via: 'session' as const },
              doneSeconds: doneSeconds(context.kiosk),
            }),
            onDone: [{ guard: outputIs('failed'), target: 'failed', actions: 'noteFailure' }, { target: 'ending' }],
          },
        },
        failed: { on: { RETRY: 'ending', LEAVE_REQUEST: { guard: 'requestPossible', target: 'request' } } },
        /** «Оставить заявку» (request-machine.ts): from the failed screen (schedule down) or the no-slots screen. */
        request: {
          invoke: {
            id: 'request',
            src: 'request',
            input: ({ context }) => ({
              sessionId: context.sessionId,
              policy: context.requestStart?.policy ?? null,
              specialty: context.requestStart?.specialty ?? null,
              doctorId: context.requestStart?.doctorId ?? null,
              language: context.language,
            }),
            onDone: [
              { guard: outputIs('left'), target: 'backFromRequest' },
              { target: 'ending' },
            ],
          },
        },
        backFromRequest: {
          always: [{ guard: ({ context }) => context.requestStart?.from === 'booking', target: 'booking' }, { target: 'failed' }],
        },
        ending: {
          // The attract screen shows while the bridge closes the session; a «Начать» tapped now is not lost.
          on: { START: { actions: 'queueStart' } },
          invoke: {
            src: 'endSession',
            input: ({ context, event }) => ({ sessionId: context.sessionId, reason: endReasonOf(event) }),
            onDone: '#journey.attract',
            onError: '#journey.attract',
          },
        },
      },
    },
  },
});

export type JourneyMachine = typeof journeyMachine;
