// The wire contract between kiosk-ui and device-bridge. The UI imports these
// with `import type` only; the bridge validates every request body with the
// zod schemas below at the edge.
import { z } from 'zod';
import type { PrinterStatus } from '../printer/printer-port';
import type { TicketData } from '../printer/ticket-data';
import type { LocalDateTime, SchedulerError, Slot, SpecialtyAvailability } from '../scheduler/scheduler-port';

export type { PrinterStatus, TicketData, Slot, SpecialtyAvailability, LocalDateTime };

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
}

export const startSessionRequest = z.object({
  policyNumber: z.string().regex(/^\d{16}$/, 'ЕНП: 16 digits'),
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
  };
}

/** Messages on the WebSocket event stream (`/api/events`). */
export type BridgeEvent = { readonly type: 'printer-status'; readonly status: PrinterStatus };
