// The wire contract between kiosk-ui and device-bridge. The UI imports these
// with `import type` only; the bridge validates every request body with the
// zod schemas below at the edge.
import { z } from 'zod';
import type { PrinterStatus } from '../printer/printer-port';
import type { TicketData } from '../printer/ticket-data';
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

export interface KioskInfo {
  readonly kioskId: string;
  readonly version: string;
  readonly clinic: { readonly name: string; readonly address: string; readonly phone: string; readonly timeZone: string };
  readonly session: { readonly idleSeconds: number; readonly doneSeconds: number };
  /** Smallest touch target in CSS px: 20 mm at the configured screen DPI. */
  readonly minTouchPx: number;
}

export const startSessionRequest = z.object({
  policyNumber: z.string().regex(/^\d{16}$/, 'ЕНП: 16 digits'),
  /** How the number reached the UI: typed on the keypad, or read by a keyboard-wedge scanner (digital policy QR). */
  channel: z.enum(['keypad', 'barcode']).optional(),
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
  | { readonly type: 'kiosk-info'; readonly kiosk: KioskInfo };

// ── Printer service routes (api/printer-routes.ts): print journal and the virtual printer's faults.
export type { JournalAttempt, JournalEntry } from '../journal/print-journal';
export type { ActiveFault as VirtualPrinterFaultState, VirtualPrinterFaultSetting } from '../printer/virtual-printer';

export type PrinterApiError =
  | { readonly kind: 'invalid-request'; readonly field: string; readonly message: string }
  | { readonly kind: 'journal-entry-not-found'; readonly entryId: number }
  /** The fault endpoint exists only while the printer is `virtual://`. */
  | { readonly kind: 'not-virtual-printer' };
export type PrinterApiResult<T> = { ok: true; value: T } | { ok: false; error: PrinterApiError };

/** POST /api/journal/:id/reprint: the entry after the attempt, and how the attempt went. */
export interface ReprintResult {
  readonly entry: import('../journal/print-journal').JournalEntry;
  readonly print: PrintResult;
}

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

/** POST /api/virtual-card/insert (service mode): put the virtual OMS card of this patient into the virtual reader. */
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
  ConfigProblem, ConfigReloadReport, PaperState, RecentLogEntry, ServiceApiError, ServiceApiResult, ServiceLogin, ServiceLoginRequest,
  ServiceReprintResult, ServiceStatus, TestPrintResult,
} from '../service/service-api';
export { SERVICE_TOKEN_HEADER } from '../service/service-api';
/** `DELETE /api/sessions/current?reason=done|home|idle`: why the UI ended the session (metrics only). */
export type { UiSessionEndReason } from '../metrics/kiosk-metrics';
