// Service mode's screens as a machine: the PIN, then the panel and its actions
// (service-mode.ts has the bridge calls). Clinic IT's PIN opens the panel; the
// volunteer PIN switches training mode and leaves at once. Left alone for two
// minutes it logs out. Ends (after logging out) back on the attract screen.
import { assertEvent, assign, fromPromise, sendTo, setup } from 'xstate';
import type { PinLogin } from '../../device-bridge/contract';
import { unwired } from './bridge-answers';
import { idleTimer } from './idle-timer';
import type { ServiceAction, ServiceNotice, ServiceResult, ServiceSnapshot } from './service-mode';
import type { EventOf, ServiceLoginProblem } from './types';

export const SERVICE_EVENTS = [
  'SERVICE_DIGIT', 'SERVICE_ERASE', 'SERVICE_SUBMIT', 'SERVICE_ACTION', 'SERVICE_REFRESH', 'SERVICE_EXIT', 'HOME', 'ACTIVITY',
] as const;
type ServiceEvent = EventOf<(typeof SERVICE_EVENTS)[number] | 'IDLE_TIMEOUT' | 'IDLE_WARNING'>;

const SERVICE_PIN_MAX = 12;
const SERVICE_PIN_MIN = 4;
/** Service mode left alone this long logs out and returns to the attract screen. */
const SERVICE_IDLE_MS = 120_000;

export interface ServiceContext {
  /** The PIN being typed; never kept after an attempt. */
  readonly servicePin: string;
  readonly serviceToken: string | null;
  /** What the bridge reports: devices, training, the journal. */
  readonly service: ServiceSnapshot | null;
  /** The last action's result. */
  readonly serviceNotice: ServiceNotice | null;
  readonly serviceLoginProblem: ServiceLoginProblem | null;
}

export const SERVICE_CLOSED: ServiceContext = { servicePin: '', serviceToken: null, service: null, serviceNotice: null, serviceLoginProblem: null };

function loginProblemOf(output: ServiceResult<unknown>): ServiceLoginProblem {
  if (output.ok) return { kind: 'unavailable' };
  const error = output.error;
  if (error.kind === 'wrong-pin') return { kind: 'wrong-pin', attemptsLeft: error.attemptsLeft };
  if (error.kind === 'locked-out') return { kind: 'locked-out', retryAfterSeconds: error.retryAfterSeconds, until: error.until };
  if (error.kind === 'service-disabled') return { kind: 'service-disabled' };
  return { kind: 'unavailable' };
}

export const serviceMachine = setup({
  types: { context: {} as ServiceContext, events: {} as ServiceEvent },
  actors: {
    idleTimer,
    serviceLogin: fromPromise<ServiceResult<PinLogin>, { pin: string }>(unwired('serviceLogin')),
    serviceLoad: fromPromise<ServiceResult<ServiceSnapshot>, { token: string }>(unwired('serviceLoad')),
    serviceAction: fromPromise<ServiceResult<ServiceNotice>, { token: string; action: ServiceAction }>(unwired('serviceAction')),
    serviceLogout: fromPromise<void, { token: string | null }>(unwired('serviceLogout')),
  },
  guards: {
    digitFits: ({ context, event }) => (assertEvent(event, 'SERVICE_DIGIT'), /^\d$/.test(event.digit) && context.servicePin.length < SERVICE_PIN_MAX),
    pinLongEnough: ({ context }) => context.servicePin.length >= SERVICE_PIN_MIN,
  },
  actions: {
    addDigit: assign(({ context, event }) => (assertEvent(event, 'SERVICE_DIGIT'), { servicePin: context.servicePin + event.digit })),
    erase: assign(({ context }) => ({ servicePin: context.servicePin.slice(0, -1) })),
    forgetNotice: assign({ serviceNotice: null }),
  },
}).createMachine({
  id: 'service',
  context: SERVICE_CLOSED,
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
        SERVICE_DIGIT: { guard: 'digitFits', actions: 'addDigit' },
        SERVICE_ERASE: { actions: 'erase' },
        SERVICE_SUBMIT: { guard: 'pinLongEnough', target: 'verifying' },
      },
    },
    verifying: {
      invoke: {
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
          // The PIN is never kept after an attempt, right or wrong.
          { target: 'login', actions: assign(({ event }) => ({ servicePin: '', serviceLoginProblem: loginProblemOf(event.output) })) },
        ],
        onError: { target: 'login', actions: assign({ servicePin: '', serviceLoginProblem: { kind: 'unavailable' } }) },
      },
    },
    loading: {
      invoke: {
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
        SERVICE_ACTION: { target: 'acting', actions: 'forgetNotice' },
        SERVICE_REFRESH: { target: 'loading', actions: 'forgetNotice' },
      },
    },
    acting: {
      invoke: {
        src: 'serviceAction',
        input: ({ context, event }) => ({ token: context.serviceToken ?? '', action: event.type === 'SERVICE_ACTION' ? event.action : ({ kind: 'reload' } as const) }),
        onDone: {
          target: 'loading',
          actions: assign({ serviceNotice: ({ event }) => (event.output.ok ? event.output.value : { kind: 'failed', error: event.output.error.kind }) }),
        },
        onError: { target: 'loading', actions: assign({ serviceNotice: { kind: 'failed', error: 'bridge' } }) },
      },
    },
    leaving: {
      invoke: { src: 'serviceLogout', input: ({ context }) => ({ token: context.serviceToken }), onDone: 'loggedOut', onError: 'loggedOut' },
    },
    loggedOut: { type: 'final' },
  },
});
