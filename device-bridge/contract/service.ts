// Service mode's wire types (device-bridge/service/service-routes.ts): PIN login,
// status, test print, journal, the virtual printer's faults, config reload.
// Every route but login needs the token from POST /api/service/login in the
// `x-service-token` header (contract/headers.ts).
import type { CardReaderStatus, ScannerStatus } from './identity';
import type { InvalidRequest } from './invalid-request';
import type { OutboxReport } from './outbox';
import type { PrinterStatus, PrintResult } from './printer';
import type { Result } from './result';
import type { SpeechStatus } from './speech';
import type { TicketData } from './ticket';

export interface ServiceLogin {
  /** Send it as the `x-service-token` header. */
  readonly token: string;
  /** ISO instant; every authorised call moves it `sessionSeconds` ahead. */
  readonly expiresAt: string;
}

/**
 * POST /api/service/login answers who the PIN belongs to: clinic IT gets a
 * service token; the volunteer PIN switches training mode on or off instead.
 */
export type PinLogin = ({ readonly role: 'it' } & ServiceLogin) | { readonly role: 'volunteer'; readonly training: 'started' | 'stopped' };

/** A config problem with its field path (device-bridge/config-loader.ts reports them). */
export interface ConfigProblem {
  /** Dotted field path (`printer.url`) or the file at fault. */
  readonly path: string;
  readonly message: string;
}

export type ServiceApiError =
  | InvalidRequest
  /** 401: the PIN was wrong; `attemptsLeft` before service mode locks. */
  | { readonly kind: 'wrong-pin'; readonly attemptsLeft: number }
  /** 429 (with Retry-After): too many wrong PINs; even the right one is refused until `until`. */
  | { readonly kind: 'locked-out'; readonly retryAfterSeconds: number; readonly until: string }
  /** 503: no PIN configured or readable; `message` says where it was looked for (never a value). */
  | { readonly kind: 'service-disabled'; readonly message: string }
  /** 401: no token, not the current token, or expired: log in again. */
  | { readonly kind: 'service-token-required'; readonly reason: 'missing' | 'invalid' | 'expired' }
  /** 422: the reloaded config is invalid; nothing was changed. */
  | { readonly kind: 'config-invalid'; readonly problems: readonly ConfigProblem[] }
  /** 404 */
  | { readonly kind: 'journal-entry-not-found'; readonly entryId: number }
  /** 404: the printer is not `virtual://`, so there are no faults to switch. */
  | { readonly kind: 'not-virtual-printer' }
  /** 503: the volunteer PIN was right but training mode cannot start (the demo clinic file is broken: see the log). */
  | { readonly kind: 'training-unavailable' };

export type ServiceApiResult<T> = Result<T, ServiceApiError>;

/** Paper as the metrics and the service screen count it. */
export type PaperState = 'ok' | 'near-end' | 'out' | 'unknown';

/** Paper and cover states of the virtual printer: what its status bytes report. */
export type PaperFault = 'none' | 'paper-near-end' | 'paper-out' | 'cover-open';

/** The virtual printer's fault with its defaults filled in, as GET /api/service/virtual-printer/fault reports it. */
export type ActiveFault =
  | { readonly fault: PaperFault | 'no-status' }
  | { readonly fault: 'disconnect-mid-job'; readonly afterBytes: number }
  | { readonly fault: 'slow-status'; readonly delayMs: number };
export type VirtualPrinterFaultState = ActiveFault;

/** A recent warning or error of the bridge's log, scrubbed of personal data (service/log-privacy.ts). */
export interface RecentLogEntry {
  /** ISO time of the log line. */
  readonly time: string;
  readonly level: 'warn' | 'error' | 'fatal';
  /** The logging part of the bridge (`printer`, `scheduler`, `readers`, …). */
  readonly component: string | null;
  /** The log line's `event` (`scheduler-circuit`, `printer-status`, …). */
  readonly event: string | null;
  readonly message: string;
  /** `reason`, `detail`, `cause` or the error's message, if the line had one. */
  readonly detail: string | null;
}

/** POST /api/service/config/reload */
export interface ConfigReloadReport {
  /** Changed fields now in effect. */
  readonly applied: readonly string[];
  /** Changed fields that take effect at the next start of the bridge (also those of earlier reloads). */
  readonly restartRequired: readonly string[];
}

/** `unknown`: recorded by a boot that ended before the printer answered (crash, power cut): it may or may not have printed. */
export type JournalOutcome = 'pending' | 'printed' | 'failed' | 'unknown';
export type JournalAttemptKind = 'print' | 'reprint';

export interface JournalAttempt {
  /** ISO 8601, UTC. */
  readonly at: string;
  readonly kind: JournalAttemptKind;
  readonly outcome: 'printed' | 'failed';
  /** What the printer reported when the attempt failed. */
  readonly status?: PrinterStatus;
}

/** One booking's ticket in the print journal (device-bridge/journal/print-journal.ts). */
export interface JournalEntry {
  readonly id: number;
  readonly appointmentId: string;
  readonly bookingNumber: string;
  readonly ticket: TicketData;
  /** The outcome of the last attempt; `pending` until one is marked, `unknown` when a restart came first. */
  readonly outcome: JournalOutcome;
  readonly attempts: readonly JournalAttempt[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** GET /api/service/status: everything the service screen shows, asked fresh. */
export interface ServiceStatus {
  readonly kiosk: {
    readonly kioskId: string;
    readonly version: string;
    /** ISO instant the bridge started. */
    readonly startedAt: string;
    readonly uptimeSeconds: number;
    /** The config layers in merge order (after the built-in defaults). */
    readonly configFiles: readonly string[];
    /** Changed config fields waiting for a restart (after a reload). */
    readonly restartRequired: readonly string[];
  };
  readonly printer: {
    /** Where tickets go, e.g. `tcp://127.0.0.1:9100` (the emulator's address when virtual). */
    readonly address: string;
    readonly model: string;
    readonly virtual: boolean;
    readonly status: PrinterStatus;
    readonly paper: PaperState;
    /** The virtual printer's injected fault; null for a real printer. */
    readonly fault: ActiveFault | null;
  };
  readonly readers: { readonly card: CardReaderStatus; readonly scanners: readonly ScannerStatus[] };
  readonly scheduler: {
    readonly adapter: string;
    readonly reachable: boolean;
    /** Why it is not reachable; null when it is. */
    readonly detail: string | null;
    /** How long the status check just took. */
    readonly latencyMs: number;
  };
  /** Speech output (espeak-ng, device-bridge/speech/): ready, switched off, or why it cannot speak. Optional for an older bridge. */
  readonly speech?: SpeechStatus;
  /** Patients the bridge holds in memory right now (how many, never who). */
  readonly sessions: { readonly active: number };
  /** Training mode (учебный режим): on since when, or off; while on, bookings go to the sandbox. */
  readonly training: { readonly active: boolean; readonly since: string | null };
  readonly service: {
    /** Where the PIN is read from, e.g. «environment variable KIOSK_SERVICE_PIN». */
    readonly pinSource: string;
    readonly sessionSeconds: number;
  };
  /** Recent warnings and errors from the log, newest first, scrubbed of personal data. */
  readonly lastErrors: readonly RecentLogEntry[];
  /** «Оставить заявку»: pending, sent and failed requests, initials only (device-bridge/outbox/). */
  readonly outbox?: OutboxReport;
}

/** POST /api/service/test-print: the sample ticket («ОБРАЗЕЦ»), and the printer's status after it. */
export interface TestPrintResult {
  readonly print: PrintResult;
  readonly printer: PrinterStatus;
}

/** POST /api/service/journal/:id/reprint */
export interface ServiceReprintResult {
  readonly entry: JournalEntry;
  readonly print: PrintResult;
}
