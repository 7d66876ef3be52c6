// Messages on the WebSocket event stream (`/api/events`, device-bridge/api/event-hub.ts).
import type { IdentityEvent, ReaderStatusEvent } from './identity';
import type { AssistanceCall, KioskInfo } from './kiosk';
import type { PrinterStatus } from './printer';

export type BridgeEvent =
  | { readonly type: 'printer-status'; readonly status: PrinterStatus }
  // Identification by card or scanner (contract/identity.ts).
  | IdentityEvent
  | ReaderStatusEvent
  /** The kiosk info changed (a config reload: clinic texts, timeouts, touch size); the latest is replayed on connect. */
  | { readonly type: 'kiosk-info'; readonly kiosk: KioskInfo }
  /** A patient pressed «Позвать волонтёра» (never replayed: a call is a moment, not a state). */
  | ({ readonly type: 'assistance-call' } & AssistanceCall);
