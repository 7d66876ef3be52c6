// The patient's whole journey at the kiosk, as one state machine. Screens render
// its state and send it the patient's events; every call to the bridge is a
// named actor, injected with `.provide()` (real bridge in the app, fakes in tests).
import { assign, cancel, fromCallback, fromPromise, raise, sendTo, setup, spawnChild } from 'xstate';
import type { PinLogin } from '../../device-bridge/api/contract';
import type {
  ApiError,
  ApiResult,
  AppointmentView,
  Booked,
  HoldView,
  KioskInfo,
  MemoPrintAnswer,
  PatientView,
  PrinterStatus,
  PrintResult,
  SessionStarted,
  Slot,
  SpecialtyAvailability,
  SpecialtyBlock,
  WaitingListEntry,
} from '../../device-bridge/api/contract';
import { isValidEnp, typedPolicyLength, typedPolicyMaxLength, typedPolicyState, type TypedPolicyKind } from '../../device-bridge/domain/oms-policy';
import type { ServiceAction, ServiceBridge, ServiceNotice, ServiceResult, ServiceSnapshot } from './service-mode';

export const ENP_LENGTH = 16;

/** Why a session ended: finished, left via «В начало»/«Нет, это не я», or walked away from. */
export type SessionEndReason = 'done' | 'home' | 'idle';

/** Why the journey stopped at a dead end; each has its own plain-Russian screen text. */
export type FailureKind = 'scheduler-unavailable' | 'session-expired' | 'unexpected';

/** Why the patient is back on a choice screen, shown above it. */
export type Notice = 'slot-taken' | 'hold-expired' | 'patient-not-found' | 'cancelled' | 'reprinted' | 'reprint-failed';

export type Language = 'ru' | 'en';

export type ServiceLoginProblem =
  | { readonly kind: 'wrong-pin'; readonly attemptsLeft: number }
  | { readonly kind: 'locked-out'; readonly retryAfterSeconds: number }
  | { readonly kind: 'service-disabled' }
  | { readonly kind: 'unavailable' };

const SERVICE_PIN_MAX = 12;
const SERVICE_PIN_MIN = 4;
/** Service mode left alone this long logs out and returns to the attract screen. */
const SERVICE_IDLE_MS = 120_000;

/** A card or barcode that could not identify the patient: the reason and the bridge's plain-language message. */
export interface IdentityProblem {
  readonly reason: string;
  readonly message: string;
}

export interface JourneyContext {
  readonly kiosk: KioskInfo | null;
  readonly printerStatus: PrinterStatus;
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
  readonly identityProblem: IdentityProblem | null;
  /** Service mode (clinic IT): the PIN being typed, the token, what the bridge reports, the last action's result. */
  readonly servicePin: string;
  readonly serviceToken: string | null;
  readonly service: ServiceSnapshot | null;
  readonly serviceNotice: ServiceNotice | null;
  readonly serviceLoginProblem: ServiceLoginProblem | null;
  /** What was typed so far: digits, or for an old-style policy letters, digits and single spaces («ЯБ 5721436»). */
  readonly policyDigits: string;
  /** The kind of number the patient said they have: the 16-digit ЕНП unless they chose another on the identify screen. */
  readonly policyKind: TypedPolicyKind;
  /** The screen a patient called a volunteer from while the «Помощь уже идёт» dialog is open; null when it is not. */
  readonly assistanceScreen: string | null;
  /** How the policy number came in: typed, or scanned by a keyboard-wedge scanner. */
  readonly channel: 'keypad' | 'barcode';
  readonly sessionId: string | null;
  readonly patient: PatientView | null;
  readonly specialties: readonly SpecialtyAvailability[];
  readonly specialty: SpecialtyAvailability | null;
  readonly slots: readonly Slot[];
  /** Doctor chosen on the time screen; null = any doctor (the nearest time). */
  readonly doctorId: string | null;
  readonly selectedDay: string | null;
  /** The slot the patient tapped (or the nearest one, for "book the nearest"). */
  readonly pendingSlotId: string | null;
  /** "Book the nearest": hold the first free slot as soon as the times arrive. */
  readonly autoPick: boolean;
  /** A booking rule that refused the last step, shown in plain words. */
  readonly refusal: SpecialtyBlock | null;
  readonly appointments: readonly AppointmentView[];
  readonly cancelTarget: AppointmentView | null;
  readonly waitingListEntry: WaitingListEntry | null;
  readonly hold: HoldView | null;
  readonly clientKey: string | null;
  readonly booked: Booked | null;
  readonly printResult: PrintResult | null;
  readonly notice: Notice | null;
  readonly failure: FailureKind | null;
  /** How the памятка printed from the attract screen came out; shown there until dismissed (null: nothing to say). */
  readonly memoResult: PrintResult | null;
}

export type JourneyEvent =
  | { type: 'START' }
  | { type: 'PRINT_MEMO' }
  | { type: 'DISMISS_MEMO' }
  | { type: 'DIGIT'; digit: string }
  /** A letter of an old-style policy's series, from the letter keypad (А–Я, Ё). */
  | { type: 'LETTER'; letter: string }
  /** The space between an old-style policy's series and number (as printed; the lookup ignores it). */
  | { type: 'SPACE' }
  | { type: 'PICK_POLICY_KIND'; kind: TypedPolicyKind }
  /** «Позвать волонтёра» on a dead end or in help; `screen` is the screen's name (never anything about the patient). */
  | { type: 'CALL_ASSISTANCE'; screen: string }
  | { type: 'CLOSE_ASSISTANCE' }
  | { type: 'ERASE' }
  | { type: 'CLEAR' }
  | { type: 'SUBMIT' }
  | { type: 'PICK_SPECIALTY'; code: string }
  | { type: 'PICK_NEAREST'; code: string }
  | { type: 'PICK_DOCTOR'; doctorId: string | null }
  | { type: 'OPEN_APPOINTMENTS' }
  | { type: 'CANCEL_APPOINTMENT'; appointmentId: string }
  | { type: 'CONFIRM_CANCEL' }
  | { type: 'REPRINT'; appointmentId: string }
  | { type: 'JOIN_WAITING_LIST' }
  | { type: 'PICK_DAY'; date: string }
  | { type: 'PICK_SLOT'; slotId: string }
  | { type: 'CONFIRM' }
  | { type: 'BACK' }
  | { type: 'HOME' }
  | { type: 'FINISH' }
  | { type: 'RETRY' }
  | { type: 'ACTIVITY' }
  | { type: 'IDLE_TIMEOUT' }
  | { type: 'IDLE_WARNING' }
  | { type: 'STILL_HERE' }
  | { type: 'CONFIRM_IDENTITY' }
  | { type: 'REJECT_IDENTITY' }
  | { type: 'BOOK_ANOTHER' }
  | { type: 'SET_LANGUAGE'; language: Language }
  | { type: 'TOGGLE_LARGE_TEXT' }
  | { type: 'TOGGLE_SHOW_ME' }
  | { type: 'DEMO_CARD'; patient: number }
  | { type: 'TOGGLE_HIGH_CONTRAST' }
  | { type: 'IDENTIFIED'; session: SessionStarted }
  | { type: 'SCANNED'; policyNumber: string }
  | { type: 'IDENTITY_ERROR'; problem: IdentityProblem }
  | { type: 'SERVICE_GESTURE' }
  | { type: 'SERVICE_DIGIT'; digit: string }
  | { type: 'SERVICE_ERASE' }
  | { type: 'SERVICE_SUBMIT' }
  | { type: 'SERVICE_ACTION'; action: ServiceAction }
  | { type: 'SERVICE_REFRESH' }
  | { type: 'SERVICE_EXIT' }
  | { type: 'KIOSK_INFO'; kiosk: KioskInfo }
  | { type: 'PRINTER_STATUS'; status: PrinterStatus };

/** The bridge calls the journey makes. Each resolves with a Result; none is expected to throw. */
export interface JourneyBridge {
  /** Identifies the patient by a typed or scanned number of the given kind (the bridge validates it per kind). */
  startSessionWithPolicy(policyNumber: string, policyKind: TypedPolicyKind, channel: 'keypad' | 'barcode'): Promise<ApiResult<SessionStarted>>;
  /** Ends the bridge's session (if any) and says why, for the kiosk's metrics; never carries personal data. */
  endSession(sessionId: string | null, reason: SessionEndReason): Promise<void>;
  listSpecialties(sessionId: string): Promise<ApiResult<SpecialtyAvailability[]>>;
  listSlots(sessionId: string, specialtyCode: string): Promise<ApiResult<Slot[]>>;
  listAppointments(sessionId: string): Promise<ApiResult<AppointmentView[]>>;
  cancelAppointment(sessionId: string, appointmentId: string): Promise<ApiResult<AppointmentView>>;
  reprintAppointment(sessionId: string, appointmentId: string): Promise<ApiResult<PrintResult>>;
  joinWaitingList(sessionId: string, specialtyCode: string, doctorId: string | null): Promise<ApiResult<WaitingListEntry>>;
  hold(sessionId: string, slotId: string): Promise<ApiResult<HoldView>>;
  book(sessionId: string, holdId: string, clientKey: string): Promise<ApiResult<Booked>>;
  printTicket(sessionId: string, appointmentId: string): Promise<ApiResult<PrintResult>>;
  printerStatus(): Promise<ApiResult<PrinterStatus>>;
  /** Tells the bridge a patient asked for a volunteer on `screen` (POST /api/assistance/call); never fails the journey. */
  callAssistance(screen: string): Promise<void>;
  /** Prints the памятка in this language; `printed` only after the printer confirmed it (POST /api/memo/print). */
  printMemo(language: Language): Promise<MemoPrintAnswer | ApiResult<PrintResult>>;
  /**
   * Training mode: "inserts" demo patient `patient` (POST /api/training/demo-card). The answer is not
   * awaited by the journey: the bridge announces the session as an `identified` event, like a card read.
   */
  insertDemoCard?(patient: number): Promise<unknown>;
}

const DEFAULT_IDLE_SECONDS = 60;
const DEFAULT_DONE_SECONDS = 15;
/** How long "Нужно больше времени?" counts down before the session is reset. */
export const IDLE_WARNING_SECONDS = 20;
/** The delayed close of a volunteer call made from the attract screen. */
const ASSISTANCE_TIMEOUT_ID = 'assistanceTimeout';
/** Silence that resets a session: the idle time plus the "more time?" countdown. */
const idleResetMs = (context: Pick<JourneyContext, 'kiosk'>): number =>
  ((context.kiosk?.session.idleSeconds ?? DEFAULT_IDLE_SECONDS) + IDLE_WARNING_SECONDS) * 1000;

/** Everything a session learns about the patient; reset on every return to attract. */
const sessionless = {
  language: 'ru',
  largeText: false,
  highContrast: false,
  idleWarning: false,
  identityProblem: null,
  servicePin: '',
  serviceToken: null,
  service: null,
  serviceNotice: null,
  serviceLoginProblem: null,
  policyDigits: '',
  policyKind: 'enp',
  assistanceScreen: null,
  channel: 'keypad',
  sessionId: null,
  patient: null,
  specialties: [],
  specialty: null,
  slots: [],
  doctorId: null,
  selectedDay: null,
  pendingSlotId: null,
  autoPick: false,
  refusal: null,
  appointments: [],
  cancelTarget: null,
  waitingListEntry: null,
  hold: null,
  clientKey: null,
  booked: null,
  printResult: null,
  notice: null,
  failure: null,
  memoResult: null,
} satisfies Omit<JourneyContext, 'kiosk' | 'printerStatus' | 'showMe'>;

/** What a new booking in the same visit starts from: the patient stays, the last booking's choices go. */
const nextBooking = {
  specialty: null,
  slots: [],
  doctorId: null,
  selectedDay: null,
  pendingSlotId: null,
  autoPick: false,
  refusal: null,
  waitingListEntry: null,
  hold: null,
  clientKey: null,
  booked: null,
  printResult: null,
  notice: null,
} satisfies Partial<JourneyContext>;

type Output<T> = ApiResult<T>;
const isOk = ({ event }: { event: { output: Output<unknown> } }) => event.output.ok;
const errorIs =
  (...kinds: ApiError['kind'][]) =>
  ({ event }: { event: { output: Output<unknown> } }) =>
    !event.output.ok && kinds.includes(event.output.error.kind);
const failureOf = (output: Output<unknown>): FailureKind => {
  if (output.ok) return 'unexpected';
  if (output.error.kind === 'unavailable') return 'scheduler-unavailable';
  if (output.error.kind === 'session-expired') return 'session-expired';
  return 'unexpected';
};
/** A booking rule's refusal (or "not attached"), to show in plain words where the patient is. */
const refusalOf = (output: Output<unknown>): SpecialtyBlock | null =>
  !output.ok && (output.error.kind === 'rejected-by-rule' || output.error.kind === 'not-attached') ? (output.error as SpecialtyBlock) : null;
const isRefusal = ({ event }: { event: { output: Output<unknown> } }) => refusalOf(event.output) !== null;

const valueOf = <T>(output: Output<T>): T => {
  if (!output.ok) throw new Error(`journey read the value of a failed result: ${output.error.kind}`);
  return output.value;
};

function loginProblemOf(output: ServiceResult<unknown>): ServiceLoginProblem {
  if (output.ok) return { kind: 'unavailable' };
  const error = output.error;
  if (error.kind === 'wrong-pin') return { kind: 'wrong-pin', attemptsLeft: error.attemptsLeft };
  if (error.kind === 'locked-out') return { kind: 'locked-out', retryAfterSeconds: error.retryAfterSeconds };
  if (error.kind === 'service-disabled') return { kind: 'service-disabled' };
  return { kind: 'unavailable' };
}

/**
 * A print's answer as the screen tells it (tickets and the памятка alike): only a confirmed cut is
 * "printed"; a refusal or a failed call is a failed print, so nobody is told to take paper that is not there.
 */
const printedOrFailed = (output: { ok: true; value: PrintResult } | { ok: false; error: { kind: string } }): PrintResult =>
  output.ok ? output.value : { outcome: 'failed', status: { state: 'unknown', reason: output.error.kind } };
const PRINT_CALL_FAILED: PrintResult = { outcome: 'failed', status: { state: 'unknown', reason: 'bridge call failed' } };

/** The event that led to the end of a session says why it ended. */
const endReasonOf = (eventType: string): SessionEndReason =>
  eventType === 'IDLE_TIMEOUT' ? 'idle' : eventType === 'FINISH' || eventType.startsWith('xstate.after') ? 'done' : 'home';

/**
 * Idle watchdog: after `idleMs` of silence it asks "Нужно больше времени?"
 * (IDLE_WARNING), and `warningMs` later ends the session (IDLE_TIMEOUT). Any
 * ACTIVITY starts the count again.
 */
const idleTimer = fromCallback<{ type: 'ACTIVITY' }, { idleMs: number; warningMs: number }>(({ sendBack, receive, input }) => {
  let timer: ReturnType<typeof setTimeout>;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      sendBack({ type: 'IDLE_WARNING' });
      timer = setTimeout(() => sendBack({ type: 'IDLE_TIMEOUT' }), input.warningMs);
    }, input.idleMs);
  };
  arm();
  receive(arm);
  return () => clearTimeout(timer);
});

const unwired = (name: string) => () => Promise.reject(new Error(`journey actor "${name}" was not provided a bridge`));

export const journeyMachine = setup({
  types: {
    context: {} as JourneyContext,
    events: {} as JourneyEvent,
  },
  actors: {
    idleTimer,
    startSession: fromPromise<Output<SessionStarted>, { policyNumber: string; policyKind: TypedPolicyKind; channel: 'keypad' | 'barcode' }>(
      unwired('startSession'),
    ),
    callAssistance: fromPromise<void, { screen: string }>(unwired('callAssistance')),
    endSession: fromPromise<void, { sessionId: string | null; reason: SessionEndReason }>(unwired('endSession')),
    listSpecialties: fromPromise<Output<SpecialtyAvailability[]>, { sessionId: string }>(unwired('listSpecialties')),
    listSlots: fromPromise<Output<Slot[]>, { sessionId: string; specialtyCode: string }>(unwired('listSlots')),
    listAppointments: fromPromise<Output<AppointmentView[]>, { sessionId: string }>(unwired('listAppointments')),
    cancelAppointment: fromPromise<Output<AppointmentView>, { sessionId: string; appointmentId: string }>(unwired('cancelAppointment')),
    reprintAppointment: fromPromise<Output<PrintResult>, { sessionId: string; appointmentId: string }>(unwired('reprintAppointment')),
    joinWaitingList: fromPromise<Output<WaitingListEntry>, { sessionId: string; specialtyCode: string; doctorId: string | null }>(
      unwired('joinWaitingList'),
    ),
    hold: fromPromise<Output<HoldView>, { sessionId: string; slotId: string }>(unwired('hold')),
    book: fromPromise<Output<Booked>, { sessionId: string; holdId: string; clientKey: string }>(unwired('book')),
    printTicket: fromPromise<Output<PrintResult>, { sessionId: string; appointmentId: string }>(unwired('printTicket')),
    checkPrinter: fromPromise<Output<PrinterStatus>, void>(unwired('checkPrinter')),
    insertDemoCard: fromPromise<unknown, { patient: number }>(unwired('insertDemoCard')),
    printMemo: fromPromise<MemoPrintAnswer | Output<PrintResult>, { language: Language }>(unwired('printMemo')),
    serviceLogin: fromPromise<ServiceResult<PinLogin>, { pin: string }>(unwired('serviceLogin')),
    serviceLoad: fromPromise<ServiceResult<ServiceSnapshot>, { token: string }>(unwired('serviceLoad')),
    serviceAction: fromPromise<ServiceResult<ServiceNotice>, { token: string; action: ServiceAction }>(unwired('serviceAction')),
    serviceLogout: fromPromise<void, { token: string | null }>(unwired('serviceLogout')),
  },
  actions: {
    forgetPatient: assign(() => ({ ...sessionless })),
    /** The kiosk's info (a reload, training on or off); show-me mode ends with training. */
    acceptKioskInfo: assign(({ context, event }) =>
      event.type === 'KIOSK_INFO' ? { kiosk: event.kiosk, showMe: event.kiosk.training.active && context.showMe } : {},
    ),
    acceptScan: assign(({ event }) =>
      event.type === 'SCANNED'
        ? { policyDigits: event.policyNumber, policyKind: 'enp' as const, channel: 'barcode' as const, identityProblem: null, notice: null }
        : {},
    ),
    rejectScan: assign({ identityProblem: { reason: 'bad-barcode', message: 'Код не распознан. Поднесите полис ещё раз или введите номер.' } }),
    acceptIdentity: assign(({ event }) => {
      if (event.type !== 'IDENTIFIED') return {};
      return { sessionId: event.session.sessionId, patient: event.session.patient, policyDigits: '', identityProblem: null, notice: null };
    }),
    /** Browser storage is never written by the app; wiping it on reset makes that a guarantee. */
    clearBrowserStorage: () => undefined,
    /** Opens «Помощь уже идёт» over the current screen. */
    openAssistance: assign({ assistanceScreen: ({ event }) => (event.type === 'CALL_ASSISTANCE' ? event.screen : null) }),
    closeAssistance: assign({ assistanceScreen: null }),
    /** Tells the bridge (fire and forget: nothing waits on it, and its failure changes nothing). */
    callAssistance: spawnChild('callAssistance', { input: ({ event }) => ({ screen: event.type === 'CALL_ASSISTANCE' ? event.screen : '' }) }),
  },
  guards: {
    scannedValid: ({ event }) => event.type === 'SCANNED' && isValidEnp(event.policyNumber),
    policyComplete: ({ context }) => typedPolicyState(context.policyKind, context.policyDigits).state === 'complete',
    assistanceClosed: ({ context }) => context.assistanceScreen === null,
  },
  delays: {
    idle: ({ context }) => (context.kiosk?.session.idleSeconds ?? DEFAULT_IDLE_SECONDS) * 1000,
    doneReturn: ({ context }) => (context.kiosk?.session.doneSeconds ?? DEFAULT_DONE_SECONDS) * 1000,
  },
}).createMachine({
  id: 'journey',
  context: () => ({
    kiosk: null,
    printerStatus: { state: 'unknown', reason: 'not reported yet' },
    showMe: false,
    ...sessionless,
  }),
  initial: 'attract',
  on: {
    KIOSK_INFO: { actions: 'acceptKioskInfo' },
    TOGGLE_SHOW_ME: { guard: ({ context }) => context.kiosk?.training.active === true, actions: assign({ showMe: ({ context }) => !context.showMe }) },
    PRINTER_STATUS: { actions: assign({ printerStatus: ({ event }) => event.status }) },
    SET_LANGUAGE: { actions: assign({ language: ({ event }) => event.language }) },
    TOGGLE_LARGE_TEXT: { actions: assign({ largeText: ({ context }) => !context.largeText }) },
    TOGGLE_HIGH_CONTRAST: { actions: assign({ highContrast: ({ context }) => !context.highContrast }) },
    // Back to exactly where the patient was: the dialog is over the screen, the journey never moved.
    CLOSE_ASSISTANCE: { actions: [cancel(ASSISTANCE_TIMEOUT_ID), 'closeAssistance'] },
  },
  states: {
    attract: {
      entry: ['forgetPatient', 'clearBrowserStorage'],
      exit: cancel(ASSISTANCE_TIMEOUT_ID),
      on: {
        START: 'session',
        // Nobody's session to reset here: a call nobody answered closes by itself after the idle time and its question.
        CALL_ASSISTANCE: {
          guard: 'assistanceClosed',
          actions: [
            'openAssistance',
            'callAssistance',
            raise({ type: 'CLOSE_ASSISTANCE' }, { id: ASSISTANCE_TIMEOUT_ID, delay: ({ context }) => idleResetMs(context) }),
          ],
        },
        SERVICE_GESTURE: 'service',
        // A card or a scanned policy starts the session in one gesture.
        IDENTIFIED: { target: '#journey.session.confirmIdentity', actions: 'acceptIdentity' },
        IDENTITY_ERROR: { target: 'session', actions: assign({ identityProblem: ({ event }) => event.problem }) },
        SCANNED: [
          { guard: 'scannedValid', target: '#journey.session.identifying', actions: 'acceptScan' },
          { target: 'session', actions: 'rejectScan' },
        ],
      },
      // The памятка: printed and answered without leaving the attract screen, so
      // the language the patient chose stays (attract's entry would reset it).
      initial: 'idle',
      states: {
        idle: {
          on: { PRINT_MEMO: 'printingMemo' },
        },
        printingMemo: {
          invoke: {
            id: 'printMemo',
            src: 'printMemo',
            input: ({ context }) => ({ language: context.language }),
            onDone: {
              target: 'memoNotice',
              // Only a confirmed cut is "take it"; any refusal or failed call says it did not print.
              actions: assign({ memoResult: ({ event }) => printedOrFailed(event.output) }),
            },
            onError: {
              target: 'memoNotice',
              actions: assign({ memoResult: PRINT_CALL_FAILED }),
            },
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
      invoke: { id: 'serviceIdle', src: 'idleTimer', input: () => ({ idleMs: SERVICE_IDLE_MS, warningMs: 0 }) },
      on: {
        ACTIVITY: { actions: sendTo('serviceIdle', { type: 'ACTIVITY' }) },
        IDLE_TIMEOUT: '.leaving',
        SERVICE_EXIT: '.leaving',
        HOME: '.leaving',
      },
      initial: 'login',
      states: {
        login: {
          on: {
            SERVICE_DIGIT: {
              guard: ({ context, event }) => /^\d$/.test(event.digit) && context.servicePin.length < SERVICE_PIN_MAX,
              actions: assign({ servicePin: ({ context, event }) => context.servicePin + event.digit }),
            },
            SERVICE_ERASE: { actions: assign({ servicePin: ({ context }) => context.servicePin.slice(0, -1) }) },
            SERVICE_SUBMIT: { guard: ({ context }) => context.servicePin.length >= SERVICE_PIN_MIN, target: 'verifying' },
          },
        },
        verifying: {
          invoke: {
            id: 'serviceLogin',
            src: 'serviceLogin',
            input: ({ context }) => ({ pin: context.servicePin }),
            onDone: [
              {
                // The volunteer PIN switched training mode on or off: back to the (now training or real) attract screen.
                guard: ({ event }) => event.output.ok && event.output.value.role === 'volunteer',
                target: 'leaving',
                actions: assign({ servicePin: '', serviceLoginProblem: null }),
              },
              {
                guard: ({ event }) => event.output.ok,
                target: 'loading',
                actions: assign(({ event }) => ({
                  serviceToken: event.output.ok && event.output.value.role === 'it' ? event.output.value.token : null,
                  servicePin: '',
                  serviceLoginProblem: null,
                })),
              },
              {
                target: 'login',
                // The PIN is never kept after an attempt, right or wrong.
                actions: assign(({ event }) => ({ servicePin: '', serviceLoginProblem: loginProblemOf(event.output) })),
              },
            ],
            onError: { target: 'login', actions: assign({ servicePin: '', serviceLoginProblem: { kind: 'unavailable' } }) },
          },
        },
        loading: {
          invoke: {
            id: 'serviceLoad',
            src: 'serviceLoad',
            input: ({ context }) => ({ token: context.serviceToken ?? '' }),
            onDone: [
              { guard: ({ event }) => event.output.ok, target: 'panel', actions: assign({ service: ({ event }) => (event.output.ok ? event.output.value : null) }) },
              { guard: ({ event }) => !event.output.ok && event.output.error.kind === 'service-token-required', target: 'login', actions: assign({ serviceToken: null }) },
              { target: 'panel', actions: assign({ serviceNotice: { kind: 'failed', error: 'status' } }) },
            ],
            onError: { target: 'panel', actions: assign({ serviceNotice: { kind: 'failed', error: 'status' } }) },
          },
        },
        panel: {
          on: {
            SERVICE_ACTION: { target: 'acting', actions: assign({ serviceNotice: null }) },
            SERVICE_REFRESH: { target: 'loading', actions: assign({ serviceNotice: null }) },
          },
        },
        acting: {
          invoke: {
            id: 'serviceAction',
            src: 'serviceAction',
            input: ({ context, event }) => ({
              token: context.serviceToken ?? '',
              action: event.type === 'SERVICE_ACTION' ? event.action : ({ kind: 'reload' } as const),
            }),
            onDone: {
              target: 'loading',
              actions: assign({
                serviceNotice: ({ event }) => (event.output.ok ? event.output.value : { kind: 'failed', error: event.output.error.kind }),
              }),
            },
            onError: { target: 'loading', actions: assign({ serviceNotice: { kind: 'failed', error: 'bridge' } }) },
          },
        },
        leaving: {
          invoke: {
            id: 'serviceLogout',
            src: 'serviceLogout',
            input: ({ context }) => ({ token: context.serviceToken }),
            onDone: '#journey.attract',
            onError: '#journey.attract',
          },
        },
      },
    },

    session: {
      invoke: {
        id: 'idleTimer',
        src: 'idleTimer',
        input: ({ context }) => ({
          idleMs: (context.kiosk?.session.idleSeconds ?? DEFAULT_IDLE_SECONDS) * 1000,
          warningMs: IDLE_WARNING_SECONDS * 1000,
        }),
      },
      on: {
        // While "more time?" is asked, only its own answer counts: the touch that
        // closes the dialog must not land on the screen beneath it.
        ACTIVITY: { guard: ({ context }) => !context.idleWarning, actions: sendTo('idleTimer', { type: 'ACTIVITY' }) },
        STILL_HERE: { actions: [sendTo('idleTimer', { type: 'ACTIVITY' }), assign({ idleWarning: false })] },
        IDLE_WARNING: { actions: assign({ idleWarning: true }) },
        IDLE_TIMEOUT: '.ending',
        HOME: '.ending',
        // Training mode switched under a session (its sandbox is gone, or a real one begins): this visit cannot go on.
        KIOSK_INFO: [
          {
            guard: ({ context, event }) => context.kiosk !== null && context.kiosk.training.active !== event.kiosk.training.active,
            target: '.ending',
            actions: 'acceptKioskInfo',
          },
          { actions: 'acceptKioskInfo' },
        ],
        // The session and its idle timer go on under the dialog: an idle reset ends both (attract forgets the call).
        CALL_ASSISTANCE: { guard: 'assistanceClosed', actions: ['openAssistance', 'callAssistance'] },
        // A card read mid-visit must not take over this patient's session: the bridge's new one is ended at once.
        IDENTIFIED: {
          actions: spawnChild('endSession', {
            input: ({ event }) => ({ sessionId: event.type === 'IDENTIFIED' ? event.session.sessionId : null, reason: 'home' as const }),
          }),
        },
      },
      initial: 'identify',
      states: {
        identify: {
          on: {
            DIGIT: {
              guard: ({ context, event }) => /^\d$/.test(event.digit) && typedPolicyLength(context.policyDigits) < typedPolicyMaxLength(context.policyKind),
              actions: assign({ policyDigits: ({ context, event }) => context.policyDigits + event.digit, notice: null }),
            },
            LETTER: {
              guard: ({ context, event }) =>
                context.policyKind === 'old' && /^[А-ЯЁ]$/.test(event.letter) && typedPolicyLength(context.policyDigits) < typedPolicyMaxLength('old'),
              actions: assign({ policyDigits: ({ context, event }) => context.policyDigits + event.letter, notice: null }),
            },
            SPACE: {
              // One space between groups, never leading or doubled: the number reads as printed on the policy.
              guard: ({ context }) => context.policyKind === 'old' && /\S$/.test(context.policyDigits) && typedPolicyLength(context.policyDigits) < typedPolicyMaxLength('old'),
              actions: assign({ policyDigits: ({ context }) => `${context.policyDigits} `, notice: null }),
            },
            PICK_POLICY_KIND: {
              guard: ({ context, event }) => event.kind !== context.policyKind,
              actions: assign({ policyKind: ({ event }) => event.kind, policyDigits: '', notice: null, identityProblem: null }),
            },
            ERASE: { actions: assign({ policyDigits: ({ context }) => context.policyDigits.slice(0, -1), notice: null }) },
            CLEAR: { actions: assign({ policyDigits: '', notice: null }) },
            SUBMIT: { guard: 'policyComplete', target: 'identifying', actions: assign({ identityProblem: null }) },
            // The bridge's `identified` event (below) moves on, exactly as for a card in the reader.
            DEMO_CARD: {
              guard: ({ context }) => context.kiosk?.training.active === true,
              actions: spawnChild('insertDemoCard', { input: ({ event }) => ({ patient: event.type === 'DEMO_CARD' ? event.patient : -1 }) }),
            },
            IDENTIFIED: { target: 'confirmIdentity', actions: 'acceptIdentity' },
            IDENTITY_ERROR: { actions: assign({ identityProblem: ({ event }) => event.problem }) },
            SCANNED: [{ guard: 'scannedValid', target: 'identifying', actions: 'acceptScan' }, { actions: 'rejectScan' }],
            BACK: 'ending',
          },
        },

        /** «Иванова Т. А., 1979 г. р.»: the patient confirms it is them before anything is booked. */
        confirmIdentity: {
          on: {
            CONFIRM_IDENTITY: 'loadingSpecialties',
            REJECT_IDENTITY: 'ending',
            BACK: 'ending',
          },
        },

        identifying: {
          invoke: {
            id: 'startSession',
            src: 'startSession',
            input: ({ context }) => ({ policyNumber: context.policyDigits.trim(), policyKind: context.policyKind, channel: context.channel }),
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
              { guard: errorIs('patient-not-found'), target: 'identify', actions: assign({ notice: 'patient-not-found' }) },
              { target: 'failed', actions: assign({ failure: ({ event }) => failureOf(event.output), policyDigits: '' }) },
            ],
            onError: { target: 'failed', actions: assign({ failure: 'unexpected', policyDigits: '' }) },
          },
        },

        loadingSpecialties: {
          invoke: {
            id: 'listSpecialties',
            src: 'listSpecialties',
            input: ({ context }) => ({ sessionId: context.sessionId ?? '' }),
            onDone: [
              { guard: isOk, target: 'specialty', actions: assign({ specialties: ({ event }) => valueOf(event.output) }) },
              { target: 'failed', actions: assign({ failure: ({ event }) => failureOf(event.output) }) },
            ],
            onError: { target: 'failed', actions: assign({ failure: 'unexpected' }) },
          },
        },

        specialty: {
          on: {
            PICK_SPECIALTY: [
              {
                guard: ({ context, event }) => context.specialties.some((s) => s.code === event.code && !s.blockedBy && s.nearestFree !== null),
                target: 'loadingSlots',
                actions: assign({
                  specialty: ({ context, event }) => context.specialties.find((s) => s.code === event.code) ?? null,
                  doctorId: null,
                  selectedDay: null,
                  autoPick: false,
                  notice: null,
                  refusal: null,
                }),
              },
              {
                // Nothing free: say so plainly and offer the waiting list.
                guard: ({ context, event }) => context.specialties.some((s) => s.code === event.code && !s.blockedBy && s.nearestFree === null),
                target: 'noSlots',
                actions: assign({
                  specialty: ({ context, event }) => context.specialties.find((s) => s.code === event.code) ?? null,
                  notice: null,
                  refusal: null,
                }),
              },
            ],
            PICK_NEAREST: {
              guard: ({ context, event }) => context.specialties.some((s) => s.code === event.code && !s.blockedBy && s.nearestFree !== null),
              target: 'loadingSlots',
              actions: assign({
                specialty: ({ context, event }) => context.specialties.find((s) => s.code === event.code) ?? null,
                doctorId: null,
                selectedDay: null,
                autoPick: true,
                notice: null,
                refusal: null,
              }),
            },
            OPEN_APPOINTMENTS: { target: 'loadingAppointments', actions: assign({ notice: null, refusal: null }) },
            BACK: 'ending',
          },
        },

        noSlots: {
          on: {
            JOIN_WAITING_LIST: 'joiningWaitingList',
            BACK: { target: 'specialty', actions: assign({ specialty: null }) },
          },
        },

        joiningWaitingList: {
          invoke: {
            id: 'joinWaitingList',
            src: 'joinWaitingList',
            input: ({ context }) => ({ sessionId: context.sessionId ?? '', specialtyCode: context.specialty?.code ?? '', doctorId: context.doctorId }),
            onDone: [
              { guard: isOk, target: 'waitingListJoined', actions: assign({ waitingListEntry: ({ event }) => valueOf(event.output) }) },
              { guard: isRefusal, target: 'noSlots', actions: assign({ refusal: ({ event }) => refusalOf(event.output) }) },
              { target: 'failed', actions: assign({ failure: ({ event }) => failureOf(event.output) }) },
            ],
            onError: { target: 'failed', actions: assign({ failure: 'unexpected' }) },
          },
        },

        waitingListJoined: {
          on: {
            FINISH: 'ending',
            BOOK_ANOTHER: { target: 'loadingSpecialties', actions: assign(nextBooking) },
          },
        },

        loadingAppointments: {
          invoke: {
            id: 'listAppointments',
            src: 'listAppointments',
            input: ({ context }) => ({ sessionId: context.sessionId ?? '' }),
            onDone: [
              { guard: isOk, target: 'appointments', actions: assign({ appointments: ({ event }) => valueOf(event.output) }) },
              { target: 'failed', actions: assign({ failure: ({ event }) => failureOf(event.output) }) },
            ],
            onError: { target: 'failed', actions: assign({ failure: 'unexpected' }) },
          },
        },

        appointments: {
          on: {
            CANCEL_APPOINTMENT: {
              guard: ({ context, event }) => context.appointments.some((a) => a.appointmentId === event.appointmentId),
              target: 'confirmCancel',
              actions: assign({
                cancelTarget: ({ context, event }) => context.appointments.find((a) => a.appointmentId === event.appointmentId) ?? null,
                notice: null,
              }),
            },
            REPRINT: {
              guard: ({ context, event }) => context.appointments.some((a) => a.appointmentId === event.appointmentId),
              target: 'reprinting',
              actions: assign({
                cancelTarget: ({ context, event }) => context.appointments.find((a) => a.appointmentId === event.appointmentId) ?? null,
                notice: null,
              }),
            },
            BACK: { target: 'loadingSpecialties', actions: assign({ notice: null }) },
          },
        },

        confirmCancel: {
          on: {
            CONFIRM_CANCEL: 'cancelling',
            BACK: { target: 'appointments', actions: assign({ cancelTarget: null }) },
          },
        },

        cancelling: {
          invoke: {
            id: 'cancelAppointment',
            src: 'cancelAppointment',
            input: ({ context }) => ({ sessionId: context.sessionId ?? '', appointmentId: context.cancelTarget?.appointmentId ?? '' }),
            onDone: [
              { guard: isOk, target: 'loadingAppointments', actions: assign({ notice: 'cancelled', cancelTarget: null }) },
              { target: 'failed', actions: assign({ failure: ({ event }) => failureOf(event.output) }) },
            ],
            onError: { target: 'failed', actions: assign({ failure: 'unexpected' }) },
          },
        },

        reprinting: {
          invoke: {
            id: 'reprintAppointment',
            src: 'reprintAppointment',
            input: ({ context }) => ({ sessionId: context.sessionId ?? '', appointmentId: context.cancelTarget?.appointmentId ?? '' }),
            onDone: {
              target: 'appointments',
              // Only a confirmed cut counts as reprinted; anything else says it did not print.
              actions: assign({
                notice: ({ event }) => (event.output.ok && event.output.value.outcome === 'printed' ? 'reprinted' : 'reprint-failed'),
                cancelTarget: null,
              }),
            },
            onError: { target: 'appointments', actions: assign({ notice: 'reprint-failed', cancelTarget: null }) },
          },
        },

        loadingSlots: {
          invoke: {
            id: 'listSlots',
            src: 'listSlots',
            input: ({ context }) => ({ sessionId: context.sessionId ?? '', specialtyCode: context.specialty?.code ?? '' }),
            onDone: [
              {
                // "Book the nearest": straight to holding the first free time.
                guard: ({ context, event }) => context.autoPick && event.output.ok && event.output.value.length > 0,
                target: 'holding',
                actions: assign(({ event }) => {
                  const slots = valueOf(event.output);
                  return { slots, selectedDay: slots[0]?.start.slice(0, 10) ?? null, pendingSlotId: slots[0]?.id ?? null, autoPick: false, hold: null };
                }),
              },
              {
                guard: ({ event }) => event.output.ok && event.output.value.length === 0,
                target: 'noSlots',
                actions: assign({ slots: [], autoPick: false }),
              },
              {
                guard: isOk,
                target: 'slot',
                actions: assign(({ context, event }) => {
                  const slots = valueOf(event.output);
                  const doctorId = context.doctorId && slots.some((s) => s.doctor.id === context.doctorId) ? context.doctorId : null;
                  const shown = slots.filter((s) => doctorId === null || s.doctor.id === doctorId);
                  const days = new Set(shown.map((s) => s.start.slice(0, 10)));
                  // Keep the day the patient was looking at if it still has times (e.g. after "slot taken").
                  const selectedDay =
                    context.selectedDay && days.has(context.selectedDay) ? context.selectedDay : (shown[0]?.start.slice(0, 10) ?? null);
                  return { slots, doctorId, selectedDay, hold: null, autoPick: false };
                }),
              },
              { guard: isRefusal, target: 'specialty', actions: assign({ refusal: ({ event }) => refusalOf(event.output), autoPick: false }) },
              { target: 'failed', actions: assign({ failure: ({ event }) => failureOf(event.output) }) },
            ],
            onError: { target: 'failed', actions: assign({ failure: 'unexpected' }) },
          },
        },

        slot: {
          on: {
            PICK_DAY: {
              guard: ({ context, event }) => context.slots.some((s) => s.start.startsWith(event.date)),
              actions: assign({ selectedDay: ({ event }) => event.date, notice: null }),
            },
            PICK_DOCTOR: {
              guard: ({ context, event }) => event.doctorId === null || context.slots.some((s) => s.doctor.id === event.doctorId),
              actions: assign(({ context, event }) => {
                const shown = context.slots.filter((s) => event.doctorId === null || s.doctor.id === event.doctorId);
                const days = new Set(shown.map((s) => s.start.slice(0, 10)));
                const selectedDay = context.selectedDay && days.has(context.selectedDay) ? context.selectedDay : (shown[0]?.start.slice(0, 10) ?? null);
                return { doctorId: event.doctorId, selectedDay, notice: null };
              }),
            },
            PICK_SLOT: {
              guard: ({ context, event }) => context.slots.some((s) => s.id === event.slotId),
              target: 'holding',
              actions: assign({ pendingSlotId: ({ event }) => event.slotId }),
            },
            JOIN_WAITING_LIST: 'joiningWaitingList',
            BACK: { target: 'specialty', actions: assign({ notice: null }) },
          },
        },

        holding: {
          invoke: {
            id: 'hold',
            src: 'hold',
            input: ({ context }) => ({ sessionId: context.sessionId ?? '', slotId: context.pendingSlotId ?? '' }),
            onDone: [
              {
                guard: isOk,
                target: 'review',
                actions: assign({ hold: ({ event }) => valueOf(event.output), clientKey: () => crypto.randomUUID(), notice: null }),
              },
              { guard: errorIs('slot-taken', 'slot-not-found'), target: 'loadingSlots', actions: assign({ notice: 'slot-taken' }) },
              { guard: isRefusal, target: 'specialty', actions: assign({ refusal: ({ event }) => refusalOf(event.output) }) },
              { target: 'failed', actions: assign({ failure: ({ event }) => failureOf(event.output) }) },
            ],
            onError: { target: 'failed', actions: assign({ failure: 'unexpected' }) },
          },
        },

        review: {
          // Ask the printer now, not 5 s ago: the patient decides with the real state in front of them.
          invoke: {
            id: 'checkPrinter',
            src: 'checkPrinter',
            onDone: { guard: isOk, actions: assign({ printerStatus: ({ event }) => valueOf(event.output) }) },
          },
          on: {
            CONFIRM: 'booking',
            BACK: 'loadingSlots',
          },
        },

        booking: {
          invoke: {
            id: 'book',
            src: 'book',
            input: ({ context }) => ({
              sessionId: context.sessionId ?? '',
              holdId: context.hold?.holdId ?? '',
              clientKey: context.clientKey ?? '',
            }),
            onDone: [
              { guard: isOk, target: 'printing', actions: assign({ booked: ({ event }) => valueOf(event.output) }) },
              {
                guard: errorIs('slot-taken', 'hold-expired', 'hold-not-found'),
                target: 'loadingSlots',
                actions: assign({ notice: ({ event }) => (!event.output.ok && event.output.error.kind === 'slot-taken' ? 'slot-taken' : 'hold-expired') }),
              },
              { guard: isRefusal, target: 'specialty', actions: assign({ refusal: ({ event }) => refusalOf(event.output) }) },
              { target: 'failed', actions: assign({ failure: ({ event }) => failureOf(event.output) }) },
            ],
            onError: { target: 'failed', actions: assign({ failure: 'unexpected' }) },
          },
        },

        printing: {
          invoke: {
            id: 'printTicket',
            src: 'printTicket',
            input: ({ context }) => ({ sessionId: context.sessionId ?? '', appointmentId: context.booked?.appointmentId ?? '' }),
            onDone: {
              target: 'done',
              // A failed call counts as a failed print: the patient must never be told to take a ticket that did not print.
              actions: assign({ printResult: ({ event }) => printedOrFailed(event.output) }),
            },
            onError: {
              target: 'done',
              actions: assign({ printResult: PRINT_CALL_FAILED }),
            },
          },
        },

        done: {
          // Waiting for a volunteer (the ticket did not print) holds the return to the start; closing the dialog counts again.
          after: { doneReturn: { guard: 'assistanceClosed', target: 'ending' } },
          on: {
            FINISH: 'ending',
            BOOK_ANOTHER: { target: 'loadingSpecialties', actions: assign(nextBooking) },
            CLOSE_ASSISTANCE: { target: 'done', reenter: true, actions: 'closeAssistance' },
          },
        },

        failed: {
          on: { RETRY: { target: 'ending' } },
        },

        ending: {
          invoke: {
            id: 'endSession',
            src: 'endSession',
            input: ({ context, event }) => ({ sessionId: context.sessionId, reason: endReasonOf(event.type) }),
            onDone: '#journey.attract',
            onError: '#journey.attract',
          },
        },
      },
    },
  },
});

export type JourneyMachine = typeof journeyMachine;

/** Wires the journey to a bridge: the one place the machine learns how to reach it. */
export function journeyWithBridge(bridge: JourneyBridge & Partial<ServiceBridge>, options: { clearBrowserStorage?: () => void } = {}) {
  const service = (name: keyof ServiceBridge): ServiceBridge => {
    if (!bridge[name]) throw new Error(`bridge has no ${name}`);
    return bridge as ServiceBridge;
  };
  return journeyMachine.provide({
    actors: {
      startSession: fromPromise(({ input }) => bridge.startSessionWithPolicy(input.policyNumber, input.policyKind, input.channel)),
      // A lost call must not break the patient's journey: the dialog still says where help is.
      callAssistance: fromPromise(({ input }) => bridge.callAssistance(input.screen).catch(() => undefined)),
      endSession: fromPromise(({ input }) => bridge.endSession(input.sessionId, input.reason)),
      listSpecialties: fromPromise(({ input }) => bridge.listSpecialties(input.sessionId)),
      listSlots: fromPromise(({ input }) => bridge.listSlots(input.sessionId, input.specialtyCode)),
      listAppointments: fromPromise(({ input }) => bridge.listAppointments(input.sessionId)),
      cancelAppointment: fromPromise(({ input }) => bridge.cancelAppointment(input.sessionId, input.appointmentId)),
      reprintAppointment: fromPromise(({ input }) => bridge.reprintAppointment(input.sessionId, input.appointmentId)),
      joinWaitingList: fromPromise(({ input }) => bridge.joinWaitingList(input.sessionId, input.specialtyCode, input.doctorId)),
      hold: fromPromise(({ input }) => bridge.hold(input.sessionId, input.slotId)),
      book: fromPromise(({ input }) => bridge.book(input.sessionId, input.holdId, input.clientKey)),
      printTicket: fromPromise(({ input }) => bridge.printTicket(input.sessionId, input.appointmentId)),
      checkPrinter: fromPromise(() => bridge.printerStatus()),
      printMemo: fromPromise(({ input }) => bridge.printMemo(input.language)),
      // A failed call leaves the patient on the keypad, which still works; the next tap tries again.
      insertDemoCard: fromPromise(async ({ input }) => bridge.insertDemoCard?.(input.patient).catch(() => undefined)),
      serviceLogin: fromPromise(({ input }) => service('serviceLogin').serviceLogin(input.pin)),
      // Service mode's code loads with its screens, not before the first patient's.
      serviceLoad: fromPromise(async ({ input }) => (await import('./service-mode')).loadService(service('serviceStatus'), input.token)),
      serviceAction: fromPromise(async ({ input }) =>
        (await import('./service-mode')).runServiceAction(service('serviceTestPrint'), input.token, input.action),
      ),
      serviceLogout: fromPromise(async ({ input }) => {
        if (input.token) await service('serviceLogout').serviceLogout(input.token);
      }),
    },
    actions: options.clearBrowserStorage ? { clearBrowserStorage: options.clearBrowserStorage } : {},
  });
}
