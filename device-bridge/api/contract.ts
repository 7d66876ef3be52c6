// The wire contract between kiosk-ui and device-bridge. The UI imports these
// with `import type` only; the bridge validates every request body with the
// zod schemas below at the edge.
import { z } from 'zod';
import { OLD_POLICY_MAX_CHARS, OLD_POLICY_MIN_CHARS, typedPolicyState, type TypedPolicyKind } from '../domain/oms-policy';
import type { AssistanceSignal } from '../assistance/assistance-config';
import { MEMO_LANGUAGES } from '../printer/layout/memo-data';
import type { PrinterStatus } from '../printer/printer-port';
import type { TicketData } from '../printer/layout/ticket-data';
import type { LocalDateTime, SchedulerError, Slot, SpecialtyAvailability } from '../scheduler/scheduler-port';

export type { PrinterStatus, TicketData, Slot, SpecialtyAvailability, LocalDateTime };
// Booking routes for the whole journey (api/booking-routes.ts, booking/booking-api.ts). `ApiError` carries
// every SchedulerError kind, including `not-attached` and `rejected-by-rule` (with its machine-readable `rule`).
export type {
  AppointmentView, AppointmentStatus, BookingRule, DayAvailability, DoctorView, RuleRefusal, SessionChannel, SpecialtyBlock, WaitingListClaim, WaitingListEntry,
} from '../booking/booking-api';

/** Every API answer is a Result: expected failures are values, also on the wire. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export type ApiError =
  | SchedulerError
  | { readonly kind: 'invalid-request'; readonly field: string; readonly message: string }
  | { readonly kind: 'session-expired' }
  | { readonly kind: 'appointment-not-found' };

/** Header that carries the session id; never a URL parameter, so it stays out of access logs. */
export const SESSION_HEADER = 'x-kiosk-session';

/** GET /api/kiosk/token: the per-boot token the served UI sends as `x-kiosk-token` on every mutating call (api/kiosk-token.ts). */
export interface KioskTokenGrant {
  readonly token: string;
}

/** The 401 answer to a mutating call or event stream without the current kiosk token. */
export interface KioskTokenRefusal {
  readonly ok: false;
  readonly error: { readonly kind: 'kiosk-token-required' };
}

export interface KioskInfo {
  readonly kioskId: string;
  readonly version: string;
  readonly clinic: { readonly name: string; readonly address: string; readonly phone: string; readonly timeZone: string };
  readonly session: { readonly idleSeconds: number; readonly doneSeconds: number };
  /** Smallest touch target in CSS px: 20 mm at the configured screen DPI. */
  readonly minTouchPx: number;
  /**
   * Training mode (учебный режим): while `active`, every screen shows the training banner and
   * bookings go to a sandbox; `demoPatients` are the on-screen demo cards, by masked name.
   */
  readonly training: { readonly active: boolean; readonly demoPatients: readonly { readonly displayName: string }[] };
  /** The attract screen offers «Распечатать памятку» (config `memo.enabled`). */
  readonly memoEnabled: boolean;
  /**
   * Where a stuck patient finds help, and how the kiosk calls it (config `assistance`). Optional: the UI
   * shell is cached, so a UI may briefly meet an older bridge; it then only says «обратитесь в регистратуру».
   */
  readonly assistance?: AssistanceInfo;
}

export interface AssistanceInfo {
  /** Free text from the config; `en` null = show the Russian text on English screens too. */
  readonly where: { readonly ru: string; readonly en: string | null };
  readonly callSignal: AssistanceSignal;
}
export type { AssistanceSignal };

/**
 * POST /api/assistance/call: the screen the patient was on, nothing else (camelCase screen names,
 * letters and hyphens only, so no number or name can ride along).
 */
export const assistanceCallRequest = z
  .object({ screen: z.string().regex(/^[a-z][A-Za-z-]{0,39}$/, 'a screen name such as failed or noSlots') })
  .strict();

export interface AssistanceCall {
  readonly screen: string;
  /** ISO instant the bridge took the call. */
  readonly at: string;
}

/** What each kind of typed number must look like; the keypad's live feedback checks the same (domain/oms-policy.ts). */
const TYPED_POLICY_RULES: Record<TypedPolicyKind, string> = {
  enp: 'ЕНП: 16 digits',
  temporary: 'temporary certificate (временное свидетельство): 9 digits',
  old: `old-style policy: series and number, ${OLD_POLICY_MIN_CHARS} to ${OLD_POLICY_MAX_CHARS} letters and digits (at least one digit), spaces or hyphens between groups`,
};

export const startSessionRequest = z
  .object({
    policyNumber: z.string().max(64, 'too long for a policy number'),
    /** The kind the patient chose on the identify screen; absent = ЕНП (card and scanner paths, older UIs). */
    policyKind: z.enum(['enp', 'temporary', 'old']).default('enp'),
    /** How the number reached the UI: typed on the keypad, or read by a keyboard-wedge scanner (digital policy QR). */
    channel: z.enum(['keypad', 'barcode']).optional(),
  })
  .superRefine((body, ctx) => {
    // The ЕНП's check digit is the keypad's business (it explains the typo); the bridge checks the shape only.
    const shape = typedPolicyState(body.policyKind, body.policyNumber).state;
    if (shape !== 'complete' && shape !== 'checksum') {
      ctx.addIssue({ code: 'custom', path: ['policyNumber'], message: TYPED_POLICY_RULES[body.policyKind] });
    }
  });
export type StartSessionRequest = z.infer<typeof startSessionRequest>;

/** What the screen may show of a patient: masked, never the full policy number. */
export interface PatientView {
  /** «Иванова Т. А.» */
  readonly displayName: string;
  readonly birthYear: number;
  readonly policyLast4: string;
}

export interface SessionStarted {
  readonly sessionId: string;
  readonly patient: PatientView;
}

export const holdRequest = z.object({ slotId: z.string().min(1).max(64) });
export type HoldRequest = z.infer<typeof holdRequest>;

export interface HoldView {
  readonly holdId: string;
  readonly slot: Slot;
  readonly expiresAt: string;
}

export const bookRequest = z.object({
  holdId: z.string().min(1).max(64),
  /** Chosen by the UI once per review screen: a retried confirm never books twice. */
  clientKey: z.string().min(8).max(64),
});
export type BookRequest = z.infer<typeof bookRequest>;

export interface Booked {
  readonly appointmentId: string;
  readonly bookingNumber: string;
  readonly slot: Slot;
  readonly ticket: TicketData;
}

export type PrintResult =
  | { readonly outcome: 'printed' }
  | { readonly outcome: 'failed'; readonly status: PrinterStatus };

export type ComponentHealth =
  | { readonly state: 'ok'; readonly detail: string }
  | { readonly state: 'degraded'; readonly detail: string }
  | { readonly state: 'down'; readonly detail: string };

export interface Health {
  readonly status: 'ok' | 'degraded' | 'down';
  readonly kioskId: string;
  readonly version: string;
  readonly components: {
    readonly scheduler: ComponentHealth & { readonly adapter: string };
    readonly printer: ComponentHealth & { readonly address: string; readonly printerState: PrinterStatus['state'] };
    /** Reported for service and monitoring; they never change `status` (the keypad always works). */
    readonly cardReader?: ComponentHealth & { readonly readerState: CardReaderStatus['state'] };
    readonly scanners?: ComponentHealth & { readonly open: number; readonly configured: number };
  };
}

/** Messages on the WebSocket event stream (`/api/events`). */
export type BridgeEvent =
  | { readonly type: 'printer-status'; readonly status: PrinterStatus }
  // Identification by card or scanner (see the identity section below).
  | IdentityEvent
  | ReaderStatusEvent
  /** The kiosk info changed (a config reload: clinic texts, timeouts, touch size); the latest is replayed on connect. */
  | { readonly type: 'kiosk-info'; readonly kiosk: KioskInfo }
  /** A patient pressed «Позвать волонтёра» (never replayed: a call is a moment, not a state). */
  | ({ readonly type: 'assistance-call' } & AssistanceCall);

// ── Print journal and the virtual printer's faults, shown and switched in service mode (service/service-routes.ts).
export type { JournalAttempt, JournalEntry } from '../journal/print-journal';
export type { ActiveFault as VirtualPrinterFaultState, VirtualPrinterFaultSetting } from '../printer/emulator/virtual-printer';

// ── Identification (api/identity-routes.ts, readers/): card and scanner events, service-mode virtual card.

/** How the patient identified: the chip of the plastic policy, or a scanned barcode (paper policy PDF417, digital policy QR). */
export type IdentityChannel = 'card' | 'barcode';

export type IdentityErrorReason =
  | 'card-unreadable'
  | 'card-removed'
  | 'unknown-card'
  | 'no-reader'
  | 'patient-not-found'
  | 'bad-barcode'
  /** The registry could not be asked (scheduler down). */
  | 'unavailable';

/**
 * A card or scan identified the patient (the bridge already started the
 * session; the policy number never leaves the bridge), or could not. Never
 * replayed to a client that connects later: a reconnecting UI must not
 * receive a previous patient's session.
 */
export type IdentityEvent =
  | { readonly type: 'identified'; readonly channel: IdentityChannel; readonly session: SessionStarted }
  | {
      readonly type: 'identity-error';
      readonly channel: IdentityChannel;
      readonly reason: IdentityErrorReason;
      /** Plain Russian for the patient («Вставьте полис другой стороной»). */
      readonly message: string;
    };

/** The chip-card reader as service mode sees it. */
export type CardReaderStatus =
  | { readonly state: 'disabled' }
  /** `no-driver`: the PC/SC binding is not installed; `no-service`: pcscd does not answer. */
  | { readonly state: 'unavailable'; readonly reason: 'no-driver' | 'no-service'; readonly detail: string }
  | { readonly state: 'no-reader' }
  | { readonly state: 'ready'; readonly reader: string }
  | { readonly state: 'reading'; readonly reader: string }
  | { readonly state: 'card-present'; readonly reader: string };

export type ScannerStatus =
  | { readonly url: string; readonly state: 'open' }
  | { readonly url: string; readonly state: 'closed'; readonly detail: string };

/** Every identity device at once: the latest one is replayed to a client that connects. */
export interface ReaderStatusEvent {
  readonly type: 'reader-status';
  readonly card: CardReaderStatus;
  readonly scanners: readonly ScannerStatus[];
}

export const virtualCardBehaviours = ['normal', 'remove-mid-read', 'not-oms', 'garbled'] as const;

/** POST /api/service/virtual-card/insert (service token): put the virtual OMS card of this patient into the virtual reader. */
export const virtualCardInsertRequest = z.object({
  policyNumber: z.string().regex(/^\d{16}$/, 'ЕНП: 16 digits'),
  behaviour: z.enum(virtualCardBehaviours).optional(),
});
export type VirtualCardInsertRequest = z.infer<typeof virtualCardInsertRequest>;

export interface VirtualCardState {
  readonly inserted: boolean;
  /** The virtual reader the card goes into, e.g. «Virtual PCD 00 00». */
  readonly reader: string;
  /** False when the number is not in the registry: the card then carries a test name. */
  readonly patientKnown: boolean | null;
}

export type VirtualCardError =
  | { readonly kind: 'invalid-request'; readonly field: string; readonly message: string }
  /** The card reader is disabled or is not one of vsmartcard's virtual readers. */
  | { readonly kind: 'reader-not-virtual'; readonly message: string }
  /** Nothing listens on the virtual reader's port (pcscd or vsmartcard-vpcd not running). */
  | { readonly kind: 'vpcd-unreachable'; readonly message: string }
  /** The port answers but no reader takes the card (another card is in it). */
  | { readonly kind: 'reader-not-polling'; readonly message: string };
export type VirtualCardResult<T> = { ok: true; value: T } | { ok: false; error: VirtualCardError };

// ── Service mode (service/service-api.ts, service/service-routes.ts): PIN login, status, test print, journal, faults, config reload.
export type {
  ConfigProblem, ConfigReloadReport, PaperState, PinLogin, RecentLogEntry, ServiceApiError, ServiceApiResult, ServiceLogin, ServiceLoginRequest,
  ServiceReprintResult, ServiceStatus, TestPrintResult,
} from '../service/service-api';
export { SERVICE_TOKEN_HEADER } from '../service/service-api';
/** `DELETE /api/sessions/current?reason=done|home|idle`: why the UI ended the session (metrics only). */
export type { UiSessionEndReason } from '../metrics/kiosk-metrics';

// ── The printed памятка (api/memo-routes.ts, memo/memo-printing.ts): printed from the attract screen, no session.
export type { MemoLanguage } from '../printer/layout/memo-data';

/** POST /api/memo/print: the memo in the language the patient sees the screen in. */
export const memoPrintRequest = z.object({ language: z.enum(MEMO_LANGUAGES) }).strict();
export type MemoPrintRequest = z.infer<typeof memoPrintRequest>;

export type MemoApiError =
  | { readonly kind: 'invalid-request'; readonly field: string; readonly message: string }
  /** `memo.enabled` is false in this kiosk's config. */
  | { readonly kind: 'memo-disabled' };

/** The print's outcome as a value: `printed` only after the printer confirmed the cut, else `failed` with its status. */
export type MemoPrintAnswer = { ok: true; value: PrintResult } | { ok: false; error: MemoApiError };
