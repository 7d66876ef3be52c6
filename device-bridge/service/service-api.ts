// The service mode's wire contract (api/contract.ts re-exports the types; the
// UI imports them with `import type`). Every route but login needs the token
// from POST /api/service/login in the `x-service-token` header.
import { z } from 'zod';
import type { ConfigProblem } from '../config-loader';
import type { CardReaderStatus, PrintResult, ScannerStatus } from '../api/contract';
import type { JournalEntry } from '../journal/print-journal';
import type { PaperState } from '../metrics/kiosk-metrics';
import type { PrinterStatus } from '../printer/printer-port';
import type { ActiveFault } from '../printer/emulator/virtual-printer';
import type { ConfigReloadReport } from './config-reload';
import type { RecentLogEntry } from './log-privacy';
import type { ServiceLogin } from './service-auth';

export type { ConfigProblem, ConfigReloadReport, PaperState, RecentLogEntry, ServiceLogin };

/**
 * POST /api/service/login answers who the PIN belongs to: clinic IT gets a
 * service token; the volunteer PIN switches training mode on or off instead.
 */
export type PinLogin = ({ readonly role: 'it' } & ServiceLogin) | { readonly role: 'volunteer'; readonly training: 'started' | 'stopped' };

/** Header that carries the service token; never a URL parameter. */
export const SERVICE_TOKEN_HEADER = 'x-service-token';

/** POST /api/service/login */
export const serviceLoginRequest = z.strictObject({ pin: z.string().min(1).max(32) });
export type ServiceLoginRequest = z.infer<typeof serviceLoginRequest>;

export type ServiceApiError =
  | { readonly kind: 'invalid-request'; readonly field: string; readonly message: string }
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

export type ServiceApiResult<T> = { ok: true; value: T } | { ok: false; error: ServiceApiError };

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
