// The one route table of the bridge: method, path, who may call (session,
// kiosk token, service token), the answer's type and the status of each error
// kind. The bridge registers its routes from it (device-bridge/api/), the UI's
// bridge client builds its calls from it (kiosk-ui/bridge-client/), so no path
// or header is written twice. Zod-free on purpose: the request schemas of each
// route are in contract/route-schemas.ts, which only the bridge loads.
import type { z } from 'zod';
import {
  isKioskInfo,
  isKioskTokenGrant,
  isList,
  isNull,
  isObject,
  isPrinterStatus,
  isPrintResult,
  isSessionStarted,
  type AnswerCheck,
} from './answer-checks';
import type { ApiError, AppointmentView, Booked, DayAvailability, DoctorView, HoldView, SessionStarted, UiSessionEndReason } from './booking';
import {
  API_ERROR_STATUS,
  CHECK_IN_ERROR_STATUS,
  KIOSK_TOKEN_STATUS,
  MEMO_ERROR_STATUS,
  NO_ERROR_STATUS,
  OUTBOX_ERROR_STATUS,
  SERVICE_ERROR_STATUS,
  SPEECH_ERROR_STATUS,
  TRAINING_ERROR_STATUS,
  VIRTUAL_CARD_ERROR_STATUS,
  type StatusTable,
} from './http-status';
import type { ReadersStatus, VirtualCardError, VirtualCardState } from './identity';
import type { InvalidRequest } from './invalid-request';
import type { CheckInError, CheckInOutcome } from './check-in';
import type { AssistanceCall, Health, KioskInfo } from './kiosk';
import { needsKioskToken, type KioskTokenGrant } from './kiosk-token-rule';
import type { MemoApiError } from './memo';
import type { OutboxApiError, OutboxOptions, OutboxReport, RequestAccepted } from './outbox';
import type * as outboxRequests from './outbox-requests';
import type { PrinterStatus, PrintResult } from './printer';
import { RATE_LIMITED_STATUS, type RateLimited } from './rate-limited';
import type * as requests from './requests';
import type { Slot, SpecialtyAvailability, WaitingListEntry } from './scheduling';
import type {
  ActiveFault,
  ConfigReloadReport,
  JournalEntry,
  PinLogin,
  ServiceApiError,
  ServiceReprintResult,
  ServiceStatus,
  TestPrintResult,
} from './service';
import type { SpeechApiError, SpeechRequest } from './speech';
import type { TrainingApiError } from './training';

export type Method = 'GET' | 'POST' | 'DELETE';

/** `:name` segments of a path, as an object of their values. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { readonly [K in Name]: string | number } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { readonly [K in Name]: string | number }
    : {};

export interface Route<P extends string = string, Value = unknown, E extends { readonly kind: string } = { readonly kind: string }, Body = undefined, Query = undefined> {
  readonly method: Method;
  readonly path: P;
  /** The `x-kiosk-session` header: `required` for the patient's own calls, `optional` on reads that then apply the patient's rules. */
  readonly session: 'none' | 'optional' | 'required';
  /** Needs the `x-service-token` header (service mode); refused with 401 `service-token-required` without it. */
  readonly serviceToken: boolean;
  /** How the per-boot kiosk token travels, by the one rule (contract/kiosk-token-rule.ts). */
  readonly kioskToken: 'header' | 'query' | null;
  /** The HTTP status of each error kind the route answers (200 for a value). */
  readonly status: StatusTable<E>;
  /** A cheap check of the answer's value the UI runs before believing it. */
  readonly check: AnswerCheck | null;
  /** Type-level only, never set: what the route takes and answers. */
  readonly types?: { readonly value: Value; readonly error: E; readonly body: Body; readonly query: Query };
}

export type AnyRoute = Route<string, any, any, any, any>;
export type ValueOf<R> = R extends Route<string, infer V, any, any, any> ? V : never;
export type ErrorOf<R> = R extends Route<string, any, infer E, any, any> ? E : never;
export type BodyOf<R> = R extends Route<string, any, any, infer B, any> ? B : never;
export type QueryOf<R> = R extends Route<string, any, any, any, infer Q> ? Q : never;
export type ParamsOf<R> = R extends Route<infer P, any, any, any, any> ? PathParams<P> : never;

interface RouteOptions<E extends { readonly kind: string }> {
  readonly session?: Route['session'];
  readonly serviceToken?: boolean;
  readonly status: StatusTable<E>;
  readonly check?: AnswerCheck;
}

/** `route<Value, Error, Body, Query>()(method, path, options)`: the types first, then the data. */
const route =
  <Value, E extends { readonly kind: string } = never, Body = undefined, Query = undefined>() =>
  <P extends string>(method: Method, path: P, options: RouteOptions<E>): Route<P, Value, E, Body, Query> => ({
    method,
    path,
    session: options.session ?? 'none',
    serviceToken: options.serviceToken ?? false,
    kioskToken: needsKioskToken(method, path),
    status: options.status,
    check: options.check ?? null,
  });

/** The service token's refusal comes first on every guarded route. */
type Guarded<E> = E | Extract<ServiceApiError, { readonly kind: 'service-token-required' }>;
const guardedCard = { ...VIRTUAL_CARD_ERROR_STATUS, 'service-token-required': 401 } as const;
const patient = { session: 'required', status: API_ERROR_STATUS } as const;
const rulesApply = { session: 'optional', status: API_ERROR_STATUS } as const;
const service = { serviceToken: true, status: SERVICE_ERROR_STATUS } as const;

export const routes = {
  // ── The kiosk itself (device-bridge/api/server.ts)
  /** Not a Result: the monitoring answer, 503 when the scheduler is down. */
  health: route<Health>()('GET', '/healthz', { status: NO_ERROR_STATUS }),
  kioskToken: route<KioskTokenGrant, InvalidRequest>()('GET', '/api/kiosk/token', { status: KIOSK_TOKEN_STATUS, check: isKioskTokenGrant }),
  kioskInfo: route<KioskInfo>()('GET', '/api/kiosk', { status: NO_ERROR_STATUS, check: isKioskInfo }),
  /** The WebSocket event stream of `BridgeEvent`s (contract/events.ts). */
  events: route<never>()('GET', '/api/events', { status: NO_ERROR_STATUS }),

  // ── The patient's booking (device-bridge/api/booking-routes.ts)
  /** Rate-limited per bridge (api/rate-limit.ts): 429 `rate-limited` with Retry-After. */
  startSession: route<SessionStarted, ApiError | RateLimited, z.input<typeof requests.startSessionRequest>>()('POST', '/api/sessions', {
    status: { ...API_ERROR_STATUS, ...RATE_LIMITED_STATUS },
    check: isSessionStarted,
  }),
  /** Never refused: an unknown or missing reason still ends the session. */
  endSession: route<null, never, undefined, { readonly reason?: UiSessionEndReason }>()('DELETE', '/api/sessions/current', {
    session: 'required',
    status: NO_ERROR_STATUS,
    check: isNull,
  }),
  listSpecialties: route<SpecialtyAvailability[], ApiError>()('GET', '/api/specialties', { ...rulesApply, check: isList }),
  listDoctors: route<DoctorView[], ApiError>()('GET', '/api/specialties/:code/doctors', { ...rulesApply, check: isList }),
  listDays: route<DayAvailability[], ApiError, undefined, z.input<typeof requests.doctorFilter>>()('GET', '/api/specialties/:code/days', {
    ...rulesApply,
    check: isList,
  }),
  listDaySlots: route<Slot[], ApiError, undefined, z.input<typeof requests.doctorFilter>>()('GET', '/api/specialties/:code/days/:date/slots', {
    ...rulesApply,
    check: isList,
  }),
  listSlots: route<Slot[], ApiError, undefined, z.input<typeof requests.doctorFilter>>()('GET', '/api/specialties/:code/slots', {
    ...rulesApply,
    check: isList,
  }),
  hold: route<HoldView, ApiError, z.input<typeof requests.holdRequest>>()('POST', '/api/holds', { ...patient, check: isObject }),
  book: route<Booked, ApiError, z.input<typeof requests.bookRequest>>()('POST', '/api/bookings', { ...patient, check: isObject }),
  printTicket: route<PrintResult, ApiError>()('POST', '/api/bookings/:id/print', { ...patient, check: isPrintResult }),
  listAppointments: route<AppointmentView[], ApiError>()('GET', '/api/appointments', { ...patient, check: isList }),
  cancelAppointment: route<AppointmentView, ApiError>()('DELETE', '/api/appointments/:id', { ...patient, check: isObject }),
  joinWaitingList: route<WaitingListEntry, ApiError, z.input<typeof requests.waitingListRequest>>()('POST', '/api/waiting-list', {
    ...patient,
    check: isObject,
  }),
  // ── «Оставить заявку»: the durable outbox (device-bridge/outbox/outbox-routes.ts)
  outboxOptions: route<OutboxOptions>()('GET', '/api/outbox/options', { status: NO_ERROR_STATUS, check: isObject }),
  /** With a session the bridge knows the patient; without one (scheduler down) the body carries the policy number. */
  leaveRequest: route<RequestAccepted, OutboxApiError, z.input<typeof outboxRequests.leaveRequestBody>>()('POST', '/api/outbox/requests', {
    session: 'optional',
    status: OUTBOX_ERROR_STATUS,
    check: isObject,
  }),
  /** Check-in on arrival (api/check-in-routes.ts): `via: 'session'` needs the session header, `via: 'ticket'` the QR's code alone. */
  checkIn: route<CheckInOutcome, ApiError | CheckInError, z.input<typeof requests.checkInRequest>>()('POST', '/api/check-in', {
    session: 'optional',
    status: CHECK_IN_ERROR_STATUS,
    check: isObject,
  }),
  printerStatus: route<PrinterStatus>()('GET', '/api/printer/status', { status: NO_ERROR_STATUS, check: isPrinterStatus }),

  // ── Attract screen and devices (assistance/assistance-routes.ts, api/memo-routes.ts, api/training-routes.ts, api/identity-routes.ts)
  /** Any well-formed screen name is taken (unknown ones count as `other`); rate-limited like startSession. */
  callAssistance: route<AssistanceCall, InvalidRequest | RateLimited, z.input<typeof requests.assistanceCallRequest>>()('POST', '/api/assistance/call', {
    status: { 'invalid-request': API_ERROR_STATUS['invalid-request'], ...RATE_LIMITED_STATUS },
    check: isObject,
  }),
  printMemo: route<PrintResult, MemoApiError, z.input<typeof requests.memoPrintRequest>>()('POST', '/api/memo/print', {
    status: MEMO_ERROR_STATUS,
    check: isPrintResult,
  }),
  insertDemoCard: route<SessionStarted, TrainingApiError, z.input<typeof requests.demoCardRequest>>()('POST', '/api/training/demo-card', {
    status: TRAINING_ERROR_STATUS,
    check: isSessionStarted,
  }),
  /**
   * Speech output (device-bridge/speech/speech-routes.ts): a 200 answers the WAV bytes (`audio/wav`), not a
   * Result; a refusal is the usual Result envelope. The kiosk token applies as to every mutating call.
   */
  speak: route<Uint8Array, SpeechApiError, SpeechRequest>()('POST', '/api/speech', { status: SPEECH_ERROR_STATUS }),
  readersStatus: route<ReadersStatus>()('GET', '/api/readers/status', { status: NO_ERROR_STATUS, check: isObject }),

  // ── Service mode (service/service-routes.ts, api/identity-routes.ts): the service token on all but login
  serviceLogin: route<PinLogin, ServiceApiError, z.input<typeof requests.serviceLoginRequest>>()('POST', '/api/service/login', {
    status: SERVICE_ERROR_STATUS,
    check: isObject,
  }),
  serviceLogout: route<null, ServiceApiError>()('POST', '/api/service/logout', { ...service, check: isNull }),
  serviceStatus: route<ServiceStatus, ServiceApiError>()('GET', '/api/service/status', { ...service, check: isObject }),
  serviceTestPrint: route<TestPrintResult, ServiceApiError>()('POST', '/api/service/test-print', { ...service, check: isObject }),
  serviceJournal: route<JournalEntry[], ServiceApiError, undefined, z.input<typeof requests.journalQuery>>()('GET', '/api/service/journal', {
    ...service,
    check: isList,
  }),
  serviceReprint: route<ServiceReprintResult, ServiceApiError>()('POST', '/api/service/journal/:id/reprint', { ...service, check: isObject }),
  serviceOutbox: route<OutboxReport, ServiceApiError>()('GET', '/api/service/outbox', { ...service, check: isObject }),
  serviceFault: route<ActiveFault, ServiceApiError>()('GET', '/api/service/virtual-printer/fault', { ...service, check: isObject }),
  serviceSetFault: route<ActiveFault, ServiceApiError, z.input<typeof requests.virtualPrinterFaultSchema>>()('POST', '/api/service/virtual-printer/fault', {
    ...service,
    check: isObject,
  }),
  serviceReloadConfig: route<ConfigReloadReport, ServiceApiError>()('POST', '/api/service/config/reload', { ...service, check: isObject }),
  virtualCard: route<VirtualCardState, Guarded<VirtualCardError>>()('GET', '/api/service/virtual-card', {
    serviceToken: true,
    status: guardedCard,
    check: isObject,
  }),
  virtualCardInsert: route<VirtualCardState, Guarded<VirtualCardError>, z.input<typeof requests.virtualCardInsertRequest>>()(
    'POST',
    '/api/service/virtual-card/insert',
    { serviceToken: true, status: guardedCard, check: isObject },
  ),
  virtualCardRemove: route<VirtualCardState, Guarded<VirtualCardError>>()('POST', '/api/service/virtual-card/remove', {
    serviceToken: true,
    status: guardedCard,
    check: isObject,
  }),
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
