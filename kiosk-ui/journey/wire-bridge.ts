// Wires the journey to a bridge: the one place the shell and each of its parts
// learn how to reach it (`.provide()` of every named actor). The app passes the
// real bridge client (bridge-client/bridge-client.ts); tests pass fakes.
import { fromPromise } from 'xstate';
import type { CheckInBody } from '../../device-bridge/contract/check-in';
import type {
  ApiResult, AppointmentView, Booked, HoldView, MemoPrintAnswer, PrinterStatus, PrintResult, SessionStarted, Slot,
  SpecialtyAvailability, WaitingListEntry, OutboxOptions, RequestAccepted,
} from '../../device-bridge/contract';
import type { Result } from '../../device-bridge/contract/result';
import type { TypedPolicyKind } from '../../device-bridge/domain/oms-policy';
import { appointmentsMachine } from './appointments-machine';
import { bookingMachine } from './booking-machine';
import { checkInMachine, type CheckInAnswer } from './check-in-machine';
import { identificationMachine } from './identification-machine';
import { requestMachine, type LeaveRequestCall } from './request-machine';
import { journeyMachine } from './journey-machine';
import { serviceMachine } from './service-machine';
import type { ServiceBridge } from './service-mode';
import type { Channel, Language, SessionEndReason } from './types';

/** The bridge calls the journey makes. Each resolves with a Result; none is expected to throw. */
export interface JourneyBridge {
  /**
   * Identifies the patient by a typed or scanned number of the given kind (the bridge validates it per kind),
   * with the typed birth date (YYYY-MM-DD) where the kiosk info asks for one.
   */
  startSessionWithPolicy(policyNumber: string, policyKind: TypedPolicyKind, channel: Channel, birthDate?: string): Promise<ApiResult<SessionStarted>>;
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
  /** Check-in on arrival (POST /api/check-in): by the session's patient, or by a scanned ticket's code alone. */
  checkIn(sessionId: string | null, body: CheckInBody): Promise<CheckInAnswer>;
  /** Tells the bridge a patient asked for a volunteer on `screen` (POST /api/assistance/call); never fails the journey. */
  callAssistance(screen: string): Promise<void>;
  /** Prints the памятка in this language; `printed` only after the printer confirmed it (POST /api/memo/print). */
  printMemo(language: Language): Promise<MemoPrintAnswer | ApiResult<PrintResult>>;
  /**
   * Training mode: "inserts" demo patient `patient` (POST /api/training/demo-card). The answer is not
   * awaited by the journey: the bridge announces the session as an `identified` event, like a card read.
   */
  insertDemoCard?(patient: number): Promise<unknown>;
  /** «Оставить заявку» (request-machine.ts): can the kiosk take a request, and for which specialties (GET /api/outbox/options). */
  outboxOptions?(): Promise<Result<OutboxOptions, { readonly kind: string }>>;
  /** Leaves the request (POST /api/outbox/requests): `ok` only once the bridge has it on disk. */
  leaveRequest?(call: LeaveRequestCall): Promise<Result<RequestAccepted, { readonly kind: string }>>;
}

export function journeyWithBridge(bridge: JourneyBridge & Partial<ServiceBridge>, options: { clearBrowserStorage?: () => void } = {}) {
  const service = (name: keyof ServiceBridge): ServiceBridge => {
    if (!bridge[name]) throw new Error(`bridge has no ${name}`);
    return bridge as ServiceBridge;
  };
  const endSession = fromPromise<void, { sessionId: string | null; reason: SessionEndReason }>(({ input }) => bridge.endSession(input.sessionId, input.reason));
  const identification = identificationMachine.provide({
    actors: {
      startSession: fromPromise(({ input }) => bridge.startSessionWithPolicy(input.policyNumber, input.policyKind, input.channel, input.birthDate)),
      endSession,
      // A failed call leaves the patient on the keypad, which still works; the next tap tries again.
      insertDemoCard: fromPromise(async ({ input }) => bridge.insertDemoCard?.(input.patient).catch(() => undefined)),
    },
  });
  const booking = bookingMachine.provide({
    actors: {
      listSpecialties: fromPromise(({ input }) => bridge.listSpecialties(input.sessionId)),
      listSlots: fromPromise(({ input }) => bridge.listSlots(input.sessionId, input.specialtyCode)),
      joinWaitingList: fromPromise(({ input }) => bridge.joinWaitingList(input.sessionId, input.specialtyCode, input.doctorId)),
      hold: fromPromise(({ input }) => bridge.hold(input.sessionId, input.slotId)),
      book: fromPromise(({ input }) => bridge.book(input.sessionId, input.holdId, input.clientKey)),
      printTicket: fromPromise(({ input }) => bridge.printTicket(input.sessionId, input.appointmentId)),
      checkPrinter: fromPromise(() => bridge.printerStatus()),
    },
  });
  const appointments = appointmentsMachine.provide({
    actors: {
      listAppointments: fromPromise(({ input }) => bridge.listAppointments(input.sessionId)),
      cancelAppointment: fromPromise(({ input }) => bridge.cancelAppointment(input.sessionId, input.appointmentId)),
      reprintAppointment: fromPromise(({ input }) => bridge.reprintAppointment(input.sessionId, input.appointmentId)),
    },
  });
  const checkIn = checkInMachine.provide({
    actors: { checkIn: fromPromise(({ input }) => bridge.checkIn(input.sessionId, input.body)) },
  });
  const serviceMode = serviceMachine.provide({
    actors: {
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
  });
  const noOutbox = async () => ({ ok: false as const, error: { kind: 'unavailable' } });
  const request = requestMachine.provide({
    actors: {
      outboxOptions: fromPromise(() => (bridge.outboxOptions ? bridge.outboxOptions() : noOutbox())),
      leaveRequest: fromPromise(({ input }) => (bridge.leaveRequest ? bridge.leaveRequest(input) : noOutbox())),
    },
  });
  return journeyMachine.provide({
    actors: {
      identification,
      request,
      booking,
      appointments,
      checkIn,
      service: serviceMode,
      endSession,
      // A lost call must not break the patient's journey: the dialog still says where help is.
      callAssistance: fromPromise(({ input }) => bridge.callAssistance(input.screen).catch(() => undefined)),
      printMemo: fromPromise(({ input }) => bridge.printMemo(input.language)),
    },
    actions: options.clearBrowserStorage ? { clearBrowserStorage: options.clearBrowserStorage } : {},
  });
}
