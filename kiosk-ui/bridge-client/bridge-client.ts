// The UI's only way to the device bridge: same-origin HTTP for calls and one
// WebSocket for device events. Network trouble becomes an `unavailable` value,
// so the journey handles a dead bridge like any other expected failure.
import type {
  ApiResult,
  AppointmentView,
  ConfigReloadReport,
  JournalEntry,
  ServiceLogin,
  ServiceReprintResult,
  ServiceStatus,
  TestPrintResult,
  Booked,
  BridgeEvent,
  HoldView,
  KioskInfo,
  PrinterStatus,
  PrintResult,
  SessionStarted,
  Slot,
  SpecialtyAvailability,
  WaitingListEntry,
} from '../../device-bridge/api/contract';
import type { JourneyBridge } from '../journey/journey-machine';
import type { ServiceBridge } from '../journey/service-mode';

const SESSION_HEADER = 'x-kiosk-session';
/** Longer than the bridge's own printer timeout, so the bridge decides a print's outcome, not the network. */
const CALL_TIMEOUT_MS = 20_000;

const SERVICE_TOKEN_HEADER = 'x-service-token';

export interface BridgeClient extends JourneyBridge, ServiceBridge {
  kioskInfo(): Promise<ApiResult<KioskInfo>>;
  /** Calls `onEvent` for every bridge event; reconnects by itself. Returns a stop function. */
  subscribe(onEvent: (event: BridgeEvent) => void): () => void;
}

export function createBridgeClient(base: string = location.origin): BridgeClient {
  async function call<T>(
    method: string,
    path: string,
    options: { body?: unknown; sessionId?: string; serviceToken?: string } = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.sessionId) headers[SESSION_HEADER] = options.sessionId;
    if (options.serviceToken) headers[SERVICE_TOKEN_HEADER] = options.serviceToken;
    try {
      const response = await fetch(new URL(path, base), {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      return (await response.json()) as ApiResult<T>;
    } catch (cause) {
      return { ok: false, error: { kind: 'unavailable', cause: `bridge unreachable: ${(cause as Error).name}` } };
    }
  }

  return {
    kioskInfo: () => call<KioskInfo>('GET', '/api/kiosk'),
    startSession: (policyNumber, channel) => call<SessionStarted>('POST', '/api/sessions', { body: { policyNumber, channel } }),
    async endSession(sessionId, reason) {
      await call<null>('DELETE', `/api/sessions/current?reason=${reason}`, sessionId ? { sessionId } : {});
    },
    // The session header lets the bridge apply the booking rules for this patient (district, age, active bookings).
    listSpecialties: (sessionId) => call<SpecialtyAvailability[]>('GET', '/api/specialties', { sessionId }),
    listSlots: (sessionId, code) => call<Slot[]>('GET', `/api/specialties/${encodeURIComponent(code)}/slots`, { sessionId }),
    listAppointments: (sessionId) => call<AppointmentView[]>('GET', '/api/appointments', { sessionId }),
    cancelAppointment: (sessionId, appointmentId) =>
      call<AppointmentView>('DELETE', `/api/appointments/${encodeURIComponent(appointmentId)}`, { sessionId }),
    reprintAppointment: (sessionId, appointmentId) =>
      call<PrintResult>('POST', `/api/bookings/${encodeURIComponent(appointmentId)}/print`, { sessionId }),
    joinWaitingList: (sessionId, specialtyCode, doctorId) =>
      call<WaitingListEntry>('POST', '/api/waiting-list', { body: { specialtyCode, doctorId, claim: 'no-slots' }, sessionId }),
    hold: (sessionId, slotId) => call<HoldView>('POST', '/api/holds', { body: { slotId }, sessionId }),
    book: (sessionId, holdId, clientKey) => call<Booked>('POST', '/api/bookings', { body: { holdId, clientKey }, sessionId }),
    printerStatus: () => call<PrinterStatus>('GET', '/api/printer/status'),
    printTicket: (sessionId, appointmentId) =>
      call<PrintResult>('POST', `/api/bookings/${encodeURIComponent(appointmentId)}/print`, { sessionId }),

    serviceLogin: (pin) => call<ServiceLogin>('POST', '/api/service/login', { body: { pin } }),
    serviceLogout: async (token) => {
      await call<null>('POST', '/api/service/logout', { serviceToken: token });
    },
    serviceStatus: (token) => call<ServiceStatus>('GET', '/api/service/status', { serviceToken: token }),
    serviceJournal: (token) => call<JournalEntry[]>('GET', '/api/service/journal?limit=10', { serviceToken: token }),
    serviceTestPrint: (token) => call<TestPrintResult>('POST', '/api/service/test-print', { serviceToken: token }),
    serviceSetFault: (token, fault) => call<unknown>('POST', '/api/service/virtual-printer/fault', { body: { fault }, serviceToken: token }),
    serviceReloadConfig: (token) => call<ConfigReloadReport>('POST', '/api/service/config/reload', { serviceToken: token }),
    serviceReprint: (token, entryId) => call<ServiceReprintResult>('POST', `/api/service/journal/${entryId}/reprint`, { serviceToken: token }),

    subscribe(onEvent) {
      let socket: WebSocket | null = null;
      let stopped = false;
      let retryTimer: ReturnType<typeof setTimeout> | undefined;
      const connect = () => {
        const url = new URL('/api/events', base);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        socket = new WebSocket(url);
        socket.onmessage = (message) => {
          try {
            onEvent(JSON.parse(String(message.data)) as BridgeEvent);
          } catch {
            // A malformed event is dropped; the next status push corrects the picture.
          }
        };
        socket.onclose = () => {
          if (!stopped) retryTimer = setTimeout(connect, 2000);
        };
      };
      connect();
      return () => {
        stopped = true;
        clearTimeout(retryTimer);
        socket?.close();
      };
    },
  };
}
