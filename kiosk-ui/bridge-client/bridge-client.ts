// The UI's only way to the device bridge: same-origin HTTP for calls and one
// WebSocket for device events. Network trouble becomes an `unavailable` value,
// so the journey handles a dead bridge like any other expected failure.
import type {
  ApiResult,
  AppointmentView,
  AssistanceCall,
  ConfigReloadReport,
  JournalEntry,
  PinLogin,
  ServiceReprintResult,
  ServiceStatus,
  TestPrintResult,
  Booked,
  BridgeEvent,
  HoldView,
  KioskInfo,
  KioskTokenGrant,
  PrinterStatus,
  PrintResult,
  SessionStarted,
  Slot,
  SpecialtyAvailability,
  WaitingListEntry,
} from '../../device-bridge/api/contract';
import { KIOSK_TOKEN_HEADER, needsKioskToken } from '../../device-bridge/api/kiosk-token-rule';
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
  // Kept in memory only (never storage): a new bridge process has a new token, asked for again on its 401.
  let kioskToken: Promise<string | null> | null = null;
  const fetchKioskToken = async (): Promise<string | null> => {
    try {
      const response = await fetch(new URL('/api/kiosk/token', base), { cache: 'no-store', signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
      const answer = (await response.json()) as ApiResult<KioskTokenGrant>;
      return answer.ok ? answer.value.token : null;
    } catch {
      return null;
    }
  };
  const currentKioskToken = (renew = false): Promise<string | null> => {
    if (renew || kioskToken === null) {
      kioskToken = fetchKioskToken();
      // A bridge that was down must be asked again next time, not remembered as tokenless.
      void kioskToken.then((token) => {
        if (token === null) kioskToken = null;
      });
    }
    return kioskToken;
  };

  async function call<T>(
    method: string,
    path: string,
    options: { body?: unknown; sessionId?: string; serviceToken?: string } = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.sessionId) headers[SESSION_HEADER] = options.sessionId;
    if (options.serviceToken) headers[SERVICE_TOKEN_HEADER] = options.serviceToken;
    // The per-boot kiosk token (device-bridge/api/kiosk-token.ts), asked for at the first call that needs it.
    const needsToken = needsKioskToken(method, path) === 'header';
    try {
      for (let attempt = 0; ; attempt++) {
        if (needsToken) {
          const token = await currentKioskToken(attempt > 0);
          if (token !== null) headers[KIOSK_TOKEN_HEADER] = token;
        }
        const response = await fetch(new URL(path, base), {
          method,
          headers,
          body: options.body === undefined ? null : JSON.stringify(options.body),
          signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        });
        const answer = (await response.json()) as ApiResult<T> | { ok: false; error: { kind: 'kiosk-token-required' } };
        if (!answer.ok && answer.error.kind === 'kiosk-token-required') {
          // The bridge restarted under this page: one retry with the new token, then it is a fault.
          if (attempt === 0) continue;
          return { ok: false, error: { kind: 'unavailable', cause: 'bridge refused the kiosk token' } };
        }
        return answer as ApiResult<T>;
      }
    } catch (cause) {
      return { ok: false, error: { kind: 'unavailable', cause: `bridge unreachable: ${(cause as Error).name}` } };
    }
  }

  return {
    kioskInfo: () => call<KioskInfo>('GET', '/api/kiosk'),
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
    startSessionWithPolicy: (policyNumber, policyKind, channel) =>
      call<SessionStarted>('POST', '/api/sessions', { body: { policyNumber, policyKind, channel } }),
    // The screen's name only: the bridge logs, counts and publishes the call; the dialog never waits on it.
    async callAssistance(screen) {
      await call<AssistanceCall>('POST', '/api/assistance/call', { body: { screen } });
    },
    // The bridge answers memo-disabled as a value too; the journey shows any refusal as "did not print".
    insertDemoCard: (patient) => call<SessionStarted>('POST', '/api/training/demo-card', { body: { patient } }),
    printMemo: (language) => call<PrintResult>('POST', '/api/memo/print', { body: { language } }),
    printTicket: (sessionId, appointmentId) =>
      call<PrintResult>('POST', `/api/bookings/${encodeURIComponent(appointmentId)}/print`, { sessionId }),

    serviceLogin: (pin) => call<PinLogin>('POST', '/api/service/login', { body: { pin } }),
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
      let failures = 0;
      const connect = async () => {
        // After a refused or dropped stream the token may be stale (the bridge restarted): ask for it again.
        const token = await currentKioskToken(failures > 0);
        if (stopped) return;
        const url = new URL('/api/events', base);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        if (token !== null) url.searchParams.set('token', token);
        socket = new WebSocket(url);
        socket.onopen = () => {
          failures = 0;
        };
        socket.onmessage = (message) => {
          try {
            onEvent(JSON.parse(String(message.data)) as BridgeEvent);
          } catch {
            // A malformed event is dropped; the next status push corrects the picture.
          }
        };
        socket.onclose = () => {
          failures++;
          if (!stopped) retryTimer = setTimeout(() => void connect(), 2000);
        };
      };
      void connect();
      return () => {
        stopped = true;
        clearTimeout(retryTimer);
        socket?.close();
      };
    },
  };
}
