// The bridge's device events over one WebSocket (`/api/events`, with the kiosk
// token as `?token=`: browsers cannot set headers on a WebSocket). A dropped or
// refused stream is opened again after RECONNECT_MS, with the token asked for
// again (the bridge may have restarted with a new one).
import type { BridgeEvent } from '../../device-bridge/contract/events';
import { KIOSK_TOKEN_QUERY } from '../../device-bridge/contract/headers';
import { routes } from '../../device-bridge/contract/routes';
import type { BrowserIo, Caller } from './bridge-call';
import { urlOf } from './bridge-call';

export const RECONNECT_MS = 2000;

const isBridgeEvent = (value: unknown): value is BridgeEvent =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** Calls `onEvent` for every bridge event; reconnects by itself. Returns a stop function. */
export function subscribeToEvents(base: string, io: Pick<BrowserIo, 'WebSocket'>, caller: Pick<Caller, 'kioskToken'>, onEvent: (event: BridgeEvent) => void): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const connect = async () => {
    // After a refused or dropped stream the token may be stale (the bridge restarted): ask for it again.
    const token = await caller.kioskToken(failures > 0);
    if (stopped) return;
    const url = urlOf(routes.events, base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (token !== null) url.searchParams.set(KIOSK_TOKEN_QUERY, token);
    socket = new io.WebSocket(url);
    socket.onopen = () => {
      failures = 0;
    };
    socket.onmessage = (message) => {
      let event: unknown;
      try {
        event = JSON.parse(String(message.data));
      } catch {
        return;
      }
      // A malformed event is dropped; the next status push corrects the picture.
      if (isBridgeEvent(event)) onEvent(event);
    };
    socket.onclose = () => {
      failures++;
      if (!stopped) retryTimer = setTimeout(() => void connect(), RECONNECT_MS);
    };
  };
  void connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    socket?.close();
  };
}
