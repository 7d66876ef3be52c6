// The UI's only way to the device bridge: the journey's and service mode's
// calls, each one route of the contract's table (device-bridge/contract/routes.ts),
// and one WebSocket for device events. Every answer is checked (bridge-call.ts);
// network trouble and nonsense both become an `unavailable` value.
import type { BridgeEvent } from '../../device-bridge/contract/events';
import type { MemoPrintAnswer } from '../../device-bridge/contract/memo';
import { err } from '../../device-bridge/contract/result';
import { routes } from '../../device-bridge/contract/routes';
import type { JourneyBridge } from '../journey/journey-machine';
import type { ServiceBridge } from '../journey/service-mode';
import { createCaller, type BrowserIo, type CallResult } from './bridge-call';
import { subscribeToEvents } from './event-stream';

export interface BridgeClient extends JourneyBridge, ServiceBridge {
  kioskInfo(): Promise<CallResult<typeof routes.kioskInfo>>;
  /** Calls `onEvent` for every bridge event; reconnects by itself. Returns a stop function. */
  subscribe(onEvent: (event: BridgeEvent) => void): () => void;
}

const browserIo = (): BrowserIo => ({ fetch: (input, init) => fetch(input, init), WebSocket });

export function createBridgeClient(base: string = location.origin, io: BrowserIo = browserIo()): BridgeClient {
  const { call, kioskToken } = createCaller(base, io);
  return {
    kioskInfo: () => call(routes.kioskInfo, {}),
    async endSession(sessionId, reason) {
      await call(routes.endSession, { ...(sessionId ? { sessionId } : {}), query: { reason } });
    },
    // The session header lets the bridge apply the booking rules for this patient (district, age, active bookings).
    listSpecialties: (sessionId) => call(routes.listSpecialties, { sessionId }),
    listSlots: (sessionId, code) => call(routes.listSlots, { sessionId, params: { code } }),
    listAppointments: (sessionId) => call(routes.listAppointments, { sessionId }),
    cancelAppointment: (sessionId, id) => call(routes.cancelAppointment, { sessionId, params: { id } }),
    reprintAppointment: (sessionId, id) => call(routes.printTicket, { sessionId, params: { id } }),
    joinWaitingList: (sessionId, specialtyCode, doctorId) =>
      call(routes.joinWaitingList, { sessionId, body: { specialtyCode, doctorId, claim: 'no-slots' } }),
    hold: (sessionId, slotId) => call(routes.hold, { sessionId, body: { slotId } }),
    outboxOptions: () => call(routes.outboxOptions, {}),
    leaveRequest: (r) =>
      call(routes.leaveRequest, {
        sessionId: r.sessionId ?? undefined,
        body: {
          clientKey: r.clientKey,
          ...(r.policy ? { policyNumber: r.policy.number, policyKind: r.policy.kind } : {}),
          specialtyCode: r.specialtyCode,
          doctorId: r.doctorId,
          claim: r.claim,
          phone: r.phone,
          language: r.language,
        },
      }),
    book: (sessionId, holdId, clientKey) => call(routes.book, { sessionId, body: { holdId, clientKey } }),
    printerStatus: () => call(routes.printerStatus, {}),
    startSessionWithPolicy: (policyNumber, policyKind, channel, birthDate) =>
      call(routes.startSession, { body: { policyNumber, policyKind, channel, ...(birthDate === undefined ? {} : { birthDate }) } }),
    // The screen's name only: the bridge logs, counts and publishes the call; the dialog never waits on it.
    async callAssistance(screen) {
      await call(routes.callAssistance, { body: { screen } });
    },
    insertDemoCard: (patient) => call(routes.insertDemoCard, { body: { patient } }),
    // The bridge answers memo-disabled as a value too; the journey shows any refusal as "did not print".
    async printMemo(language) {
      const answer = await call(routes.printMemo, { body: { language } });
      // Unreachable is the booking flow's `unavailable`; a refusal is the memo's own error.
      return answer.ok || answer.error.kind !== 'unavailable' ? (answer as MemoPrintAnswer) : err(answer.error);
    },
    printTicket: (sessionId, id) => call(routes.printTicket, { sessionId, params: { id } }),
    checkIn: (sessionId, body) => call(routes.checkIn, { ...(sessionId ? { sessionId } : {}), body }),

    serviceLogin: (pin) => call(routes.serviceLogin, { body: { pin } }),
    async serviceLogout(serviceToken) {
      await call(routes.serviceLogout, { serviceToken });
    },
    serviceStatus: (serviceToken) => call(routes.serviceStatus, { serviceToken }),
    serviceJournal: (serviceToken) => call(routes.serviceJournal, { serviceToken, query: { limit: 10 } }),
    serviceTestPrint: (serviceToken) => call(routes.serviceTestPrint, { serviceToken }),
    serviceSetFault: (serviceToken, fault) => call(routes.serviceSetFault, { serviceToken, body: { fault } }),
    serviceReloadConfig: (serviceToken) => call(routes.serviceReloadConfig, { serviceToken }),
    serviceReprint: (serviceToken, id) => call(routes.serviceReprint, { serviceToken, params: { id } }),

    subscribe: (onEvent) => subscribeToEvents(base, io, { kioskToken }, onEvent),
  };
}
