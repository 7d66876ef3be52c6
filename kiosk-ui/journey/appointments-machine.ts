// «Мои записи»: the patient's upcoming appointments. Cancel one (asked first),
// or print its ticket again. Ends when the patient goes back to booking, or the
// bridge fails.
import { assertEvent, assign, fromPromise, setup } from 'xstate';
import type { ApiResult, AppointmentView, PrintResult } from '../../device-bridge/contract';
import { failedOutput, isOk, unwired, valueOf } from './bridge-answers';
import { appointmentById } from './selectors';
import type { EventOf, Notice, PartOutput } from './types';

export const APPOINTMENTS_EVENTS = ['CANCEL_APPOINTMENT', 'CONFIRM_CANCEL', 'REPRINT', 'BACK'] as const;
type AppointmentsEvent = EventOf<(typeof APPOINTMENTS_EVENTS)[number]>;

export interface AppointmentsContext {
  readonly sessionId: string;
  readonly appointments: readonly AppointmentView[];
  /** The appointment being cancelled or printed again. */
  readonly cancelTarget: AppointmentView | null;
  readonly notice: Notice | null;
}

export const NO_APPOINTMENTS: AppointmentsContext = { sessionId: '', appointments: [], cancelTarget: null, notice: null };

const byTarget = ({ context }: { context: AppointmentsContext }) => ({ sessionId: context.sessionId, appointmentId: context.cancelTarget?.appointmentId ?? '' });

export const appointmentsMachine = setup({
  types: {
    context: {} as AppointmentsContext,
    events: {} as AppointmentsEvent,
    input: {} as { sessionId: string },
    output: {} as PartOutput,
  },
  actors: {
    listAppointments: fromPromise<ApiResult<AppointmentView[]>, { sessionId: string }>(unwired('listAppointments')),
    cancelAppointment: fromPromise<ApiResult<AppointmentView>, { sessionId: string; appointmentId: string }>(unwired('cancelAppointment')),
    reprintAppointment: fromPromise<ApiResult<PrintResult>, { sessionId: string; appointmentId: string }>(unwired('reprintAppointment')),
  },
  guards: {
    listed: ({ context, event }) => (assertEvent(event, ['CANCEL_APPOINTMENT', 'REPRINT']), appointmentById(context.appointments, event.appointmentId) !== null),
  },
  actions: {
    target: assign(({ context, event }) => {
      assertEvent(event, ['CANCEL_APPOINTMENT', 'REPRINT']);
      return { cancelTarget: appointmentById(context.appointments, event.appointmentId), notice: null };
    }),
    // Only a confirmed cut counts as reprinted; anything else says it did not print.
    reprinted: assign((_, printed: boolean) => ({ notice: printed ? ('reprinted' as const) : ('reprint-failed' as const), cancelTarget: null })),
  },
}).createMachine({
  id: 'appointments',
  context: ({ input }) => ({ ...NO_APPOINTMENTS, sessionId: input.sessionId }),
  initial: 'loadingAppointments',
  states: {
    loadingAppointments: {
      invoke: {
        src: 'listAppointments',
        input: ({ context }) => ({ sessionId: context.sessionId }),
        onDone: [{ guard: isOk, target: 'appointments', actions: assign({ appointments: ({ event }) => valueOf(event.output) }) }, 'failed'],
        onError: 'failed',
      },
    },
    appointments: {
      on: {
        CANCEL_APPOINTMENT: { guard: 'listed', target: 'confirmCancel', actions: 'target' },
        REPRINT: { guard: 'listed', target: 'reprinting', actions: 'target' },
        BACK: 'backToBooking',
      },
    },
    confirmCancel: {
      on: { CONFIRM_CANCEL: 'cancelling', BACK: { target: 'appointments', actions: assign({ cancelTarget: null }) } },
    },
    cancelling: {
      invoke: {
        src: 'cancelAppointment',
        input: byTarget,
        onDone: [{ guard: isOk, target: 'loadingAppointments', actions: assign({ notice: 'cancelled', cancelTarget: null }) }, 'failed'],
        onError: 'failed',
      },
    },
    reprinting: {
      invoke: {
        src: 'reprintAppointment',
        input: byTarget,
        onDone: { target: 'appointments', actions: { type: 'reprinted', params: ({ event }) => event.output.ok && event.output.value.outcome === 'printed' } },
        onError: { target: 'appointments', actions: { type: 'reprinted', params: false } },
      },
    },
    backToBooking: { type: 'final', output: { kind: 'back-to-booking' } },
    failed: { type: 'final', output: failedOutput },
  },
  output: ({ event }) => event.output as PartOutput,
});
